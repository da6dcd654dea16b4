import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { before, containing, scalarNumber, within } from '../../kernel/db/operators.js';
import { rawStatement, runRaw } from '../../kernel/db/raw.js';
import { walkChallenges, walkDays } from './walks.tables.js';

// ——— challenges ———

export async function insertChallenge(tx: Db, values: typeof walkChallenges.$inferInsert): Promise<string> {
  const [row] = await tx.insert(walkChallenges).values(values).returning({ id: walkChallenges.id });
  return row!.id;
}

/** The challenge's row locked for a change (an edit, closing it): the current window, read after the lock. */
export async function lockChallenge(tx: Db, id: string) {
  const c = walkChallenges;
  const [row] = await tx.select({ startsOn: c.startsOn, endsOn: c.endsOn }).from(c).where(eq(c.id, id)).for('update');
  return row!;
}

export async function updateChallenge(
  tx: Db,
  id: string,
  set: Partial<Pick<typeof walkChallenges.$inferInsert, 'title' | 'startsOn' | 'endsOn' | 'dailyGoalSteps'>>,
): Promise<void> {
  if (Object.keys(set).length > 0) await tx.update(walkChallenges).set(set).where(eq(walkChallenges.id, id));
}

function selectChallenges(db: Db) {
  const c = walkChallenges;
  return db
    .select({
      id: c.id,
      orgId: c.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: c.title,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      dailyGoalSteps: c.dailyGoalSteps,
      createdAt: c.createdAt,
      participants: scalarNumber<number>(
        sql`select count(distinct ${walkDays.memberId}) from ${walkDays} where ${walkDays.challengeId} = ${c.id}`,
      ),
    })
    .from(c)
    .innerJoin(orgs, eq(orgs.id, c.orgId));
}

export type ChallengeRow = NonNullable<Awaited<ReturnType<typeof findChallenge>>>;

export async function findChallenge(db: Db, id: string) {
  const [row] = await selectChallenges(db).where(eq(walkChallenges.id, id));
  return row ?? null;
}

/**
 * Newest first: the challenges of a subtree (staff), or those run by a member's union and the unions above it (the
 * member's org chain).
 */
