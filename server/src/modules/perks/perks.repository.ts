import { and, count, eq, sql as dsql } from 'drizzle-orm';
import { pgArray, queryRows, sql, type Db } from '../../kernel/db/client.js';
import { merchantStaff, merchants, voucherCampaigns, vouchers } from './perks.tables.js';

export interface CampaignRow {
  id: string;
  orgId: string;
  orgPath: string;
  title: string;
  quantity: number;
  remaining: number;
  perMemberLimit: number;
  startsAt: Date;
  endsAt: Date;
  faceValueFen: number | null;
  merchantId: string | null;
  merchantName: string | null;
}

const selectCampaign = sql`select c.id, c.org_id as "orgId", o.path::text as "orgPath", c.title, c.quantity, c.remaining, c.per_member_limit as "perMemberLimit",
  c.starts_at as "startsAt", c.ends_at as "endsAt", c.face_value_fen as "faceValueFen", c.merchant_id as "merchantId", m.name as "merchantName"
  from voucher_campaigns c join orgs o on o.id = c.org_id left join merchants m on m.id = c.merchant_id`;

const dates = (r: CampaignRow): CampaignRow => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) });

export async function insertMerchant(db: Db, row: typeof merchants.$inferInsert) {
  const [created] = await db.insert(merchants).values(row).returning();
  return created!;
}

export async function findMerchant(db: Db, id: string) {
  const [row] = await queryRows<{ id: string; orgId: string; orgPath: string; name: string; address: string | null }>(
    db,
    sql`select m.id, m.org_id as "orgId", o.path::text as "orgPath", m.name, m.address from merchants m join orgs o on o.id = m.org_id where m.id = ${id}`,
  );
  return row ?? null;
}

export async function bindMerchantStaff(db: Db, merchantId: string, staffId: string): Promise<void> {
  await db.insert(merchantStaff).values({ merchantId, staffId }).onConflictDoUpdate({ target: merchantStaff.staffId, set: { merchantId } });
}

export async function merchantOfStaff(db: Db, staffId: string): Promise<string | null> {
  const [row] = await db.select({ merchantId: merchantStaff.merchantId }).from(merchantStaff).where(eq(merchantStaff.staffId, staffId));
  return row?.merchantId ?? null;
}

