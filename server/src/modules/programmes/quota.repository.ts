import { and, asc, count, desc, eq, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { anyOf, scalarNumber, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { programmes } from './programmes.tables.js';
import { programmeSignups } from './quota.tables.js';
import type { SignupState } from './quota.workflow.js';

export type NewSignup = typeof programmeSignups.$inferInsert;

const programmeOrgs = alias(orgs, 'programme_org');
const waiting = alias(programmeSignups, 'waiting');

/** The order of a programme's list: ranked signups by rank, then the unranked by arrival. */
const orderKey = sql<number>`coalesce(${programmeSignups.rank}, 1000000000 + ${programmeSignups.arrival})`.mapWith(
  Number,
);

function selectSignups(db: Db) {
  const s = programmeSignups;
  return db
    .select({
      id: s.id,
      programmeId: s.programmeId,
      programmeTitle: programmes.title,
      programmeKind: programmes.kind,
      programmeRules: programmes.rules,
      programmeOrgId: programmes.orgId,
      programmeOrgPath: programmeOrgs.path,
      memberId: s.memberId,
      memberName: members.name,
      orgId: s.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      honourLevel: s.honourLevel,
      frontLine: s.frontLine,
      firstTime: s.firstTime,
      rank: s.rank,
      placeNo: s.placeNo,
      status: s.status,
      createdAt: s.createdAt,
      arrival: s.arrival,
      orderKey,
      // 1 for the first on the waiting list: how many wait ahead, plus one (the page's rows only).
      waitingPosition: scalarNumber(
        db
          .select({ n: sql`count(*) + 1` })
          .from(waiting)
          .where(
            and(
              eq(waiting.programmeId, s.programmeId),
              eq(waiting.status, 'waitlisted'),
              lt(waiting.rank, s.rank),
              sql`${s.status} = 'waitlisted'`,
            ),
          ),
      ),
    })
    .from(s)
    .innerJoin(programmes, eq(programmes.id, s.programmeId))
    .innerJoin(programmeOrgs, eq(programmeOrgs.id, programmes.orgId))
    .innerJoin(members, eq(members.id, s.memberId))
    .innerJoin(orgs, eq(orgs.id, s.orgId))
    .$dynamic();
}
export type SignupRow = Awaited<ReturnType<typeof selectSignups>>[number];

export async function insertSignup(db: Db, row: NewSignup): Promise<string> {
  const [created] = await db.insert(programmeSignups).values(row).returning({ id: programmeSignups.id });
  return created!.id;
}

export async function findSignup(db: Db, id: string): Promise<SignupRow | null> {
  const [row] = await selectSignups(db).where(eq(programmeSignups.id, id));
  return row ?? null;
}

/** The member's signup to the programme that is not withdrawn (one at most: a unique index). */
export async function activeSignupFor(db: Db, programmeId: string, memberId: string) {
  const s = programmeSignups;
  const [row] = await db
    .select({ id: s.id })
    .from(s)
    .where(and(eq(s.programmeId, programmeId), eq(s.memberId, memberId), ne(s.status, 'withdrawn')));
  return row ?? null;
}

/**
 * A programme's signups in allocation order (rank, then arrival): of one member, or of the members of `scope`'s
 * unions, optionally in one state. `afterKey`: the last row's order key of the previous page.
 */
export async function listSignups(
  db: Db,
  filter: { programmeId: string; memberId?: string; scope?: string; status?: SignupState },
  limit: number,
  afterKey: number | null,
): Promise<SignupRow[]> {
  const s = programmeSignups;
  return selectSignups(db)
    .where(
      and(
        eq(s.programmeId, filter.programmeId),
        filter.memberId ? eq(s.memberId, filter.memberId) : undefined,
        filter.scope ? within(orgs.path, filter.scope) : undefined,
        filter.status ? eq(s.status, filter.status) : undefined,
        afterKey !== null ? sql`${orderKey} > ${afterKey}` : undefined,
      ),
    )
    .orderBy(asc(orderKey))
    .limit(limit + 1);
}

/** The signups the allocation ranks: those not yet allocated nor waiting, in arrival order. */
export async function signupsToRank(db: Db, programmeId: string) {
  const s = programmeSignups;
  return db
    .select({
      id: s.id,
      memberId: s.memberId,
      orgId: s.orgId,
      honourLevel: s.honourLevel,
      frontLine: s.frontLine,
      arrival: s.arrival,
    })
    .from(s)
    .where(and(eq(s.programmeId, programmeId), eq(s.status, 'applied')))
    .orderBy(asc(s.arrival));
}

/** Of `memberIds`, those who attended another programme of the same kind (疗休养 before): not "first time". */
export async function membersWhoAttended(
  db: Db,
  kind: string,
  programmeId: string,
  memberIds: readonly string[],
): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const s = programmeSignups;
  const rows = await db
    .selectDistinct({ memberId: s.memberId })
    .from(s)
    .innerJoin(programmes, eq(programmes.id, s.programmeId))
    .where(
      and(
        anyOf(s.memberId, memberIds, 'uuid'),
        eq(s.status, 'attended'),
        eq(programmes.kind, kind as typeof programmes.$inferSelect.kind),
        ne(s.programmeId, programmeId),
      ),
    );
  return new Set(rows.map((r) => r.memberId));
}

/** The places of the programme held now, and the highest rank given so far. */
export async function placesInUse(db: Db, programmeId: string): Promise<{ placeNos: number[]; maxRank: number }> {
  const s = programmeSignups;
  const held = await db
    .select({ placeNo: s.placeNo })
    .from(s)
    .where(and(eq(s.programmeId, programmeId), isNotNull(s.placeNo)));
  const [top] = await db
    .select({ maxRank: sql<number>`coalesce(max(${s.rank}), 0)`.mapWith(Number) })
    .from(s)
    .where(eq(s.programmeId, programmeId));
  return { placeNos: held.map((h) => h.placeNo!), maxRank: top?.maxRank ?? 0 };
}

export async function setRanking(
  db: Db,
  id: string,
  values: { rank: number; placeNo: number | null; firstTime: boolean },
): Promise<void> {
  await db.update(programmeSignups).set(values).where(eq(programmeSignups.id, id));
}

/** Gives or takes back a place (null). */
export async function setPlace(db: Db, id: string, placeNo: number | null): Promise<void> {
  await db.update(programmeSignups).set({ placeNo }).where(eq(programmeSignups.id, id));
}

/** The first on the programme's waiting list (lowest rank), locked until the transaction ends. */
export async function firstWaiting(db: Db, programmeId: string) {
  const s = programmeSignups;
  const [row] = await db
    .select({ id: s.id, memberId: s.memberId, orgId: s.orgId, rank: s.rank })
    .from(s)
    .where(and(eq(s.programmeId, programmeId), eq(s.status, 'waitlisted')))
    .orderBy(asc(s.rank))
    .limit(1)
    .for('update');
  return row ?? null;
}

/** Locks the signup's row; its state and place. */
export async function lockSignup(db: Db, id: string) {
  const [row] = await db
    .select({ status: programmeSignups.status, placeNo: programmeSignups.placeNo })
    .from(programmeSignups)
    .where(eq(programmeSignups.id, id))
    .for('update');
  return row ?? null;
}

/** How many of the programme's signups are in each of `states`. */
export async function countByStatus(db: Db, programmeId: string, states: readonly SignupState[]) {
  const s = programmeSignups;
  const rows = await db
    .select({ status: s.status, n: count() })
    .from(s)
    .where(and(eq(s.programmeId, programmeId), inArray(s.status, [...states])))
    .groupBy(s.status);
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** Signups by id (any order; missing ids are absent). */
export async function signupsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const s = programmeSignups;
  return db
    .select({ id: s.id, programmeId: s.programmeId, memberId: s.memberId, orgId: s.orgId })
    .from(s)
    .where(anyOf(s.id, ids, 'uuid'));
}

/** A member's signups to every programme, newest first (the member app's list). */
export async function signupsOfMember(db: Db, memberId: string, limit: number, beforeArrival: number | null) {
  const s = programmeSignups;
  return selectSignups(db)
    .where(and(eq(s.memberId, memberId), beforeArrival !== null ? lt(s.arrival, beforeArrival) : undefined))
    .orderBy(desc(s.arrival))
    .limit(limit + 1);
}

/** Corrects the facts the priority lists read (before the allocation ranks the signup). */
export async function correctFacts(
  db: Db,
  id: string,
  values: { honourLevel?: NewSignup['honourLevel']; frontLine?: boolean },
): Promise<void> {
  await db.update(programmeSignups).set(values).where(eq(programmeSignups.id, id));
}