export async function listChallenges(
  db: Db,
  f: { scope: string } | { memberOrgPath: string },
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  const c = walkChallenges;
  return selectChallenges(db)
    .where(
      and(
        'scope' in f ? within(orgs.path, f.scope) : containing(orgs.path, f.memberOrgPath),
        cursor ? before(c.createdAt, c.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(limit + 1);
}

// ——— days ———

/** The member's count for the day: a new row, or the day's row replaced (the primary key). */
export async function upsertDay(tx: Db, values: typeof walkDays.$inferInsert) {
  const [row] = await tx
    .insert(walkDays)
    .values(values)
    .onConflictDoUpdate({
      target: [walkDays.challengeId, walkDays.memberId, walkDays.day],
      set: { steps: values.steps, source: values.source, orgId: values.orgId, recordedAt: values.recordedAt },
    })
    .returning({ day: walkDays.day, steps: walkDays.steps, source: walkDays.source, recordedAt: walkDays.recordedAt });
  return row!;
}

/** The member's days of the challenge, first to last. */
export async function daysOf(db: Db, challengeId: string, memberId: string) {
  const d = walkDays;
  return db
    .select({ day: d.day, steps: d.steps, source: d.source, recordedAt: d.recordedAt })
    .from(d)
    .where(and(eq(d.challengeId, challengeId), eq(d.memberId, memberId)))
    .orderBy(asc(d.day));
}

export async function memberTotal(db: Db, challengeId: string, memberId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${walkDays.steps}), 0)::int` })
    .from(walkDays)
    .where(and(eq(walkDays.challengeId, challengeId), eq(walkDays.memberId, memberId)));
  return row?.total ?? 0;
}

// ——— leaderboards ———

/**
 * The members of the challenge (or of one day of it, `day`) by steps, most first: the top `limit` with their rank
 * (1 + those with more steps, so equal counts share it), their current union, and how many took part. Raw: the
 * window functions over the aggregate.
 */
export const memberBoardStatement = rawStatement(
  z.strictObject({
    memberId: z.uuid(),
    name: z.string(),
    orgId: z.uuid(),
    orgName: z.string(),
    steps: z.number().int(),
    days: z.number().int(),
    rank: z.number().int(),
    participants: z.number().int(),
  }),
  (challengeId: string, day: string | null, limit: number) =>
    sql`with t as (
          select member_id, sum(steps)::int as steps, count(*)::int as days
            from walk_days
           where challenge_id = ${challengeId}::uuid and (${day}::date is null or day = ${day}::date)
           group by member_id
        ), r as (
          select t.*, rank() over (order by t.steps desc)::int as rank, count(*) over ()::int as participants from t
        )
        select r.member_id as "memberId", m.name, o.id as "orgId", o.name as "orgName",
               r.steps, r.days, r.rank, r.participants
          from r join members m on m.id = r.member_id join orgs o on o.id = m.org_id
         order by r.steps desc, m.name, r.member_id
         limit ${limit}`,
);

export function memberBoard(db: Db, challengeId: string, day: string | null, limit: number) {
  return runRaw(db, memberBoardStatement, challengeId, day, limit);
}

/** One member's steps (the challenge, or a day) and rank among the participants; null when they recorded nothing. */
export const memberStandingStatement = rawStatement(
  z.strictObject({ steps: z.number().int(), rank: z.number().int(), participants: z.number().int() }),
  (challengeId: string, day: string | null, memberId: string) =>
    sql`with t as (
          select member_id, sum(steps)::int as steps
            from walk_days
           where challenge_id = ${challengeId}::uuid and (${day}::date is null or day = ${day}::date)
           group by member_id
        )
        select me.steps, (1 + (select count(*) from t where t.steps > me.steps))::int as rank,
               (select count(*) from t)::int as participants
          from t me where me.member_id = ${memberId}::uuid`,
);

export async function memberStanding(db: Db, challengeId: string, day: string | null, memberId: string) {
  const [row] = await runRaw(db, memberStandingStatement, challengeId, day, memberId);
  return row ?? null;
}

export async function countParticipants(db: Db, challengeId: string, day: string | null): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${walkDays.memberId})::int` })
    .from(walkDays)
    .where(and(eq(walkDays.challengeId, challengeId), day ? eq(walkDays.day, day) : undefined));
  return row?.n ?? 0;
}

/**
 * Steps and participants per union directly below the challenge's union (`scope`), counting each day where the
 * member's union was when recording it; a member filed to the challenge's union itself counts under it. Every child
 * union is listed (with zero when nobody of it took part); the challenge's union only when someone of it did. Raw: the
 * group is a prefix of the day's org path (ltree).
 */
export const orgBoardStatement = rawStatement(
  z.strictObject({
    orgId: z.uuid(),
    orgName: z.string(),
    orgPath: z.string(),
    participants: z.number().int(),
    steps: z.number(),
  }),
  (challengeId: string, day: string | null, scope: string) =>
    sql`with d as (
          select subpath(o.path, 0, least(nlevel(o.path), nlevel(${scope}::ltree) + 1)) as g, w.member_id, w.steps
            from walk_days w join orgs o on o.id = w.org_id
           where w.challenge_id = ${challengeId}::uuid and (${day}::date is null or w.day = ${day}::date)
             and o.path <@ ${scope}::ltree
        ), per as (
          select g, count(distinct member_id)::int as participants, sum(steps)::bigint as steps from d group by g
        )
        select u.id as "orgId", u.name as "orgName", u.path::text as "orgPath",
               coalesce(per.participants, 0)::int as participants, coalesce(per.steps, 0)::float8 as steps
          from orgs u left join per on per.g = u.path
         where (u.path <@ ${scope}::ltree and nlevel(u.path) = nlevel(${scope}::ltree) + 1)
            or (u.path = ${scope}::ltree and per.g is not null)
         order by u.name, u.id`,
);

export function orgBoard(db: Db, challengeId: string, day: string | null, scope: string) {
  return runRaw(db, orgBoardStatement, challengeId, day, scope);
}
