import { z } from 'zod';
import type { Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { decodeCursor, encodeCursor, everyPage } from '../../kernel/pagination.js';
import { audit, audited } from '../../kernel/use-case.js';
import { workbookOf, type ColumnSpec } from '../../kernel/xlsx.js';
import { congressInScope, representativeOf, requireActiveCongress } from './congresses.service.js';
import { normaliseModel } from './scoring.model.js';
import * as repo from './scoring.repository.js';
import type { ScoreItem, ScoringModel, ScoringModelInput, scoresQuery } from './scoring.schemas.js';
import { liveLeaderboard, modelOf } from './scoring.snapshot.js';

const positionCursor = z.object({ position: z.number().int().min(0) });

/** A congress the caller may read the model and scores of: staff of its subtree, or one of its representatives. */
async function readableCongress(ctx: AppContext, principal: Principal, congressId: string) {
  if (principal.kind === 'staff') return congressInScope(ctx, principal, congressId);
  return (await representativeOf(ctx, principal, congressId)).congress;
}

function presentModel(congressId: string, model: ScoringModel, updatedAt: Date | null) {
  return {
    congressId,
    isDefault: updatedAt === null,
    updatedAt: updatedAt?.toISOString() ?? null,
    groups: model.groups.map((g) => ({
      key: g.key,
      name: g.name,
      indicators: g.indicators.map((i) => ({ ...i, automatic: i.source !== 'duty_records' })),
    })),
    bonusItems: model.bonusItems,
    penaltyItems: model.penaltyItems,
  };
}

/** The congress's scoring model, or the default one while its staff have set none. */
export async function getIndicators(ctx: AppContext, principal: Principal, congressId: string) {
  await readableCongress(ctx, principal, congressId);
  const { model, updatedAt } = await modelOf(ctx.db, congressId);
  return presentModel(congressId, model, updatedAt);
}

/**
 * Sets the congress's scoring model. Duty records stay whatever the change: a record whose code the new model
 * lacks counts nothing (and counts again if the code comes back).
 */
export async function putIndicators(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  input: ScoringModelInput,
) {
  const congress = await congressInScope(ctx, principal, congressId);
  requireActiveCongress(congress);
  const model = normaliseModel(input);
  const now = ctx.clock.now();
  await audited(
    ctx,
    principal,
    async (tx) => {
      if ((await repo.lockCongressStatus(tx, congressId)) !== 'active') throw new AppError('CONGRESS_ARCHIVED');
      await repo.saveModel(tx, { congressId, model, updatedBy: principal.staffId, updatedAt: now });
    },
    {
      action: 'congress.scoring_model_set',
      objectType: 'congress',
      objectId: congressId,
      orgId: congress.orgId,
      details: {
        indicators: model.groups.flatMap((g) => g.indicators.map((i) => i.code)),
        bonusItems: model.bonusItems.map((b) => b.code),
        penaltyItems: model.penaltyItems.map((p) => p.code),
      },
    },
  );
  return presentModel(congressId, model, now);
}

interface Leaderboard {
  delegations: string[];
  frozen: boolean;
  frozenAt: Date | null;
  total: number;
  items: ScoreItem[];
  nextCursor: string | null;
}

const sortedDelegations = (names: string[]) => [...new Set(names)].sort((a, b) => a.localeCompare(b, 'zh-CN'));

/** A page of the leaderboard: the frozen snapshot of an archived term, else computed now. */
async function leaderboard(
  ctx: AppContext,
  congress: { id: string; status: string },
  f: { delegation?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Leaderboard> {
  const after = decodeCursor(f.cursor, positionCursor)?.position ?? 0;
  if (congress.status === 'archived') {
    const summary = await repo.snapshotSummary(ctx.db, congress.id, f.delegation);
    const rows = await repo.snapshotPage(ctx.db, { congressId: congress.id, delegation: f.delegation }, f.limit, after);
    const page = rows.slice(0, f.limit);
    return {
      delegations: sortedDelegations(await repo.snapshotDelegations(ctx.db, congress.id)),
      frozen: true,
      frozenAt: summary.frozenAt,
      total: summary.count,
      items: page.map((r) => r.score),
      nextCursor: rows.length > f.limit ? encodeCursor({ position: page[page.length - 1]!.position }) : null,
    };
  }
  const all = await liveLeaderboard(ctx.db, congress.id);
  const shown = f.delegation === undefined ? all : all.filter((s) => s.delegation === f.delegation);
  const items = shown.slice(after, after + f.limit);
  return {
    delegations: sortedDelegations(all.flatMap((s) => (s.delegation ? [s.delegation] : []))),
    frozen: false,
    frozenAt: null,
    total: shown.length,
    items,
    nextCursor: after + f.limit < shown.length ? encodeCursor({ position: after + f.limit }) : null,
  };
}

/**
 * The congress's representatives ranked by total points (equal totals share a rank, then by name), with points
 * per indicator, per first-level group, bonus, penalty and total. `delegation` keeps the term's ranks and shows
 * only that delegation's representatives.
 */
export async function listScores(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  query: z.infer<typeof scoresQuery>,
) {
  const congress = await congressInScope(ctx, principal, congressId);
  const board = await leaderboard(ctx, congress, query);
  return {
    congressId,
    frozen: board.frozen,
    frozenAt: board.frozenAt?.toISOString() ?? null,
    representatives: board.total,
    delegations: board.delegations,
    items: board.items,
    nextCursor: board.nextCursor,
  };
}

/** The signed-in representative's own score and rank in a congress. */
export async function myScore(ctx: AppContext, principal: WorkerPrincipal, congressId: string) {
  const { congress, representative } = await representativeOf(ctx, principal, congressId);
  if (congress.status === 'archived') {
    const score = await repo.snapshotOf(ctx.db, congressId, representative.id);
    const summary = await repo.snapshotSummary(ctx.db, congressId);
    // A representative added back after the archive has no frozen score: the term's record has none for them.
    if (!score) throw new AppError('NOT_FOUND');
    return { congressId, frozen: true, representatives: summary.count, score };
  }
  const all = await liveLeaderboard(ctx.db, congressId);
  const score = all.find((s) => s.representativeId === representative.id)!;
  return { congressId, frozen: false, representatives: all.length, score };
}

/** The leaderboard as a workbook (zh-CN headings): rank, name, union, each indicator's points, subtotals, total. */
export async function exportScores(
  ctx: AppContext,
  principal: StaffPrincipal,
  congressId: string,
  query: { delegation?: string | undefined },
): Promise<Buffer> {
  const congress = await congressInScope(ctx, principal, congressId);
  const { model } = await modelOf(ctx.db, congressId);
  const rows = await everyPage(
    (cursor) => leaderboard(ctx, congress, { delegation: query.delegation, limit: 1000, cursor }),
    (s) => {
      const row: Record<string, unknown> = {
        rank: s.rank,
        name: s.member.name,
        union: s.org.name,
        delegation: s.delegation ?? '',
        bonus: s.bonus,
        penalty: s.penalty,
        total: s.total,
      };
      for (const i of s.indicators) row[`i:${i.code}`] = i.points;
      for (const g of s.groups) row[`g:${g.key}`] = g.points;
      return row;
    },
  );
  const columns: ColumnSpec[] = [
    { header: '排名', key: 'rank', width: 6 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '所在工会', key: 'union', width: 24 },
    { header: '代表团', key: 'delegation', width: 14 },
  ];
  for (const g of model.groups) {
    for (const i of g.indicators) columns.push({ header: i.name, key: `i:${i.code}`, width: 12 });
    columns.push({ header: `${g.name}小计`, key: `g:${g.key}`, width: 12 });
  }
  columns.push(
    { header: '加分', key: 'bonus', width: 8 },
    { header: '减分', key: 'penalty', width: 8 },
    { header: '总分', key: 'total', width: 8 },
  );
  // Names of a term's representatives leave the system: the export is on record, as every staff export is.
  await audit(ctx, principal, {
    action: 'congress.scores_export',
    objectType: 'congress',
    objectId: congressId,
    orgId: congress.orgId,
    details: { rows: rows.length, ...(query.delegation ? { delegation: query.delegation } : {}) },
  });
  return workbookOf('履职积分', columns, rows);
}
