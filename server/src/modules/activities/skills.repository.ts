import { and, asc, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { before, containing, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { skillsCompetitions, skillsContestants, skillsEntries, skillsEvents } from './skills.tables.js';

// ——— competitions ———

export async function insertCompetition(tx: Db, values: typeof skillsCompetitions.$inferInsert): Promise<string> {
  const [row] = await tx.insert(skillsCompetitions).values(values).returning({ id: skillsCompetitions.id });
  return row!.id;
}

function selectCompetitions(db: Db) {
  const c = skillsCompetitions;
  return db
    .select({
      id: c.id,
      orgId: c.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: c.title,
      description: c.description,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      registrationClosesAt: c.registrationClosesAt,
      prizeTiers: c.prizeTiers,
      resultsPublishedAt: c.resultsPublishedAt,
      createdAt: c.createdAt,
    })
    .from(c)
    .innerJoin(orgs, eq(orgs.id, c.orgId));
}

export type CompetitionRow = NonNullable<Awaited<ReturnType<typeof findCompetition>>>;

export async function findCompetition(db: Db, id: string) {
  const [row] = await selectCompetitions(db).where(eq(skillsCompetitions.id, id));
  return row ?? null;
}

/** Locks the competition row: publishing and score entry serialise on it. */
export async function lockCompetition(tx: Db, id: string): Promise<{ resultsPublishedAt: Date | null } | null> {
  const [row] = await tx
    .select({ resultsPublishedAt: skillsCompetitions.resultsPublishedAt })
    .from(skillsCompetitions)
    .where(eq(skillsCompetitions.id, id))
    .for('update');
  return row ?? null;
}

export async function setPublished(tx: Db, id: string, at: Date): Promise<void> {
  await tx.update(skillsCompetitions).set({ resultsPublishedAt: at }).where(eq(skillsCompetitions.id, id));
}

/**
 * Competitions a list shows: staff those run in `scope` or above it (a grassroots officer registers their members in
 * a federation's competition); members those of their union or above (`memberOrgPath`).
 */
export async function listCompetitions(
  db: Db,
  f: { scope?: string; above?: string },
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  const conditions = [
    or(
      f.scope !== undefined ? within(orgs.path, f.scope) : undefined,
      f.above !== undefined ? containing(orgs.path, f.above) : undefined,
    ),
    cursor ? before(skillsCompetitions.createdAt, skillsCompetitions.id, cursor.createdAt, cursor.id) : undefined,
  ];
  return selectCompetitions(db)
    .where(and(...conditions))
    .orderBy(desc(skillsCompetitions.createdAt), desc(skillsCompetitions.id))
    .limit(limit + 1);
}

// ——— events ———

export async function insertEvent(tx: Db, values: typeof skillsEvents.$inferInsert): Promise<string> {
  const [row] = await tx.insert(skillsEvents).values(values).onConflictDoNothing().returning({ id: skillsEvents.id });
  return row?.id ?? '';
}

export type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];

export async function eventsOf(db: Db, competitionIds: readonly string[]) {
  if (competitionIds.length === 0) return [];
  const e = skillsEvents;
  return db
    .select({
      id: e.id,
      competitionId: e.competitionId,
      name: e.name,
      kind: e.kind,
      minTeamSize: e.minTeamSize,
      maxTeamSize: e.maxTeamSize,
      theoryWeight: e.theoryWeight,
      entryCount: sql<number>`(select count(*)::int from ${skillsEntries} where ${skillsEntries.eventId} = ${e.id})`,
    })
    .from(e)
    .where(inArray(e.competitionId, [...competitionIds]))
    .orderBy(asc(e.createdAt), asc(e.id));
}

export async function findEvent(db: Db, id: string) {
  const [row] = await db.select().from(skillsEvents).where(eq(skillsEvents.id, id));
  return row ?? null;
}

// ——— entries ———

export async function insertEntry(
  tx: Db,
  values: typeof skillsEntries.$inferInsert,
  memberIds: readonly string[],
): Promise<string | null> {
  const [row] = await tx.insert(skillsEntries).values(values).returning({ id: skillsEntries.id });
  const inserted = await tx
    .insert(skillsContestants)
    .values(memberIds.map((memberId, position) => ({ entryId: row!.id, eventId: values.eventId, memberId, position })))
    .onConflictDoNothing()
    .returning({ memberId: skillsContestants.memberId });
  // A member already in the event: the caller's transaction rolls back.
  return inserted.length === memberIds.length ? row!.id : null;
}

/** The members named, with their union's path: those not found are missing from the answer. */
export async function membersWithOrgs(db: Db, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(inArray(members.id, [...memberIds]));
}

export async function registeredMembers(db: Db, eventId: string, memberIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .select({ memberId: skillsContestants.memberId })
    .from(skillsContestants)
    .where(and(eq(skillsContestants.eventId, eventId), inArray(skillsContestants.memberId, [...memberIds])));
  return rows.map((r) => r.memberId);
}

export type EntryRow = Awaited<ReturnType<typeof entriesOf>>[number];

/** The entries of events, each with its contestants in order; `scope` keeps those of unions within it. */
export async function entriesOf(db: Db, eventIds: readonly string[], scope?: string) {
  if (eventIds.length === 0) return [];
  const x = skillsEntries;
  const rows = await db
    .select({
      id: x.id,
      eventId: x.eventId,
      orgId: x.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      teamName: x.teamName,
      registeredBy: x.registeredBy,
      theoryScore: x.theoryScore,
      practicalScore: x.practicalScore,
      totalScore: x.totalScore,
      createdAt: x.createdAt,
    })
    .from(x)
    .innerJoin(orgs, eq(orgs.id, x.orgId))
    .where(and(inArray(x.eventId, [...eventIds]), scope !== undefined ? within(orgs.path, scope) : undefined))
    .orderBy(asc(x.createdAt), asc(x.id));
  const people = rows.length
    ? await db
        .select({
          entryId: skillsContestants.entryId,
          memberId: skillsContestants.memberId,
          name: members.name,
        })
        .from(skillsContestants)
        .innerJoin(members, eq(members.id, skillsContestants.memberId))
        .where(
          inArray(
            skillsContestants.entryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(skillsContestants.position))
    : [];
  return rows.map((r) => ({
    ...r,
    contestants: people.filter((p) => p.entryId === r.id).map((p) => ({ memberId: p.memberId, name: p.name })),
  }));
}

export async function findEntry(db: Db, id: string) {
  const [row] = await db
    .select({
      id: skillsEntries.id,
      eventId: skillsEntries.eventId,
      orgPath: orgs.path,
      totalScore: skillsEntries.totalScore,
    })
    .from(skillsEntries)
    .innerJoin(orgs, eq(orgs.id, skillsEntries.orgId))
    .where(eq(skillsEntries.id, id));
  return row ?? null;
}

export async function entryMembers(db: Db, entryId: string): Promise<string[]> {
  const rows = await db
    .select({ memberId: skillsContestants.memberId })
    .from(skillsContestants)
    .where(eq(skillsContestants.entryId, entryId));
  return rows.map((r) => r.memberId);
}

export async function deleteEntry(tx: Db, id: string): Promise<void> {
  await tx.delete(skillsContestants).where(eq(skillsContestants.entryId, id));
  await tx.delete(skillsEntries).where(eq(skillsEntries.id, id));
}

/** The member's entries in these events, by event. */
export async function myEntries(db: Db, memberId: string, eventIds: readonly string[]) {
  if (eventIds.length === 0) return [];
  return db
    .select({
      eventId: skillsContestants.eventId,
      entryId: skillsEntries.id,
      teamName: skillsEntries.teamName,
      registeredBy: skillsEntries.registeredBy,
    })
    .from(skillsContestants)
    .innerJoin(skillsEntries, eq(skillsEntries.id, skillsContestants.entryId))
    .where(and(eq(skillsContestants.memberId, memberId), inArray(skillsContestants.eventId, [...eventIds])));
}

export async function countEntriesOfEvent(db: Db, eventId: string, ids: readonly string[]): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(skillsEntries)
    .where(and(eq(skillsEntries.eventId, eventId), inArray(skillsEntries.id, [...ids])));
  return row?.n ?? 0;
}

export async function setScore(
  tx: Db,
  entryId: string,
  s: { theoryScore: number | null; practicalScore: number; totalScore: number; scoredBy: string; scoredAt: Date },
): Promise<void> {
  await tx.update(skillsEntries).set(s).where(eq(skillsEntries.id, entryId));
}
