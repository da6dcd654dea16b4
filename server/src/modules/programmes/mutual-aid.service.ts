import type { z } from 'zod';
import { canSee } from '../../kernel/access.js';
import type { Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed, type FieldIssue } from '../../kernel/errors.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { isWithin, orgAncestry } from '../../kernel/org-tree.js';
import { decodeCursor, everyPage, paginate } from '../../kernel/pagination.js';
import { actorOf, audit, audited, scopeOf, workTime } from '../../kernel/use-case.js';
import { initialColumns, recordStart } from '../../kernel/workflow.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { z as zod } from 'zod';
import type { MutualAidRules } from './programmes.kind-schemas.js';
import * as kinds from './programmes.kinds.repository.js';
import { authorizeRunProgrammes, canSeeProgramme, isProgrammeOpen, reviewChainFor } from './programmes.policy.js';
import { applicantIdOf } from './programmes.applicant.js';
import * as repo from './programmes.repository.js';
import { programmeRules } from './programmes.schemas.js';
import { payeeColumns, presentApplication } from './programmes.service.js';
import { applicationWorkflow } from './programmes.workflow.js';
import type { billBody, claimBody, enrolBody, listEnrolmentsQuery } from './mutual-aid.schemas.js';

/**
 * 医疗互助 (seed 004, Inner Mongolia): a unit's members are enrolled in a programme for a period (an Excel list or one
 * by one); an enrolled member's claim lists hospital bills, and pays the self-paid part left after basic medical
 * insurance and major-illness insurance, by the programme's tiers, at most `perMemberCapFen` across the member's
 * claims of the programme (50,000,000 fen by default). A claim is an application of the programme: it goes through
 * the usual review, notice, approval and disbursement.
 */

const timeCursor = zod.object({ createdAt: zod.string(), id: zod.uuid() });

interface MutualAidProgramme extends repo.ProgrammeRow {
  mutualAid: MutualAidRules;
}

/** A mutual-aid programme the caller may see (404 otherwise, and for a programme of another kind). */
async function mutualAidProgramme(ctx: AppContext, principal: Principal, id: string): Promise<MutualAidProgramme> {
  const row = await repo.findProgramme(ctx.db, id);
  if (!row || row.kind !== 'medical_mutual_aid' || !canSeeProgramme(principal, row.orgPath))
    throw new AppError('NOT_FOUND');
  const mutualAid = programmeRules.parse(row.rules).mutualAid;
  // Creation requires the rules for this kind (createProgrammeBody); a programme without them takes no claims.
  if (!mutualAid) throw new AppError('NOT_FOUND');
  return { ...row, mutualAid };
}

/** The programme's window as Shanghai dates: the default enrolment period. */
function windowOf(p: { opensAt: Date; closesAt: Date }) {
  return { startsOn: shanghaiDate(p.opensAt), endsOn: shanghaiDate(new Date(p.closesAt.getTime() - 1)) };
}

function presentEnrolment(e: kinds.EnrolmentRow) {
  return {
    id: e.id,
    programmeId: e.programmeId,
    member: { id: e.memberId, name: e.memberName, phone: e.phoneMasked, idNumber: e.idNumberMasked },
    org: { id: e.orgId, name: e.orgName },
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    source: e.source,
    createdAt: e.createdAt.toISOString(),
  };
}