export async function insertCampaign(db: Db, row: typeof voucherCampaigns.$inferInsert): Promise<string> {
  const [created] = await db.insert(voucherCampaigns).values(row).returning({ id: voucherCampaigns.id });
  return created!.id;
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | null> {
  const [row] = await queryRows<CampaignRow>(db, sql`${selectCampaign} where c.id = ${id}`);
  return row ? dates(row) : null;
}

export async function findCampaigns(db: Db, ids: string[]): Promise<CampaignRow[]> {
  return (await queryRows<CampaignRow>(db, sql`${selectCampaign} where c.id = any(${pgArray(ids)}::uuid[])`)).map(dates);
}

/** Campaigns whose org is `orgPath` or an ancestor of it (a member sees those of their union chain). */
export async function campaignsForMember(db: Db, memberOrgPath: string, limit: number, after: { startsAt: string; id: string } | null) {
  const afterClause = after ? sql`and (c.starts_at, c.id) < (${after.startsAt}::timestamptz, ${after.id}::uuid)` : sql``;
  const rows = await queryRows<CampaignRow>(
    db,
    sql`${selectCampaign} where o.path @> ${memberOrgPath}::ltree and c.ends_at > now() ${afterClause} order by c.starts_at desc, c.id desc limit ${limit + 1}`,
  );
  return rows.map(dates);
}

export async function campaignsInScope(db: Db, scope: string, limit: number, after: { startsAt: string; id: string } | null) {
  const afterClause = after ? sql`and (c.starts_at, c.id) < (${after.startsAt}::timestamptz, ${after.id}::uuid)` : sql``;
  const rows = await queryRows<CampaignRow>(
    db,
    sql`${selectCampaign} where o.path <@ ${scope}::ltree ${afterClause} order by c.starts_at desc, c.id desc limit ${limit + 1}`,
  );
  return rows.map(dates);
}

/**
 * Serialises claims of the same member on one campaign across transactions (and server processes),
 * so the per-member limit holds under concurrency. Locks are taken in one order (sorted ids), so
 * two batches sharing members wait for each other rather than deadlock.
 */
export async function lockMembersClaims(db: Db, campaignId: string, memberIds: string[]): Promise<void> {
  const sorted = [...new Set(memberIds)].sort();
  await db.execute(
    sql`select count(pg_advisory_xact_lock(hashtext(${campaignId}), hashtext(m))) from (select m from unnest(${pgArray(sorted)}::text[]) as m order by m) as ordered`,
  );
}

export async function countMemberVouchers(db: Db, campaignId: string, memberId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(vouchers)
    .where(and(eq(vouchers.campaignId, campaignId), eq(vouchers.memberId, memberId)));
  return row?.n ?? 0;
}

export async function countVouchersOfMembers(db: Db, campaignId: string, memberIds: string[]): Promise<Map<string, number>> {
  const rows = await queryRows<{ memberId: string; n: number }>(
    db,
    sql`select member_id as "memberId", count(*)::int as n from vouchers
        where campaign_id = ${campaignId} and member_id = any(${pgArray(memberIds)}::uuid[]) group by member_id`,
  );
  return new Map(rows.map((r) => [r.memberId, r.n]));
}

/**
 * Takes up to `wanted` from the stock in one row update, never below zero: how many were granted
 * and what is left; null when the campaign is not open now (by the database's clock).
 */
export async function takeStock(db: Db, campaignId: string, wanted: number): Promise<{ granted: number; remaining: number } | null> {
  const [row] = await queryRows<{ granted: number; remaining: number }>(
    db,
    sql`with c as (select id, remaining from voucher_campaigns where id = ${campaignId} and now() >= starts_at and now() < ends_at for update)
        update voucher_campaigns v set remaining = v.remaining - least(c.remaining, ${wanted}::int) from c where v.id = c.id
        returning least(c.remaining, ${wanted}::int) as granted, v.remaining`,
  );
  return row ?? null;
}

export interface IssuedVoucher {
  id: string;
  memberId: string;
  code: string;
  issuedAt: Date;
}

/** Inserts vouchers; a code already taken (32^12 codes make it rare) is skipped and absent from the answer. */
export async function insertVouchers(db: Db, campaignId: string, wanted: { memberId: string; code: string }[]): Promise<IssuedVoucher[]> {
  const rows = await queryRows<IssuedVoucher>(
    db,
    sql`insert into vouchers (campaign_id, member_id, code)
        select ${campaignId}, m, c from unnest(${pgArray(wanted.map((w) => w.memberId))}::uuid[], ${pgArray(wanted.map((w) => w.code))}::text[]) as t(m, c)
        on conflict (code) do nothing
        returning id, member_id as "memberId", code, issued_at as "issuedAt"`,
  );
  return rows.map((r) => ({ ...r, issuedAt: new Date(r.issuedAt) }));
}

export interface VoucherRow {
  id: string;
  code: string;
  state: 'issued' | 'redeemed';
  issuedAt: Date;
  redeemedAt: Date | null;
  memberId: string;
  campaignId: string;
  campaignTitle: string;
  faceValueFen: number | null;
  endsAt: Date;
  merchantId: string | null;
  merchantName: string | null;
}

const selectVoucher = sql`select v.id, v.code, v.state, v.issued_at as "issuedAt", v.redeemed_at as "redeemedAt", v.member_id as "memberId",
  c.id as "campaignId", c.title as "campaignTitle", c.face_value_fen as "faceValueFen", c.ends_at as "endsAt", c.merchant_id as "merchantId", m.name as "merchantName"
  from vouchers v join voucher_campaigns c on c.id = v.campaign_id left join merchants m on m.id = c.merchant_id`;

const voucherDates = (r: VoucherRow): VoucherRow => ({
  ...r,
  issuedAt: new Date(r.issuedAt),
  redeemedAt: r.redeemedAt ? new Date(r.redeemedAt) : null,
  endsAt: new Date(r.endsAt),
});

export async function findVoucher(db: Db, id: string): Promise<VoucherRow | null> {
  const [row] = await queryRows<VoucherRow>(db, sql`${selectVoucher} where v.id = ${id}`);
  return row ? voucherDates(row) : null;
}

export async function findVoucherByCode(db: Db, code: string): Promise<VoucherRow | null> {
  const [row] = await queryRows<VoucherRow>(db, sql`${selectVoucher} where v.code = ${code}`);
  return row ? voucherDates(row) : null;
}

export async function vouchersOfMember(db: Db, memberId: string): Promise<VoucherRow[]> {
  return (await queryRows<VoucherRow>(db, sql`${selectVoucher} where v.member_id = ${memberId} order by v.issued_at desc limit 200`)).map(voucherDates);
}

/** Marks it redeemed unless it already is; false when someone was quicker. */
export async function redeem(db: Db, id: string, staffId: string): Promise<boolean> {
  const rows = await db
    .update(vouchers)
    .set({ state: 'redeemed', redeemedAt: new Date(), redeemedBy: staffId })
    .where(dsql`${vouchers.id} = ${id} and ${vouchers.state} = 'issued'`)
    .returning({ id: vouchers.id });
  return rows.length === 1;
}

export interface RedemptionRow {
  code: string;
  campaignTitle: string;
  faceValueFen: number | null;
  redeemedAt: Date;
}

/** A merchant's redemptions within [from, to). */
export async function redemptionsOf(db: Db, merchantId: string, from: Date, to: Date): Promise<RedemptionRow[]> {
  const rows = await queryRows<RedemptionRow>(
    db,
    sql`select v.code, c.title as "campaignTitle", c.face_value_fen as "faceValueFen", v.redeemed_at as "redeemedAt"
        from vouchers v join voucher_campaigns c on c.id = v.campaign_id
        where c.merchant_id = ${merchantId} and v.state = 'redeemed' and v.redeemed_at >= ${from.toISOString()}::timestamptz and v.redeemed_at < ${to.toISOString()}::timestamptz
        order by v.redeemed_at`,
  );
  return rows.map((r) => ({ ...r, redeemedAt: new Date(r.redeemedAt) }));
}

export interface MerchantListRow {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  address: string | null;
  createdAt: Date;
  cashiers: number;
  partnerOrgId: string | null;
  partnerOrgName: string | null;
}

/** Shops registered in a subtree, newest first, with their cashiers and breakfast programme. */
export async function merchantsInScope(db: Db, scope: string, limit: number, after: { createdAt: string; id: string } | null): Promise<MerchantListRow[]> {
  const afterClause = after ? sql`and (m.created_at, m.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``;
  const rows = await queryRows<MerchantListRow>(
    db,
    sql`select m.id, m.org_id as "orgId", o.name as "orgName", m.name, m.address, m.created_at as "createdAt",
          (select count(*)::int from merchant_staff ms where ms.merchant_id = m.id) as cashiers,
          p.org_id as "partnerOrgId", po.name as "partnerOrgName"
        from merchants m join orgs o on o.id = m.org_id
        left join breakfast_partners p on p.merchant_id = m.id left join orgs po on po.id = p.org_id
        where o.path <@ ${scope}::ltree ${afterClause}
        order by m.created_at desc, m.id desc limit ${limit + 1}`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}
