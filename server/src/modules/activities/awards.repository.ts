import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { files, orgs } from '../../kernel/db/kernel.tables.js';
import { before, containing, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { awardNominations, awardObjections, awardSelections } from './awards.tables.js';
import type { NominationState } from './awards.workflow.js';

// ——— selections ———

export async function insertSelection(tx: Db, values: typeof awardSelections.$inferInsert): Promise<string> {
  const [row] = await tx.insert(awardSelections).values(values).returning({ id: awardSelections.id });
  return row!.id;
}

function selectSelections(db: Db) {
  const s = awardSelections;
  return db
    .select({
      id: s.id,
      orgId: s.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: s.title,
      year: s.year,
      quota: s.quota,
      description: s.description,
      nominationClosesAt: s.nominationClosesAt,
      pollId: s.pollId,
      publicityStartsAt: s.publicityStartsAt,
      publicityEndsAt: s.publicityEndsAt,
      awardedAt: s.awardedAt,
      createdAt: s.createdAt,
    })
    .from(s)
    .innerJoin(orgs, eq(orgs.id, s.orgId));
}

export type SelectionRow = NonNullable<Awaited<ReturnType<typeof findSelection>>>;

export async function findSelection(db: Db, id: string) {
  const [row] = await selectSelections(db).where(eq(awardSelections.id, id));
  return row ?? null;
}

/** Locks the selection: its stage changes serialise on it. */
export async function lockSelection(tx: Db, id: string) {
  const [row] = await tx
    .select({
      pollId: awardSelections.pollId,
      publicityStartsAt: awardSelections.publicityStartsAt,
      awardedAt: awardSelections.awardedAt,
    })
    .from(awardSelections)
    .where(eq(awardSelections.id, id))
    .for('update');
  return row ?? null;
}

export async function updateSelection(
  tx: Db,
  id: string,
  set: Partial<
    Pick<
      typeof awardSelections.$inferInsert,
      | 'pollId'
      | 'publicityStartsAt'
      | 'publicityEndsAt'
      | 'awardedAt'
      | 'title'
      | 'year'
      | 'quota'
      | 'description'
      | 'nominationClosesAt'
    >
  >,
): Promise<void> {
  await tx.update(awardSelections).set(set).where(eq(awardSelections.id, id));
}

/** Staff: those run in `scope` or above it; members: those of their union or above (`above`). */
export async function listSelections(
  db: Db,
  f: { scope?: string; above?: string },
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  return selectSelections(db)
    .where(
      and(
        or(
          f.scope !== undefined ? within(orgs.path, f.scope) : undefined,
          f.above !== undefined ? containing(orgs.path, f.above) : undefined,
        ),
        cursor ? before(awardSelections.createdAt, awardSelections.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(awardSelections.createdAt), desc(awardSelections.id))
    .limit(limit + 1);
}

export async function statusCounts(db: Db, selectionIds: readonly string[]) {
  if (selectionIds.length === 0) return [];
  return db
    .select({ selectionId: awardNominations.selectionId, status: awardNominations.status, n: count() })
    .from(awardNominations)
    .where(inArray(awardNominations.selectionId, [...selectionIds]))
    .groupBy(awardNominations.selectionId, awardNominations.status);
}

// ——— nominations ———

export async function insertNomination(tx: Db, values: typeof awardNominations.$inferInsert): Promise<string | null> {
  const [row] = await tx
    .insert(awardNominations)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: awardNominations.id });
  return row?.id ?? null;
}

function selectNominations(db: Db) {
  const n = awardNominations;
  return db
    .select({
      id: n.id,
      selectionId: n.selectionId,
      orgId: n.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      nomineeName: n.nomineeName,
      nomineeMemberId: n.nomineeMemberId,
      position: n.position,
      deeds: n.deeds,
      photoIds: n.photoIds,
      source: n.source,
      nominatedByMember: n.nominatedByMember,
      nominatedByStaff: n.nominatedByStaff,
      pollEntryId: n.pollEntryId,
      votes: n.votes,
      status: n.status,
      createdAt: n.createdAt,
      objections: sql<number>`(select count(*)::int from ${awardObjections} where ${awardObjections.nominationId} = ${n.id})`,
    })
    .from(n)
    .innerJoin(orgs, eq(orgs.id, n.orgId));
}

export type NominationRow = Awaited<ReturnType<typeof listNominations>>[number];

export async function findNomination(db: Db, id: string) {
  const [row] = await selectNominations(db).where(eq(awardNominations.id, id));
  return row ?? null;
}

export async function listNominations(db: Db, selectionId: string, statuses?: readonly NominationState[]) {
  return selectNominations(db)
    .where(
      and(
        eq(awardNominations.selectionId, selectionId),
        statuses ? inArray(awardNominations.status, [...statuses]) : undefined,
      ),
    )
    .orderBy(asc(awardNominations.createdAt), asc(awardNominations.id));
}

export async function myNominations(db: Db, memberId: string, selectionIds: readonly string[]) {
  if (selectionIds.length === 0) return [];
  return db
    .select({
      id: awardNominations.id,
      selectionId: awardNominations.selectionId,
      nomineeName: awardNominations.nomineeName,
      status: awardNominations.status,
      source: awardNominations.source,
    })
    .from(awardNominations)
    .where(
      and(eq(awardNominations.nominatedByMember, memberId), inArray(awardNominations.selectionId, [...selectionIds])),
    )
    .orderBy(asc(awardNominations.createdAt));
}

export async function setPollEntry(tx: Db, id: string, pollEntryId: string): Promise<void> {
  await tx.update(awardNominations).set({ pollEntryId }).where(eq(awardNominations.id, id));
}

export async function setVotes(tx: Db, id: string, votes: number): Promise<void> {
  await tx.update(awardNominations).set({ votes }).where(eq(awardNominations.id, id));
}

/** The caller's own uploads among `ids`, not on any nomination yet. */
export async function attachablePhotoIds(
  db: Db,
  owner: { ownerKind: string; ownerId: string },
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(
      and(
        eq(files.ownerKind, owner.ownerKind),
        eq(files.ownerId, owner.ownerId),
        inArray(files.id, [...ids]),
        sql`not exists (select 1 from ${awardNominations} where ${files.id} = any(${awardNominations.photoIds}))`,
      ),
    );
  return new Set(rows.map((r) => r.id));
}

// ——— objections ———

export async function insertObjection(tx: Db, values: typeof awardObjections.$inferInsert): Promise<string | null> {
  const [row] = await tx
    .insert(awardObjections)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: awardObjections.id });
  return row?.id ?? null;
}

