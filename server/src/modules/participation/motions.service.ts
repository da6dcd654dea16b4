import type { z } from 'zod';
import { requireStaffRole } from '../../kernel/access.js';
import type { Membership, Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import {
  checkUpload,
  readStoredFile,
  storeFile,
  withStagedFile,
  type FileKind,
  type FileToServe,
} from '../../kernel/files.js';
import { checkIdempotencyKey } from '../../kernel/idempotency.js';
import { isWithin } from '../../kernel/org-tree.js';
import { audit, audited, auditIn, inScope } from '../../kernel/use-case.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { representationsOfMember } from './congresses.repository.js';
import {
  congressInScope,
  lockActiveCongressIn,
  representativeOf,
  requireActiveCongress,
} from './congresses.service.js';
import { isVotingOpen, type BallotAnswer } from './motions.ballots.js';
import { publishDisclosure } from './motions.disclosure.js';
import * as repo from './motions.repository.js';
import { motionOutcome, type BallotChoice } from './motions.rule.js';
import type { createMotionBody, MotionStatus } from './motions.schemas.js';
import { motionsState } from './motions.state.js';
import { authorizeRunParticipation } from './participation.policy.js';

/** What a motion's document may be, and how big (as programme documents: scanned PDFs and photos). */
const documentKinds: readonly FileKind[] = ['png', 'jpeg', 'pdf'];
export const maxMotionDocumentBytes = 10 * 1024 * 1024;

export function motionStatus(row: repo.MotionRow, now: Date): MotionStatus {
  if (row.closedAt) return 'closed';
  if (now < row.opensAt) return 'scheduled';
  return isVotingOpen(row, now) ? 'open' : 'ended';
}

function presentMotion(row: repo.MotionRow, now: Date, myChoice?: BallotChoice | null) {
  return {
    id: row.id,
    congress: { id: row.congressId, name: row.congressName },
    title: row.title,
    body: row.body,
    document:
      row.documentFileId && row.documentFileName && row.documentMediaType
        ? { id: row.documentFileId, fileName: row.documentFileName, mediaType: row.documentMediaType }
        : null,
    status: motionStatus(row, now),
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    disclosure:
      row.disclosureId && row.disclosureHash ? { id: row.disclosureId, contentHash: row.disclosureHash } : null,
    ...(myChoice !== undefined ? { myChoice } : {}),
  };
}

/** A motion of the caller's subtree (else 404), for a participation officer (else 403). */
async function motionInScope(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return inScope(await repo.findMotion(ctx.db, id), principal, authorizeRunParticipation);
}

/**
 * A motion to read: staff of its subtree (participation officers), or an active representative of its congress
 * (with their representative row). Anyone else: 404 outside the congress's subtree, 403 a member of it who is not a
 * representative.
 */
async function motionForReader(ctx: AppContext, principal: Principal, id: string) {
  if (principal.kind === 'staff') return { row: await motionInScope(ctx, principal, id), representativeId: null };
  const row = await repo.findMotion(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const { representative } = await representativeOf(ctx, principal, row.congressId);
  return { row, representativeId: representative.id };
}

const shanghaiTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** Tells the congress's representatives in their app that the motion is open for their ballot. */
async function announceOpen(
  tx: Db,
  motion: { id: string; congressId: string; title: string; closesAt?: Date | null },
): Promise<void> {
  const accounts = await repo.representativeAccounts(tx, motion.congressId);
  await repo.notifyAccounts(tx, accounts, {
    title: '职代会表决已开始',
    body: motion.closesAt
      ? `${motion.title}：请在 ${shanghaiTime.format(motion.closesAt)} 前投票`
      : `${motion.title}：请及时投票`,
    link: `/motions/${motion.id}`,
  });
}

/** A participation officer puts a motion (议案) to an active congress term; it opens at opensAt (default now). */
export async function createMotion(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  input: z.infer<typeof createMotionBody>,
) {
  const congress = await congressInScope(ctx, principal, congressId);
  requireActiveCongress(congress);
  const now = ctx.clock.now();
  const opensAt = input.opensAt ? new Date(input.opensAt) : now;
  const closesAt = input.closesAt ? new Date(input.closesAt) : null;
  if (closesAt && closesAt <= now)
    throw validationFailed([{ path: 'closesAt', code: 'too_small', message: 'must be in the future' }]);
  if (input.documentFileId && !(await repo.ownedFile(ctx.db, 'staff', principal.staffId, input.documentFileId)))
    throw validationFailed([{ path: 'documentFileId', code: 'unknown_file', message: '' }]);
  const opensNow = opensAt <= now;
  const id = await audited(
    ctx,
    principal,
    async (tx) => {
      await lockActiveCongressIn(tx, congressId);
      const created = await repo.insertMotion(tx, {
        congressId,
        title: input.title,
        body: input.body,
        documentFileId: input.documentFileId ?? null,
        opensAt,
        closesAt,
        createdBy: principal.staffId,
        createdAt: now,
        announcedAt: opensNow ? now : null,
      });
      if (opensNow) await announceOpen(tx, { id: created, congressId, title: input.title, closesAt });
      return created;
    },
    (created) => ({
      action: 'motion.create',
      objectType: 'motion',
      objectId: created,
      orgId: congress.orgId,
      details: {
        congressId,
        title: input.title,
        documentFileId: input.documentFileId ?? null,
        opensAt: opensAt.toISOString(),
        closesAt: closesAt?.toISOString() ?? null,
      },
    }),
  );
  return presentMotion((await repo.findMotion(ctx.db, id))!, now);
}

/**
 * Tells the representatives of motions scheduled to open later, once they are open (the module's background sweep;
 * a motion opening at once was announced when it was created). Answers how many were announced.
 */
export async function announceOpenedMotions(ctx: AppContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const opened = await repo.claimUnannounced(tx, ctx.clock.now());
    for (const m of opened) await announceOpen(tx, m);
    return opened.length;
  });
}

