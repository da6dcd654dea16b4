import { z } from 'zod';
import { representativeStatusLabels } from '../../../../shared/labels.js';
import { canSee } from '../../kernel/access.js';
import type { Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { isWithin } from '../../kernel/org-tree.js';
import { decodeCursor, everyPage, paginate } from '../../kernel/pagination.js';
import { actorOf, audit, audited, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { writeAuditBatch } from '../../kernel/audit.js';
import { workbookOf } from '../../kernel/xlsx.js';
import * as repo from './congresses.repository.js';
import type {
  addRepresentativeBody,
  createCongressBody,
  exportRepresentativesQuery,
  listCongressesQuery,
  listRepresentativesQuery,
} from './congresses.schemas.js';
import { authorizeRunParticipation } from './participation.policy.js';
import { freezeScores } from './scoring.snapshot.js';

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
const nameCursor = z.object({ name: z.string(), id: z.uuid() });

export function presentCongress(row: repo.CongressRow) {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    kind: row.kind,
    name: row.name,
    termStartsOn: row.termStartsOn,
    termEndsOn: row.termEndsOn,
    status: row.status,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    representatives: row.representatives,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentRepresentative(row: repo.RepresentativeRow) {
  return {
    id: row.id,
    congressId: row.congressId,
    member: { id: row.memberId, name: row.memberName, phone: row.memberPhoneMasked },
    org: { id: row.orgId, name: row.orgName },
    delegation: row.delegation,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A congress of the caller's subtree (else 404), for a participation officer (else 403). */
export async function congressInScope(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return inScope(await repo.findCongress(ctx.db, id), principal, authorizeRunParticipation);
}

/** Writes to an archived term are refused: its proposals, votes and scores are the record of that term. */
export function requireActiveCongress(congress: { status: string }): void {
  if (congress.status !== 'active') throw new AppError('CONGRESS_ARCHIVED');
}

/**
 * Inside a write's transaction: share-locks the congress row and refuses an archived term (409 CONGRESS_ARCHIVED), so
 * the archive (which updates the row) and the write take turns: a write either lands before the archive froze the
 * term's record, or is refused.
 */
export async function lockActiveCongressIn(tx: Db, congressId: string): Promise<void> {
  if (!(await repo.lockActiveCongress(tx, congressId))) throw new AppError('CONGRESS_ARCHIVED');
}

/**
 * The signed-in member's active representative row in a congress. A member outside the congress's subtree (or
 * without membership) gets 404 — the congress is not theirs to know of; a member of the subtree who is not a
 * representative gets 403.
 */
export async function representativeOf(
  ctx: AppContext,
  principal: WorkerPrincipal,
  congressId: string,
  db: Db = ctx.db,
) {
  const congress = await repo.findCongress(db, congressId);
  const membership = principal.membership;
  if (!congress || !membership || !isWithin(membership.orgPath, congress.orgPath)) throw new AppError('NOT_FOUND');
  const representative = await repo.representativeOfMember(db, congressId, membership.memberId);
  if (!representative || representative.status !== 'active')
    throw new AppError('FORBIDDEN', { reason: 'not_a_representative' });
  return { congress, representative };
}

/** Whether the principal may read the congress: staff of its subtree, or a member of it. */
export function canSeeCongress(principal: Principal, congress: { orgPath: string }): boolean {
  if (principal.kind === 'staff') return canSee(principal, congress.orgPath);
  return principal.membership !== null && isWithin(principal.membership.orgPath, congress.orgPath);
}

/** A union's participation officer opens a congress term (届次). */
export async function createCongress(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: z.infer<typeof createCongressBody>,
) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunParticipation);
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertCongress(tx, {
        orgId: org.id,
        kind: input.kind,
        name: input.name,
        termStartsOn: input.termStartsOn,
        termEndsOn: input.termEndsOn,
        status: 'active',
        createdBy: principal.staffId,
        createdAt: ctx.clock.now(),
      }),
    (created) => ({
      action: 'congress.create',
      objectType: 'congress',
      objectId: created,
      orgId: org.id,
      details: { name: input.name, kind: input.kind, termStartsOn: input.termStartsOn, termEndsOn: input.termEndsOn },
    }),
  );
  return presentCongress((await repo.findCongress(ctx.db, id))!);
}

export async function getCongress(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return presentCongress(await congressInScope(ctx, principal, id));
}

export async function listCongresses(
  ctx: AppContext,
  principal: StaffPrincipal,
  query: z.infer<typeof listCongressesQuery>,
) {
  const scope = await scopeOf(ctx, principal, query.orgId, authorizeRunParticipation);
  const rows = await repo.listCongresses(
    ctx.db,
    { scope, status: query.status },
    query.limit,
    decodeCursor(query.cursor, timeCursor),
  );
  const page = paginate(rows, query.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return { items: page.items.map(presentCongress), nextCursor: page.nextCursor };
}

/** Ends the term: its proposals, votes and scores stay as the record and take no more writes. */
export async function archiveCongress(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const congress = await congressInScope(ctx, principal, id);
  requireActiveCongress(congress);
  await audited(
    ctx,
    principal,
    async (tx) => {
      const at = ctx.clock.now();
      if (!(await repo.archiveCongress(tx, id, at))) throw new AppError('CONGRESS_ARCHIVED');
      // The leaderboard is frozen with the term, in the same transaction (scoring.snapshot.ts).
      await freezeScores(tx, id, at);
    },
    { action: 'congress.archive', objectType: 'congress', objectId: id, orgId: congress.orgId, details: {} },
  );
  return presentCongress((await repo.findCongress(ctx.db, id))!);
}

/**
 * Makes a member of the congress's subtree one of its representatives (once per term: 409 ALREADY_REPRESENTATIVE).
 * A member the caller cannot see: 404; one outside the congress's subtree: 400 (not eligible).
 */
export async function addRepresentative(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  input: z.infer<typeof addRepresentativeBody>,
) {
  const congress = await congressInScope(ctx, principal, congressId);
  requireActiveCongress(congress);
  const member = await repo.findMember(ctx.db, input.memberId);
  if (!member || !canSee(principal, member.orgPath)) throw new AppError('NOT_FOUND');
  if (!isWithin(member.orgPath, congress.orgPath))
    throw validationFailed([{ path: 'memberId', code: 'not_eligible', message: '' }]);
  const id = await audited(
    ctx,
    principal,
    async (tx) => {
      await lockActiveCongressIn(tx, congressId);
      const created = await repo.insertRepresentative(tx, {
        congressId,
        memberId: member.id,
        delegation: input.delegation ?? null,
        status: 'active',
        createdAt: ctx.clock.now(),
      });
      if (created) return created;
      // A removed representative comes back on the same row: their history stays theirs.
      const existing = await repo.representativeOfMember(tx, congressId, member.id);
      if (!existing || existing.status === 'active') throw new AppError('ALREADY_REPRESENTATIVE');
      await repo.setRepresentativeStatus(tx, existing.id, 'active');
      return existing.id;
    },
    (created) => ({
      action: 'congress.representative_add',
      objectType: 'congress_representative',
      objectId: created,
      orgId: congress.orgId,
      details: { congressId, memberId: member.id },
    }),
  );
  return presentRepresentative((await repo.findRepresentative(ctx.db, id))!);
}

/**
 * Makes many members of the congress's subtree its representatives at once (a term's list as elected; the demo
 * city's 300): the checks of `addRepresentative` for each (a member the caller cannot see: 404; outside the
 * congress's subtree or already a representative of the term, active or removed: 400 naming the item), then one
 * statement and one audit record per representative (`congress.representative_add`), in one transaction that holds
 * the term active (an archive waits for it). Answers the representatives' ids in the items' order.
 */
export async function addRepresentatives(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  items: readonly z.infer<typeof addRepresentativeBody>[],
) {
  const congress = await congressInScope(ctx, principal, congressId);
  requireActiveCongress(congress);
  const found = new Map(
    (await repo.findMembers(ctx.db, [...new Set(items.map((i) => i.memberId))])).map((m) => [m.id, m]),
  );
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const member = found.get(item.memberId);
    if (!member || !canSee(principal, member.orgPath)) throw new AppError('NOT_FOUND');
    if (!isWithin(member.orgPath, congress.orgPath))
      throw validationFailed([{ path: `${i}.memberId`, code: 'not_eligible', message: '' }]);
    if (seen.has(item.memberId)) throw validationFailed([{ path: `${i}.memberId`, code: 'duplicate', message: '' }]);
    seen.add(item.memberId);
  });
  const ids = await ctx.db.transaction(async (tx) => {
    if (!(await repo.lockActiveCongress(tx, congressId))) throw new AppError('CONGRESS_ARCHIVED');
    const at = ctx.clock.now();
    const created = await repo.insertRepresentatives(
      tx,
      items.map((item) => ({
        congressId,
        memberId: item.memberId,
        delegation: item.delegation ?? null,
        status: 'active' as const,
        createdAt: at,
      })),
    );
    if (created.length < items.length) {
      const added = new Set(created.map((c) => c.memberId));
      const i = items.findIndex((item) => !added.has(item.memberId));
      throw validationFailed([{ path: `${i}.memberId`, code: 'already_representative', message: '' }]);
    }
    const actor = actorOf(principal);
    await writeAuditBatch(
      tx,
      created.map((c) => ({
        actor,
        at,
        action: 'congress.representative_add',
        objectType: 'congress_representative',
        objectId: c.id,
        orgId: congress.orgId,
        details: { congressId, memberId: c.memberId },
      })),
    );
    const byMember = new Map(created.map((c) => [c.memberId, c.id]));
    return items.map((item) => byMember.get(item.memberId)!);
  });
  return ids;
}

/** Removes a representative from the term (their row and history stay; they take no more part). */
export async function removeRepresentative(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  representativeId: string,
) {
  const congress = await congressInScope(ctx, principal, congressId);
  requireActiveCongress(congress);
  const representative = await repo.findRepresentative(ctx.db, representativeId);
  if (!representative || representative.congressId !== congressId) throw new AppError('NOT_FOUND');
  await audited(
    ctx,
    principal,
    async (tx) => {
      await lockActiveCongressIn(tx, congressId);
      await repo.setRepresentativeStatus(tx, representativeId, 'removed');
    },
    {
      action: 'congress.representative_remove',
      objectType: 'congress_representative',
      objectId: representativeId,
      orgId: congress.orgId,
      details: { congressId, memberId: representative.memberId },
    },
  );
  return presentRepresentative((await repo.findRepresentative(ctx.db, representativeId))!);
}

export async function listRepresentatives(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  query: z.infer<typeof listRepresentativesQuery>,
) {
  await congressInScope(ctx, principal, congressId);
  const rows = await repo.listRepresentatives(
    ctx.db,
    { congressId, status: query.status ?? 'active', q: query.q },
    query.limit,
    decodeCursor(query.cursor, nameCursor),
  );
  const page = paginate(rows, query.limit, (r) => ({ name: r.memberName, id: r.id }));
  return { items: page.items.map(presentRepresentative), nextCursor: page.nextCursor };
}

const representativeStatusLabel: Record<string, string> = representativeStatusLabels['zh-CN'];

/** 代表名单 as a workbook: every page of the list's filter, phones masked; the export audited. */
export async function exportRepresentatives(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  query: z.infer<typeof exportRepresentativesQuery>,
) {
  const congress = await congressInScope(ctx, principal, congressId);
  const rows = await everyPage(
    (cursor) => listRepresentatives(ctx, principal, congressId, { ...query, limit: 100, cursor }),
    (r) => ({
      name: r.member.name,
      phone: r.member.phone,
      org: r.org.name,
      delegation: r.delegation ?? '',
      status: representativeStatusLabel[r.status],
      createdAt: r.createdAt,
    }),
  );
  await audit(ctx, principal, {
    action: 'congress.representative_export',
    objectType: 'congress',
    objectId: congressId,
    orgId: congress.orgId,
    details: { rows: rows.length, ...query },
  });
  return workbookOf(
    '代表名单',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '手机号', key: 'phone', width: 14, kind: 'text' },
      { header: '所属工会', key: 'org', width: 24 },
      { header: '代表团', key: 'delegation', width: 20 },
      { header: '状态', key: 'status', width: 8 },
      { header: '加入时间', key: 'createdAt', width: 18, kind: 'datetime' },
    ],
    rows,
  );
}

/** The terms the signed-in member represents: the member app's way into proposals, votes and duty records. */
export async function listMyCongresses(ctx: AppContext, principal: WorkerPrincipal) {
  if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  const representations = await repo.representationsOfMember(ctx.db, principal.membership.memberId);
  const items = [];
  for (const r of representations) {
    const congress = (await repo.findCongress(ctx.db, r.congressId))!;
    const { representatives: _count, ...view } = presentCongress(congress);
    items.push({ ...view, representativeId: r.representativeId, delegation: r.delegation });
  }
  return { items, nextCursor: null };
}