/** Staff (programme_officer over the member's union) enrol one member of the programme's subtree. */
export async function enrolMember(
  ctx: AppContext,
  principal: StaffPrincipal,
  programmeId: string,
  input: z.infer<typeof enrolBody>,
) {
  const programme = await mutualAidProgramme(ctx, principal, programmeId);
  const member = await repo.findMember(ctx.db, input.memberId);
  if (!member || !canSee(principal, member.orgPath))
    throw validationFailed([{ path: 'memberId', code: 'not_in_scope', message: '' }]);
  authorizeRunProgrammes(principal, member.orgPath);
  if (!isWithin(member.orgPath, programme.orgPath))
    throw validationFailed([{ path: 'memberId', code: 'not_eligible', message: '' }]);
  const period = { ...windowOf(programme), ...definedOf(input) };
  if (period.endsOn < period.startsOn) throw validationFailed([{ path: 'endsOn', code: 'invalid', message: '' }]);
  const inserted = await audited(
    ctx,
    principal,
    (tx) =>
      kinds.insertEnrolments(tx, [
        {
          programmeId: programme.id,
          memberId: member.id,
          orgId: member.orgId,
          ...period,
          source: 'manual',
          createdBy: principal.staffId,
          createdAt: ctx.clock.now(),
        },
      ]),
    {
      action: 'mutual_aid.enrol',
      objectType: 'programme',
      objectId: programme.id,
      orgId: member.orgId,
      details: { memberId: member.id, ...period },
    },
  );
  if (inserted.length === 0) throw new AppError('ENROLMENT_EXISTS');
  return presentEnrolment((await kinds.findEnrolment(ctx.db, programme.id, member.id))!);
}

function definedOf(input: { startsOn?: string | undefined; endsOn?: string | undefined }) {
  return {
    ...(input.startsOn !== undefined ? { startsOn: input.startsOn } : {}),
    ...(input.endsOn !== undefined ? { endsOn: input.endsOn } : {}),
  };
}

/** The programme's enrolments of the members of a subtree (the caller's, or `orgId`'s), newest first. */
export async function listEnrolments(
  ctx: AppContext,
  principal: StaffPrincipal,
  programmeId: string,
  q: z.infer<typeof listEnrolmentsQuery>,
) {
  const programme = await mutualAidProgramme(ctx, principal, programmeId);
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeRunProgrammes);
  const rows = await kinds.listEnrolments(ctx.db, programme.id, scope, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return { items: page.items.map(presentEnrolment), nextCursor: page.nextCursor };
}

/** The enrolment list (参保名单) as a workbook, every page; the export is audited. */
export async function exportEnrolments(
  ctx: AppContext,
  principal: StaffPrincipal,
  programmeId: string,
  q: { orgId?: string | undefined },
) {
  const programme = await mutualAidProgramme(ctx, principal, programmeId);
  const rows = await everyPage(
    (cursor) => listEnrolments(ctx, principal, programme.id, { ...q, limit: 100, cursor }),
    (e) => ({
      name: e.member.name,
      idNumber: e.member.idNumber ?? '',
      phone: e.member.phone,
      org: e.org.name,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      source: e.source === 'manual' ? '逐个登记' : 'Excel导入',
    }),
  );
  await audit(ctx, principal, {
    action: 'mutual_aid.enrolments_export',
    objectType: 'programme',
    objectId: programme.id,
    orgId: principal.orgId,
    details: { rows: rows.length, ...q },
  });
  return workbookOf(
    '参保名单',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '身份证号', key: 'idNumber', width: 22, kind: 'text' },
      { header: '手机号', key: 'phone', width: 14, kind: 'text' },
      { header: '所在工会', key: 'org', width: 24 },
      { header: '开始日期', key: 'startsOn', width: 12, kind: 'text' },
      { header: '结束日期', key: 'endsOn', width: 12, kind: 'text' },
      { header: '登记方式', key: 'source', width: 10 },
    ],
    rows,
  );
}

type Bill = z.infer<typeof billBody>;

/**
 * One bill's reimbursement: the self-paid part (total − basic − major-illness) cut into the tiers' bands, each band
 * paid at its percent, rounded down to the fen. Bands past the last bounded tier pay nothing.
 */