/** Every minute, tells the representatives of scheduled motions that have opened since. */
export function startMotions(ctx: AppContext): void {
  ctx.background.every('participation.motions.announce', 60_000, () => announceOpenedMotions(ctx));
}

/** A congress's motions: to its staff, and to its representatives with their own choice on each. */
export async function listCongressMotions(ctx: AppContext, principal: Principal, congressId: string) {
  const now = ctx.clock.now();
  if (principal.kind === 'staff') {
    await congressInScope(ctx, principal, congressId);
    return {
      items: (await repo.motionsOfCongresses(ctx.db, [congressId])).map((m) => presentMotion(m, now)),
      nextCursor: null,
    };
  }
  const { representative } = await representativeOf(ctx, principal, congressId);
  return withMyChoices(ctx, await repo.motionsOfCongresses(ctx.db, [congressId]), [representative.id], now);
}

async function withMyChoices(ctx: AppContext, rows: repo.MotionRow[], representativeIds: string[], now: Date) {
  const mine = await repo.choicesOf(
    ctx.db,
    representativeIds,
    rows.map((m) => m.id),
  );
  const rank = (m: repo.MotionRow) => ({ open: 0, scheduled: 1, ended: 2, closed: 3 })[motionStatus(m, now)];
  const ordered = [...rows].sort((a, b) => rank(a) - rank(b));
  return { items: ordered.map((m) => presentMotion(m, now, mine.get(m.id) ?? null)), nextCursor: null };
}

/** The motions of every congress the signed-in member represents: open ones first (the member app's list). */
export async function listMyMotions(ctx: AppContext, principal: WorkerPrincipal) {
  if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  const representations = await representationsOfMember(ctx.db, principal.membership.memberId);
  const rows = await repo.motionsOfCongresses(
    ctx.db,
    representations.map((r) => r.congressId),
  );
  return withMyChoices(
    ctx,
    rows,
    representations.map((r) => r.representativeId),
    ctx.clock.now(),
  );
}

export async function getMotion(ctx: AppContext, principal: Principal, id: string) {
  const { row, representativeId } = await motionForReader(ctx, principal, id);
  const now = ctx.clock.now();
  if (!representativeId) return presentMotion(row, now);
  const mine = await repo.choicesOf(ctx.db, [representativeId], [row.id]);
  return presentMotion(row, now, mine.get(row.id) ?? null);
}

/**
 * A representative's ballot: once per motion (409 ALREADY_VOTED), inside the voting window (409 VOTING_CLOSED).
 * Served by the ballot desk in batches (motions.ballots.ts). A member outside the congress's subtree: 404; in it but
 * not a representative: 403.
 */
