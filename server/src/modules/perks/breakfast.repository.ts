import { queryRows, sql, type Db } from '../../kernel/db/client.js';
import { breakfastEnrolments, breakfastPartners, breakfastServings } from './perks.tables.js';

export async function insertEnrolment(db: Db, row: typeof breakfastEnrolments.$inferInsert): Promise<string> {
  const [created] = await db.insert(breakfastEnrolments).values(row).returning({ id: breakfastEnrolments.id });
  return created!.id;
}

export async function upsertPartner(db: Db, merchantId: string, orgId: string): Promise<void> {
  await db.insert(breakfastPartners).values({ merchantId, orgId }).onConflictDoUpdate({ target: breakfastPartners.merchantId, set: { orgId } });
}

export interface CardRow {
  enrolmentId: string;
  memberId: string;
  memberName: string;
  cardCode: string;
  orgId: string;
  orgPath: string;
}

const selectCard = sql`select e.id as "enrolmentId", e.member_id as "memberId", m.name as "memberName", e.card_code as "cardCode", e.org_id as "orgId", o.path::text as "orgPath"
  from breakfast_enrolments e join members m on m.id = e.member_id join orgs o on o.id = e.org_id`;

export async function cardOfMember(db: Db, memberId: string): Promise<CardRow | null> {
  const [row] = await queryRows<CardRow>(db, sql`${selectCard} where e.member_id = ${memberId}`);
  return row ?? null;
}

export async function cardByCode(db: Db, code: string): Promise<CardRow | null> {
  const [row] = await queryRows<CardRow>(db, sql`${selectCard} where e.card_code = ${code}`);
  return row ?? null;
}

export async function partnerOrgPath(db: Db, merchantId: string): Promise<string | null> {
  const [row] = await queryRows<{ path: string }>(
    db,
    sql`select o.path::text as path from breakfast_partners p join orgs o on o.id = p.org_id where p.merchant_id = ${merchantId}`,
  );
  return row?.path ?? null;
}

/** Records today's breakfast; false when this card already had one today (anywhere). */
export async function serve(db: Db, row: typeof breakfastServings.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(breakfastServings).values(row).onConflictDoNothing().returning({ id: breakfastServings.id });
  return inserted.length === 1;
}

export async function servedOn(db: Db, enrolmentId: string, day: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from breakfast_servings where enrolment_id = ${enrolmentId} and served_on = ${day}::date`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

export async function servingsOf(db: Db, merchantId: string, fromDay: string, toDay: string) {
  return queryRows<{ servedOn: string; servedAt: Date; memberName: string; cardCode: string }>(
    db,
    sql`select s.served_on::text as "servedOn", s.served_at as "servedAt", m.name as "memberName", e.card_code as "cardCode"
        from breakfast_servings s join breakfast_enrolments e on e.id = s.enrolment_id join members m on m.id = e.member_id
        where s.merchant_id = ${merchantId} and s.served_on >= ${fromDay}::date and s.served_on < ${toDay}::date order by s.served_at`,
  );
}

export interface EnrolmentListRow {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  cardCode: string;
  createdAt: Date;
  servedThisMonth: number;
}

/** Enrolments of programmes in a subtree, newest first; `q` matches the worker's name or the card code. */
export async function enrolmentsInScope(
  db: Db,
  f: { scope: string; q?: string | undefined; monthStart: string },
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<EnrolmentListRow[]> {
  const search = f.q ? sql`and (m.name ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or e.card_code = ${f.q.toUpperCase()})` : sql``;
  const afterClause = after ? sql`and (e.created_at, e.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``;
  const rows = await queryRows<EnrolmentListRow>(
    db,
    sql`select e.id, e.member_id as "memberId", m.name as "memberName", e.org_id as "orgId", o.name as "orgName", e.card_code as "cardCode",
          e.created_at as "createdAt",
          (select count(*)::int from breakfast_servings s where s.enrolment_id = e.id and s.served_on >= ${f.monthStart}::date) as "servedThisMonth"
        from breakfast_enrolments e join members m on m.id = e.member_id join orgs o on o.id = e.org_id
        where o.path <@ ${f.scope}::ltree ${search} ${afterClause}
        order by e.created_at desc, e.id desc limit ${limit + 1}`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

/** Partner shops of programmes in a subtree, with this month's breakfasts served. */
export async function partnersInScope(db: Db, scope: string, monthStart: string) {
  return queryRows<{ merchantId: string; merchantName: string; address: string | null; orgId: string; orgName: string; servedThisMonth: number }>(
    db,
    sql`select p.merchant_id as "merchantId", m.name as "merchantName", m.address, p.org_id as "orgId", o.name as "orgName",
          (select count(*)::int from breakfast_servings s where s.merchant_id = p.merchant_id and s.served_on >= ${monthStart}::date) as "servedThisMonth"
        from breakfast_partners p join merchants m on m.id = p.merchant_id join orgs o on o.id = p.org_id
        where o.path <@ ${scope}::ltree order by o.name, m.name limit 500`,
  );
}