export function computeBill(bill: Bill, index: number, tiers: MutualAidRules['tiers']) {
  const selfPaidFen = bill.totalFen - bill.basicInsuranceFen - bill.majorIllnessFen;
  let from = 0;
  const lines = tiers.map((tier) => {
    const upto = tier.uptoFen ?? null;
    const top = upto === null ? selfPaidFen : Math.min(selfPaidFen, upto);
    const baseFen = Math.max(0, top - from);
    const line = {
      fromFen: from,
      uptoFen: upto,
      percent: tier.percent,
      baseFen,
      paidFen: Math.floor((baseFen * tier.percent) / 100),
    };
    from = upto ?? from;
    return line;
  });
  return {
    index,
    totalFen: bill.totalFen,
    basicInsuranceFen: bill.basicInsuranceFen,
    majorIllnessFen: bill.majorIllnessFen,
    selfPaidFen,
    tiers: lines,
    computedFen: lines.reduce((sum, l) => sum + l.paidFen, 0),
  };
}

/**
 * A claim (理赔申请): by the member for themself, or by staff (programme_officer over the member's union) for a member.
 * Only a member enrolled in the programme, for bills admitted within the enrolment's period. Pays the tiers' sum, at
 * most what the member's cap has left (a claim beyond it is paid what is left; nothing left: 409 CAP_EXCEEDED). The
 * member's claims are serialised by the engine's lock on a member's applications to a programme, so concurrent claims
 * never pass the cap together. The claim is an application (`claim-<n>`: one per claim) on the usual review chain.
 */
