import { and, asc, count, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { before, containsText, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { breakfastEnrolments, breakfastPartners, breakfastServings, merchants } from './perks.tables.js';

export async function insertEnrolment(db: Db, row: typeof breakfastEnrolments.$inferInsert): Promise<string> {
  const [created] = await db.insert(breakfastEnrolments).values(row).returning({ id: breakfastEnrolments.id });
  return created!.id;
}

export async function upsertPartner(db: Db, merchantId: string, orgId: string): Promise<void> {
  await db
    .insert(breakfastPartners)
    .values({ merchantId, orgId })
    .onConflictDoUpdate({ target: breakfastPartners.merchantId, set: { orgId } });
}

function selectCards(db: Db) {
  const e = breakfastEnrolments;
  return db
    .select({
      enrolmentId: e.id,
      memberId: e.memberId,
      memberName: members.name,
      cardCode: e.cardCode,
      orgId: e.orgId,
      orgPath: orgs.path,
    })
    .from(e)
    .innerJoin(members, eq(members.id, e.memberId))
    .innerJoin(orgs, eq(orgs.id, e.orgId));
}

export type CardRow = Awaited<ReturnType<typeof selectCards>>[number];

export async function cardOfMember(db: Db, memberId: string): Promise<CardRow | null> {
  const [row] = await selectCards(db).where(eq(breakfastEnrolments.memberId, memberId));
  return row ?? null;
}

export async function cardByCode(db: Db, code: string): Promise<CardRow | null> {
  const [row] = await selectCards(db).where(eq(breakfastEnrolments.cardCode, code));
  return row ?? null;
}

export async function partnerOrgPath(db: Db, merchantId: string): Promise<string | null> {
  const [row] = await db
    .select({ path: orgs.path })
    .from(breakfastPartners)
    .innerJoin(orgs, eq(orgs.id, breakfastPartners.orgId))
    .where(eq(breakfastPartners.merchantId, merchantId));
  return row?.path ?? null;
}

/** Records today's breakfast; false when this card already had one today (anywhere). */
export async function serve(db: Db, row: typeof breakfastServings.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(breakfastServings)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: breakfastServings.id });
  return inserted.length === 1;
}

export async function servedOn(db: Db, enrolmentId: string, day: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(breakfastServings)
    .where(and(eq(breakfastServings.enrolmentId, enrolmentId), eq(breakfastServings.servedOn, day)));
  return (row?.n ?? 0) > 0;
}

export async function servingsOf(db: Db, merchantId: string, fromDay: string, toDay: string) {
  const s = breakfastServings;
  return db
    .select({
      servedOn: s.servedOn,
      servedAt: s.servedAt,
      memberName: members.name,
      cardCode: breakfastEnrolments.cardCode,
    })
    .from(s)
    .innerJoin(breakfastEnrolments, eq(breakfastEnrolments.id, s.enrolmentId))
    .innerJoin(members, eq(members.id, breakfastEnrolments.memberId))
    .where(and(eq(s.merchantId, merchantId), gte(s.servedOn, fromDay), lt(s.servedOn, toDay)))
    .orderBy(asc(s.servedAt));
}

/** Breakfasts served since `monthStart` matching `by`, as a column (counted for the page's rows only). */
function servedSince(db: Db, by: SQL, monthStart: string) {
  return db.$count(breakfastServings, and(by, gte(breakfastServings.servedOn, monthStart)));
}

/** Enrolments of programmes in a subtree, newest first; `q` matches the worker's name or the card code. */
export async function enrolmentsInScope(
  db: Db,
  f: { scope: string; q?: string | undefined; monthStart: string },
  limit: number,
  after: { createdAt: string; id: string } | null,
) {
  const e = breakfastEnrolments;
  const served = servedSince(db, eq(breakfastServings.enrolmentId, e.id), f.monthStart);
  return db
    .select({
      id: e.id,
      memberId: e.memberId,
      memberName: members.name,
      orgId: e.orgId,
      orgName: orgs.name,
      cardCode: e.cardCode,
      createdAt: e.createdAt,
      servedThisMonth: served,
    })
    .from(e)
    .innerJoin(members, eq(members.id, e.memberId))
    .innerJoin(orgs, eq(orgs.id, e.orgId))
    .where(
      and(
        within(orgs.path, f.scope),
        f.q ? or(containsText(members.name, f.q), eq(e.cardCode, f.q.toUpperCase())) : undefined,
        after ? before(e.createdAt, e.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(e.createdAt), desc(e.id))
    .limit(limit + 1);
}

export type EnrolmentListRow = Awaited<ReturnType<typeof enrolmentsInScope>>[number];

/** Partner shops of programmes in a subtree, with this month's breakfasts served. */
export async function partnersInScope(db: Db, scope: string, monthStart: string) {
  const p = breakfastPartners;
  const served = servedSince(db, eq(breakfastServings.merchantId, p.merchantId), monthStart);
  return db
    .select({
      merchantId: p.merchantId,
      merchantName: merchants.name,
      address: merchants.address,
      orgId: p.orgId,
      orgName: orgs.name,
      servedThisMonth: served,
    })
    .from(p)
    .innerJoin(merchants, eq(merchants.id, p.merchantId))
    .innerJoin(orgs, eq(orgs.id, p.orgId))
    .where(within(orgs.path, scope))
    .orderBy(asc(orgs.name), asc(merchants.name))
    .limit(500);
}

/** The member's name and org path, to check an enrolment stays within the staff's subtree. */
export async function memberWithOrgPath(db: Db, memberId: string): Promise<{ name: string; orgPath: string } | null> {
  const [row] = await db
    .select({ name: members.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, memberId));
  return row ?? null;
}