export async function listObjections(db: Db, selectionId: string) {
  const o = awardObjections;
  return db
    .select({
      id: o.id,
      nominationId: o.nominationId,
      nomineeName: awardNominations.nomineeName,
      memberId: o.memberId,
      memberName: members.name,
      memberOrgId: members.orgId,
      memberOrgName: orgs.name,
      content: o.content,
      resolution: o.resolution,
      resolutionNote: o.resolutionNote,
      resolvedAt: o.resolvedAt,
      createdAt: o.createdAt,
    })
    .from(o)
    .innerJoin(awardNominations, eq(awardNominations.id, o.nominationId))
    .innerJoin(members, eq(members.id, o.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(o.selectionId, selectionId))
    .orderBy(asc(o.createdAt), asc(o.id));
}

export async function findObjection(db: Db, id: string) {
  const [row] = await db.select().from(awardObjections).where(eq(awardObjections.id, id));
  return row ?? null;
}

/** Resolves an open objection: false when it was resolved already (a concurrent resolution got there first). */
export async function resolveObjection(
  tx: Db,
  id: string,
  set: { resolution: 'upheld' | 'dismissed'; resolutionNote: string; resolvedBy: string; resolvedAt: Date },
): Promise<boolean> {
  const rows = await tx
    .update(awardObjections)
    .set(set)
    .where(and(eq(awardObjections.id, id), isNull(awardObjections.resolution)))
    .returning({ id: awardObjections.id });
  return rows.length > 0;
}

export async function countOpenObjections(db: Db, selectionId: string): Promise<number> {
  return db.$count(
    awardObjections,
    and(eq(awardObjections.selectionId, selectionId), isNull(awardObjections.resolution)),
  );
}