export async function fileClaim(
  ctx: AppContext,
  principal: Principal,
  input: z.infer<typeof claimBody>,
  idempotencyKey: string | undefined,
) {
  const member = await repo.findMember(ctx.db, applicantIdOf(principal, input.memberId));
  // The member a claim is about is its object: outside the caller's subtree it does not exist.
  if (!member || (principal.kind === 'staff' && !canSee(principal, member.orgPath))) throw new AppError('NOT_FOUND');
  let programmeId = input.programmeId;
  if (programmeId === undefined) {
    const enrolled = await kinds.enrolmentsOfMember(ctx.db, member.id);
    if (enrolled.length === 0) throw new AppError('NOT_ENROLLED');
    if (enrolled.length > 1)
      throw validationFailed([{ path: 'programmeId', code: 'required', message: 'enrolled in several programmes' }]);
    programmeId = enrolled[0]!.programmeId;
  }
  const programme = await mutualAidProgramme(ctx, principal, programmeId);
  if (principal.kind === 'staff') authorizeRunProgrammes(principal, member.orgPath);
  if (!isWithin(member.orgPath, programme.orgPath)) throw new AppError('NOT_ENROLLED');
  const enrolment = await kinds.findEnrolment(ctx.db, programme.id, member.id);
  if (!enrolment) throw new AppError('NOT_ENROLLED');
  const time = workTime(ctx);
  if (!isProgrammeOpen(programme, time.now))
    throw new AppError('PROGRAMME_NOT_OPEN', {
      opensAt: programme.opensAt.toISOString(),
      closesAt: programme.closesAt.toISOString(),
    });
  const issues: FieldIssue[] = [];
  input.bills.forEach((b, i) => {
    if (b.basicInsuranceFen + b.majorIllnessFen > b.totalFen)
      issues.push({ path: `bills.${i}.basicInsuranceFen`, code: 'insured_exceeds_total', message: '' });
    if (b.admittedOn < enrolment.startsOn || b.admittedOn > enrolment.endsOn)
      issues.push({ path: `bills.${i}.admittedOn`, code: 'outside_enrolment', message: '' });
    if (b.dischargedOn !== undefined && b.dischargedOn < b.admittedOn)
      issues.push({ path: `bills.${i}.dischargedOn`, code: 'invalid', message: '' });
  });
  if (issues.length > 0) throw validationFailed(issues);
  const { tiers, perMemberCapFen } = programme.mutualAid;
  const bills = input.bills.map((b, i) => computeBill(b, i, tiers));
  const computedFen = bills.reduce((sum, b) => sum + b.computedFen, 0);
  if (computedFen === 0) throw validationFailed([{ path: 'bills', code: 'nothing_reimbursable', message: '' }]);
  const rules = programmeRules.parse(programme.rules);
  const owner =
    principal.kind === 'worker'
      ? { ownerKind: 'worker', ownerId: principal.accountId }
      : { ownerKind: 'staff', ownerId: principal.staffId };
  const answer = await runIdempotent(
    ctx.db,
    {
      principal: `${owner.ownerKind}:${owner.ownerId}`,
      scope: 'mutual_aid.claim',
      key: idempotencyKey,
      payload: { input, memberId: member.id, programmeId: programme.id },
    },
    async (tx) => {
      await repo.lockMemberApplications(tx, programme.id, member.id);
      const usedBeforeFen = await repo.sumAppliedSince(tx, programme.id, member.id, new Date(0));
      const leftBeforeFen = Math.max(0, perMemberCapFen - usedBeforeFen);
      if (leftBeforeFen === 0)
        throw new AppError('CAP_EXCEEDED', { cap: 'perMemberCapFen', limitFen: perMemberCapFen, leftFen: 0 });
      const amountFen = Math.min(computedFen, leftBeforeFen);
      const computation = {
        bills,
        computedFen,
        cap: { limitFen: perMemberCapFen, usedBeforeFen, leftBeforeFen },
        amountFen,
        capped: amountFen < computedFen,
      };
      const attachmentIds = [...new Set(input.attachmentIds ?? [])];
      const owned = await repo.ownedFileIds(tx, owner, attachmentIds);
      const foreign = attachmentIds.findIndex((id) => !owned.has(id));
      if (foreign >= 0) throw validationFailed([{ path: `attachmentIds.${foreign}`, code: 'invalid', message: '' }]);
      const period = `claim-${(await kinds.countClaims(tx, programme.id, member.id)) + 1}`;
      const chain = reviewChainFor(await orgAncestry(tx, member.orgPath), programme.orgId, rules.reviewLevels);
      const id = await repo.insertApplication(tx, {
        programmeId: programme.id,
        memberId: member.id,
        orgId: member.orgId,
        period,
        details: { bills: input.bills, computation },
        amountFen,
        reviewChain: chain,
        ...(input.payee ? payeeColumns(ctx, input.payee) : {}),
        createdBy: `${owner.ownerKind}:${owner.ownerId}`,
        createdAt: time.now,
        ...initialColumns(applicationWorkflow, time),
        status: applicationWorkflow.initial,
      });
      await repo.attachFiles(tx, id, attachmentIds);
      await recordStart(tx, applicationWorkflow, id, {
        action: 'apply',
        actor: actorOf(principal),
        parties: principal.kind === 'worker' ? ['applicant'] : ['staff:agent'],
        orgId: member.orgId,
        data: { programmeId: programme.id, amountFen, period, computedFen, capped: computation.capped },
        time,
      });
      const row = (await repo.findApplication(tx, id))!;
      return {
        statusCode: 201,
        body: { application: await presentApplication(tx, principal, row, true, time.now), computation },
      };
    },
  );
  return answer.body;
}

/** The signed-in member's enrolments: the period covered, the cap, what their claims used and what is left. */
export async function myMutualAid(ctx: AppContext, worker: WorkerPrincipal) {
  if (!worker.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  const memberId = worker.membership.memberId;
  const items = [];
  for (const e of await kinds.enrolmentsOfMember(ctx.db, memberId)) {
    const capFen = programmeRules.parse(e.rules).mutualAid?.perMemberCapFen ?? 0;
    const usedFen = await repo.sumAppliedSince(ctx.db, e.programmeId, memberId, new Date(0));
    items.push({
      programme: { id: e.programmeId, title: e.title },
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      capFen,
      usedFen,
      leftFen: Math.max(0, capFen - usedFen),
    });
  }
  return { items };
}