export async function castBallot(
  ctx: AppContext,
  principal: WorkerPrincipal & { membership: Membership },
  motionId: string,
  choice: BallotChoice,
  key: string | undefined,
): Promise<BallotAnswer> {
  checkIdempotencyKey(key);
  const desk = ctx.state.get(motionsState).ballots;
  const motion = await desk.motions.load(motionId);
  if (!motion || !isWithin(principal.membership.orgPath, motion.orgPath)) throw new AppError('NOT_FOUND');
  const answer = await desk.submit(
    { id: motion.id, congressId: motion.congressId, congressStatus: motion.congressStatus, orgId: motion.orgId },
    { memberId: principal.membership.memberId, accountId: principal.accountId, choice, key },
  );
  return answer.body;
}

/** The result: running counts (staff only) until closed, then the fixed result (staff and the representatives). */
export async function getResult(ctx: AppContext, principal: Principal, id: string) {
  const { row } = await motionForReader(ctx, principal, id);
  const disclosure =
    row.disclosureId && row.disclosureHash ? { id: row.disclosureId, contentHash: row.disclosureHash } : null;
  if (row.closedAt && row.resultRepresentatives !== null) {
    const counts = { for: row.resultFor ?? 0, against: row.resultAgainst ?? 0, abstain: row.resultAbstain ?? 0 };
    return {
      ...counts,
      ...motionOutcome(counts, row.resultRepresentatives),
      representatives: row.resultRepresentatives,
      final: true,
      disclosure,
    };
  }
  // Secret ballots: while the vote runs, no member learns how the others voted.
  if (principal.kind !== 'staff') throw new AppError('FORBIDDEN', { reason: 'result_not_published' });
  const [counts, representatives] = await Promise.all([
    repo.ballotCounts(ctx.db, row.id),
    repo.representativesOfMotion(ctx.db, row.congressId, row.id),
  ]);
  return { ...counts, ...motionOutcome(counts, representatives), representatives, final: false, disclosure };
}

const statusLabel: Record<MotionStatus, string> = {
  scheduled: '未开始',
  open: '表决中',
  ended: '已截止',
  closed: '已公布结果',
};

/**
 * The congress's motions as a workbook (staff): each motion's window and, once closed, its fixed result, the rule's
 * outcome and the disclosure hash. Running counts are not exported: a sheet outlives the moment it was taken.
 */
export async function exportCongressMotions(ctx: AppContext, principal: StaffPrincipal, congressId: string) {
  const congress = await congressInScope(ctx, principal, congressId);
  const now = ctx.clock.now();
  const rows = (await repo.motionsOfCongresses(ctx.db, [congressId])).map((m) => {
    const fixed = m.closedAt && m.resultRepresentatives !== null;
    const counts = { for: m.resultFor ?? 0, against: m.resultAgainst ?? 0, abstain: m.resultAbstain ?? 0 };
    const outcome = fixed ? motionOutcome(counts, m.resultRepresentatives!) : null;
    return {
      title: m.title,
      status: statusLabel[motionStatus(m, now)],
      opensAt: m.opensAt,
      closesAt: m.closesAt,
      closedAt: m.closedAt,
      representatives: fixed ? m.resultRepresentatives : null,
      voted: outcome?.voted ?? null,
      for: fixed ? counts.for : null,
      against: fixed ? counts.against : null,
      abstain: fixed ? counts.abstain : null,
      quorumMet: outcome ? (outcome.quorumMet ? '有效' : '无效') : '',
      passed: outcome ? (outcome.passed ? '通过' : '未通过') : '',
      contentHash: m.disclosureHash ?? '',
    };
  });
  await audit(ctx, principal, {
    action: 'motion.export',
    objectType: 'congress',
    objectId: congress.id,
    orgId: congress.orgId,
    details: { rows: rows.length },
  });
  return workbookOf(
    '职代会表决',
    [
      { header: '表决事项', key: 'title', width: 30 },
      { header: '状态', key: 'status', width: 12 },
      { header: '开始时间', key: 'opensAt', width: 18, kind: 'datetime' },
      { header: '截止时间', key: 'closesAt', width: 18, kind: 'datetime' },
      { header: '结束时间', key: 'closedAt', width: 18, kind: 'datetime' },
      { header: '全体代表', key: 'representatives', width: 10 },
      { header: '参加表决', key: 'voted', width: 10 },
      { header: '赞成', key: 'for', width: 8 },
      { header: '反对', key: 'against', width: 8 },
      { header: '弃权', key: 'abstain', width: 8 },
      { header: '表决有效', key: 'quorumMet', width: 10 },
      { header: '结果', key: 'passed', width: 10 },
      { header: '厂务公开哈希', key: 'contentHash', width: 68, kind: 'text' },
    ],
    rows,
  );
}

