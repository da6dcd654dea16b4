import { and, count, eq, sql as dsql } from 'drizzle-orm';
import { queryRows, sql, type Db } from '../../kernel/db/client.js';
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

/** Serialises claims of one member on one campaign, so the per-member limit holds under concurrency. */
export async function lockMemberClaims(db: Db, campaignId: string, memberId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${campaignId}), hashtext(${memberId}))`);
}

export async function countMemberVouchers(db: Db, campaignId: string, memberId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(vouchers)
    .where(and(eq(vouchers.campaignId, campaignId), eq(vouchers.memberId, memberId)));
  return row?.n ?? 0;
}

/** Takes one from the stock if any is left and the window is open: one atomic row update, never below zero. */
export async function takeOne(db: Db, campaignId: string): Promise<boolean> {
  const rows = await db
    .update(voucherCampaigns)
    .set({ remaining: dsql`${voucherCampaigns.remaining} - 1` })
    .where(
      dsql`${voucherCampaigns.id} = ${campaignId} and ${voucherCampaigns.remaining} > 0 and now() >= ${voucherCampaigns.startsAt} and now() < ${voucherCampaigns.endsAt}`,
    )
    .returning({ remaining: voucherCampaigns.remaining });
  return rows.length === 1;
}

export async function insertVoucher(db: Db, row: typeof vouchers.$inferInsert): Promise<string> {
  const [created] = await db.insert(vouchers).values(row).returning({ id: vouchers.id });
  return created!.id;
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
