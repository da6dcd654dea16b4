import { aidKindLabels } from '../../../../shared/labels.js';
import type { Membership, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { isUniqueViolation } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { isWithin } from '../../kernel/org-tree.js';
import { audit, auditIn, scopeOf } from '../../kernel/use-case.js';
import { streamWorkbook } from '../../kernel/xlsx.js';
import * as repo from './aid.repository.js';
import type { AidBody, AidExportQuery, AidView } from './aid.schemas.js';
import { findDonor } from './donors.repository.js';
import { authorizeReadAssistance } from './hardship.policy.js';
import { plansOf, readableHousehold, requireAssisted, runnableHousehold } from './plans.service.js';
import { distribute } from './campaigns.service.js';
import { maskName } from '../../kernel/pii.js';

type Member = WorkerPrincipal & { membership: Membership };

export function presentAid(row: repo.AidRow): AidView {
  return {
    id: row.id,
    householdId: row.householdId,
    kind: row.kind,
    amountFen: row.amountFen,
    description: row.description,
    givenOn: row.givenOn,
    giver:
      row.donorId && row.donorName
        ? { kind: 'donor', id: row.donorId, name: row.donorName }
        : { kind: 'union', id: row.orgId, name: row.orgName },
    org: { id: row.orgId, name: row.orgName },
    donor: row.donorId && row.donorName ? { id: row.donorId, name: row.donorName } : null,
    campaign: row.campaignId && row.campaignTitle ? { id: row.campaignId, title: row.campaignTitle } : null,
    via: row.via,
    recordedBy: { staffId: row.recordedBy, username: row.recordedByName },
    createdAt: row.createdAt.toISOString(),
  };
}

function constraintOf(error: unknown): string | undefined {
  const e = error as { constraint?: string; cause?: { constraint?: string } };
  return e.constraint ?? e.cause?.constraint;
}

/**
 * An assistance officer records a help given to a household in assistance. Never twice: the same cash amount to the
 * same household on the same day is a double entry (409 AID_ALREADY_RECORDED; the household row is locked while
 * checking, and the partial unique index hardship_aid_cash_uq holds if anything slips past). A retry with the same
 * Idempotency-Key (a phone that lost the answer) gets the first 201. A donor must belong to the household's union or
 * one above it (400 not_in_scope); with `campaignId` it is that campaign's distribution
 * (campaigns.service distribute).
 */
export async function recordAid(
  ctx: AppContext,
  principal: StaffPrincipal,
  householdId: string,
  input: AidBody,
  idempotencyKey: string | undefined,
): Promise<AidView> {
  const household = await runnableHousehold(ctx, principal, householdId);
  if (input.campaignId !== undefined) {
    // A seasonal campaign's share (API.md: aid {campaignId}): the campaign's distribution rules — on its target list,
    // once per household, within its budget — through the one use case that keeps them.
    if (input.donorId !== undefined)
      throw validationFailed([{ path: 'donorId', code: 'not_with_campaign', message: '' }]);
    const given = await distribute(
      ctx,
      principal,
      input.campaignId,
      {
        householdId: household.id,
        kind: input.kind,
        description: input.description,
        ...(input.amountFen !== undefined ? { amountFen: input.amountFen } : {}),
        ...(input.givenOn !== undefined ? { givenOn: input.givenOn } : {}),
      },
      idempotencyKey,
    );
    return presentAid((await repo.findAid(ctx.db, given.id))!);
  }
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const givenOn = input.givenOn ?? today;
  if (givenOn > today) throw validationFailed([{ path: 'givenOn', code: 'future_date', message: '' }]);
  if (input.donorId !== undefined) {
    const donor = await findDonor(ctx.db, input.donorId);
    if (!donor || !isWithin(household.orgPath, donor.orgPath))
      throw validationFailed([{ path: 'donorId', code: 'not_in_scope', message: '' }]);
  }
  try {
    const answer = await runIdempotent(
      ctx.db,
      {
        principal: `staff:${principal.staffId}`,
        scope: 'hardship.aid',
        key: idempotencyKey,
        payload: { householdId, ...input },
      },
      async (tx) => {
        requireAssisted(await repo.lockHousehold(tx, household.id));
        if (input.kind === 'cash' && (await repo.findSameCash(tx, household.id, givenOn, input.amountFen!)))
          throw new AppError('AID_ALREADY_RECORDED');
        const id = await repo.insertAid(tx, {
          householdId: household.id,
          orgId: principal.orgId,
          kind: input.kind,
          amountFen: input.amountFen ?? null,
          description: input.description,
          givenOn,
          donorId: input.donorId ?? null,
          via: 'direct',
          recordedBy: principal.staffId,
          createdAt: now,
        });
        await auditIn(ctx, tx, principal, {
          action: 'hardship.aid.record',
          objectType: 'hardship_aid',
          objectId: id,
          orgId: household.orgId,
          details: { householdId: household.id, kind: input.kind, amountFen: input.amountFen ?? null, givenOn },
        });
        return { statusCode: 201, body: presentAid((await repo.findAid(tx, id))!) };
      },
    );
    return answer.body;
  } catch (error) {
    if (isUniqueViolation(error) && constraintOf(error) === 'hardship_aid_cash_uq')
      throw new AppError('AID_ALREADY_RECORDED');
    throw error;
  }
}

export async function listAid(ctx: AppContext, principal: StaffPrincipal, householdId: string) {
  const household = await readableHousehold(ctx, principal, householdId);
  const items = (await repo.listAidOfHousehold(ctx.db, household.id)).map(presentAid);
  return {
    items,
    count: items.length,
    totalFen: items.reduce((sum, a) => sum + (a.amountFen ?? 0), 0),
    nextCursor: null,
  };
}

const ledgerPage = 500;

/**
 * The ledger of help given in a subtree (by the household's union), by date: the household masked (李*兰, ID number
 * masked), kind, what, amount in yuan, the giver. Streamed page by page; the export is audited.
 */
export async function exportAidLedger(ctx: AppContext, principal: StaffPrincipal, q: AidExportQuery) {
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeReadAssistance);
  if (q.from && q.to && q.from > q.to) throw validationFailed([{ path: 'to', code: 'too_small', message: '' }]);
  await audit(ctx, principal, {
    action: 'hardship.aid.export',
    objectType: 'hardship_aid',
    objectId: null,
    orgId: principal.orgId,
    details: { ...q },
  });
  const filter = { scope, from: q.from, to: q.to, kind: q.kind };
  const words = aidKindLabels['zh-CN'];
  async function* pages() {
    let after: { givenOn: string; createdAt: Date; id: string } | null = null;
    for (;;) {
      const rows = await repo.listAidLedger(ctx.db, filter, ledgerPage, after);
      yield rows.map((r) => ({
        givenOn: r.givenOn,
        head: maskName(r.headName),
        idNumber: r.headIdMasked,
        householdOrg: r.householdOrgName,
        kind: words[r.kind],
        description: r.description,
        amount: r.amountFen,
        giver: r.donorName ?? r.orgName,
        campaign: r.campaignTitle ?? '',
        recordedBy: r.recordedByName,
        recordedAt: r.createdAt,
      }));
      const last = rows[rows.length - 1];
      if (rows.length < ledgerPage || !last) return;
      after = { givenOn: last.givenOn, createdAt: last.createdAt, id: last.id };
    }
  }
  return streamWorkbook(
    '帮扶台账',
    [
      { header: '帮扶日期', key: 'givenOn', width: 12, kind: 'date' },
      { header: '户主', key: 'head', width: 10 },
      { header: '身份证号', key: 'idNumber', width: 20, kind: 'text' },
      { header: '所属工会', key: 'householdOrg', width: 22 },
      { header: '帮扶类型', key: 'kind', width: 14 },
      { header: '帮扶内容', key: 'description', width: 36 },
      { header: '金额（元）', key: 'amount', width: 12, kind: 'money' },
      { header: '给予方', key: 'giver', width: 22 },
      { header: '四季送活动', key: 'campaign', width: 20 },
      { header: '登记人', key: 'recordedBy', width: 12 },
      { header: '登记时间', key: 'recordedAt', width: 17, kind: 'datetime' },
    ],
    pages(),
  );
}

/**
 * A member's own help record: what their household (the file whose head they are) received — kind, what, amount,
 * giver and date — and the measures of its current plan. No household on file: an empty record.
 */
export async function myAid(ctx: AppContext, member: Member) {
  const household = await repo.findHouseholdOfMember(ctx.db, member.membership.memberId);
  if (!household) return { household: null, items: [], totalFen: 0, plan: null };
  const rows = await repo.listAidOfHousehold(ctx.db, household.id);
  const [current] = await plansOf(ctx.db, household.id, shanghaiDate(ctx.clock.now()));
  return {
    household: { id: household.id, status: household.status, level: household.level },
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      description: r.description,
      amountFen: r.amountFen,
      giverName: r.donorName ?? r.orgName,
      givenOn: r.givenOn,
    })),
    totalFen: rows.reduce((sum, r) => sum + (r.amountFen ?? 0), 0),
    plan: current
      ? {
          version: current.version,
          goal: current.goal,
          measures: current.measures.map(({ doneNote: _n, overdue: _o, ...m }) => m),
        }
      : null,
  };
}