/** Who voted (never how), for the congress's attendance record: staff only. */
export async function getAttendance(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await motionInScope(ctx, principal, id);
  const rows = await repo.attendance(ctx.db, row.congressId, row.id);
  return {
    representatives: rows.length,
    voted: rows.filter((r) => r.votedAt).length,
    items: rows.map((r) => ({
      representativeId: r.representativeId,
      name: r.name,
      delegation: r.delegation,
      votedAt: r.votedAt?.toISOString() ?? null,
    })),
    nextCursor: null,
  };
}

/**
 * Ends the vote and fixes the result: the ballots counted and the congress's representatives counted (every active one,
 * and any removed since their ballot) at this moment (the motion locked: no ballot commits in between), the rule applied, the result published as a
 * disclosure (厂务公开) with its chained hash, recorded in the audit log with that hash, and the representatives told.
 * Closing a closed motion: 409 VOTING_CLOSED.
 */
export async function closeMotion(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await motionInScope(ctx, principal, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // An archived term's record is frozen: its open motions stay unresolved (409 CONGRESS_ARCHIVED).
    await lockActiveCongressIn(tx, row.congressId);
    const locked = await repo.lockMotion(tx, id);
    if (!locked || locked.closedAt) throw new AppError('VOTING_CLOSED');
    const counts = await repo.ballotCounts(tx, id);
    const representatives = await repo.representativesOfMotion(tx, row.congressId, id);
    const outcome = motionOutcome(counts, representatives);
    await repo.setResult(tx, id, { closedAt: now, closedBy: principal.staffId, counts, representatives });
    const disclosure = await publishDisclosure(
      tx,
      principal,
      { id, title: row.title, congressName: row.congressName, orgId: row.orgId, orgName: row.orgName },
      { ...counts, ...outcome, representatives },
      now,
    );
    await repo.notifyAccounts(tx, await repo.representativeAccounts(tx, row.congressId), {
      title: outcome.passed ? '职代会表决结果：通过' : '职代会表决结果：未通过',
      body: `${row.title}：赞成 ${counts.for}，反对 ${counts.against}，弃权 ${counts.abstain}（全体代表 ${representatives} 人）`,
      link: `/motions/${id}`,
    });
    await auditIn(ctx, tx, principal, {
      action: 'motion.close',
      objectType: 'motion',
      objectId: id,
      orgId: row.orgId,
      details: {
        congressId: row.congressId,
        ...counts,
        representatives,
        quorumMet: outcome.quorumMet,
        passed: outcome.passed,
        disclosureId: disclosure.id,
        contentHash: disclosure.contentHash,
      },
    });
  });
  return getResult(ctx, principal, id);
}

/** A motion's document (the plan put to the vote), uploaded by a participation officer before creating the motion. */
export async function uploadMotionDocument(
  ctx: AppContext,
  principal: StaffPrincipal,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  // Checked before a byte is read.
  requireStaffRole(principal, ['participation_officer']);
  const upload = await checkUpload(await readUpload(), { allowed: documentKinds, maxBytes: maxMotionDocumentBytes });
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      principal,
      (tx) => storeFile(tx, staged, { ownerKind: 'staff', ownerId: principal.staffId }),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { purpose: 'motion_document', mediaType: stored.mediaType, sizeBytes: stored.sizeBytes },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

/** The motion's document, to whoever may read the motion (its staff and its congress's representatives). */
export async function motionDocument(ctx: AppContext, principal: Principal, id: string): Promise<FileToServe> {
  const { row } = await motionForReader(ctx, principal, id);
  const file = row.documentFileId ? await readStoredFile(ctx.db, ctx.fileStorage, row.documentFileId) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}
