import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';
import { congresses, congressRepresentatives } from './congresses.tables.js';
import { dutyRecords } from './duties.tables.js';
import type { RankedRepresentative, RecordCounts } from './scoring.compute.js';
import type { ScoreItem, ScoringModel } from './scoring.schemas.js';
import { congressScoreSnapshots, congressScoringModels } from './scoring.tables.js';

export async function findModel(db: Db, congressId: string) {
  const [row] = await db
    .select({ model: congressScoringModels.model, updatedAt: congressScoringModels.updatedAt })
    .from(congressScoringModels)
    .where(eq(congressScoringModels.congressId, congressId));
  return row ?? null;
}

export async function saveModel(
  db: Db,
  row: { congressId: string; model: ScoringModel; updatedBy: string | null; updatedAt: Date },
): Promise<void> {
  await db
    .insert(congressScoringModels)
    .values(row)
    .onConflictDoUpdate({
      target: congressScoringModels.congressId,
      set: { model: row.model, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    });
}

/** Keeps a model already stored; stores `model` otherwise (the archive freezing the default one). */
export async function saveModelIfMissing(db: Db, congressId: string, model: ScoringModel, at: Date): Promise<void> {
  await db
    .insert(congressScoringModels)
    .values({ congressId, model, updatedBy: null, updatedAt: at })
    .onConflictDoNothing({ target: congressScoringModels.congressId });
}

/**
 * The congress's status, its row share-locked until the transaction ends: a write to the term's model or duty
 * records and the archive (which updates the row) take turns, so the archive's snapshot sees every write before it
 * and none after it.
 */
export async function lockCongressStatus(db: Db, congressId: string): Promise<string | null> {
  const [row] = await db
    .select({ status: congresses.status })
    .from(congresses)
    .where(eq(congresses.id, congressId))
    .for('share');
  return row?.status ?? null;
}

/** The term's active representatives, with what the leaderboard shows of them. */
export async function rankedRepresentatives(db: Db, congressId: string): Promise<RankedRepresentative[]> {
  const r = congressRepresentatives;
  return db
    .select({
      id: r.id,
      memberId: r.memberId,
      name: members.name,
      orgId: members.orgId,
      orgName: orgs.name,
      delegation: r.delegation,
    })
    .from(r)
    .innerJoin(members, eq(members.id, r.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(r.congressId, congressId), eq(r.status, 'active')))
    .orderBy(asc(r.id));
}

/** Confirmed duty records per representative and code: what the duty-record indicators and adjustments count. */
export async function confirmedRecordCounts(db: Db, congressId: string): Promise<RecordCounts> {
  const rows = await db
    .select({
      representativeId: dutyRecords.representativeId,
      code: dutyRecords.indicatorCode,
      n: count().mapWith(Number),
    })
    .from(dutyRecords)
    .where(and(eq(dutyRecords.congressId, congressId), eq(dutyRecords.status, 'confirmed')))
    .groupBy(dutyRecords.representativeId, dutyRecords.indicatorCode);
  const out: RecordCounts = new Map();
  for (const row of rows) {
    const own = out.get(row.representativeId) ?? new Map<string, number>();
    own.set(row.code, row.n);
    out.set(row.representativeId, own);
  }
  return out;
}

export async function insertSnapshot(db: Db, congressId: string, items: ScoreItem[], at: Date): Promise<void> {
  // In slices: a congress of 2,000 representatives stays within the statement's parameter limit.
  for (let i = 0; i < items.length; i += 500) {
    await db.insert(congressScoreSnapshots).values(
      items.slice(i, i + 500).map((score, j) => ({
        congressId,
        representativeId: score.representativeId,
        rank: score.rank,
        position: i + j + 1,
        delegation: score.delegation,
        score,
        frozenAt: at,
      })),
    );
  }
}

/** The frozen leaderboard, in its order, from `afterPosition` on. */
export async function snapshotPage(
  db: Db,
  f: { congressId: string; delegation?: string | undefined },
  limit: number,
  afterPosition: number,
) {
  const s = congressScoreSnapshots;
  return db
    .select({ position: s.position, score: s.score, frozenAt: s.frozenAt })
    .from(s)
    .where(
      and(
        eq(s.congressId, f.congressId),
        f.delegation !== undefined ? eq(s.delegation, f.delegation) : undefined,
        sql`${s.position} > ${afterPosition}`,
      ),
    )
    .orderBy(asc(s.position))
    .limit(limit + 1);
}

export async function snapshotSummary(db: Db, congressId: string, delegation?: string) {
  const s = congressScoreSnapshots;
  const [row] = await db
    .select({ n: count().mapWith(Number), frozenAt: sql<Date | null>`max(${s.frozenAt})`.mapWith(s.frozenAt) })
    .from(s)
    .where(and(eq(s.congressId, congressId), delegation !== undefined ? eq(s.delegation, delegation) : undefined));
  return { count: row?.n ?? 0, frozenAt: row?.frozenAt ?? null };
}

export async function snapshotOf(db: Db, congressId: string, representativeId: string) {
  const [row] = await db
    .select({ score: congressScoreSnapshots.score })
    .from(congressScoreSnapshots)
    .where(
      and(
        eq(congressScoreSnapshots.congressId, congressId),
        eq(congressScoreSnapshots.representativeId, representativeId),
      ),
    );
  return row?.score ?? null;
}

/** The delegations of an archived term's frozen board, in order. */
export async function snapshotDelegations(db: Db, congressId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ delegation: congressScoreSnapshots.delegation })
    .from(congressScoreSnapshots)
    .where(
      and(eq(congressScoreSnapshots.congressId, congressId), sql`${congressScoreSnapshots.delegation} is not null`),
    );
  return rows.map((r) => r.delegation!);
}
