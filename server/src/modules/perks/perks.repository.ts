import { and, count, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { pgArray, type Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, containing, within } from '../../kernel/db/operators.js';
import { rawStatement, runRaw, type RowOf } from '../../kernel/db/raw.js';
import { breakfastPartners, merchantStaff, merchants, voucherCampaigns, vouchers } from './perks.tables.js';

function selectCampaigns(db: Db) {
  const c = voucherCampaigns;
  return db
    .select({
      id: c.id,
      orgId: c.orgId,
      orgPath: orgs.path,
      title: c.title,
      quantity: c.quantity,
      remaining: c.remaining,
      perMemberLimit: c.perMemberLimit,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      faceValueFen: c.faceValueFen,
      merchantId: c.merchantId,
      merchantName: merchants.name,
    })
    .from(c)
    .innerJoin(orgs, eq(orgs.id, c.orgId))
    .leftJoin(merchants, eq(merchants.id, c.merchantId))
    .$dynamic();
}

export type CampaignRow = Awaited<ReturnType<typeof selectCampaigns>>[number];

export async function insertMerchant(db: Db, row: typeof merchants.$inferInsert) {
  const [created] = await db.insert(merchants).values(row).returning();
  return created!;
}

export async function findMerchant(db: Db, id: string) {
  const [row] = await db
    .select({
      id: merchants.id,
      orgId: merchants.orgId,
      orgPath: orgs.path,
      name: merchants.name,
      address: merchants.address,
    })
    .from(merchants)
    .innerJoin(orgs, eq(orgs.id, merchants.orgId))
    .where(eq(merchants.id, id));
  return row ?? null;
}

export async function bindMerchantStaff(db: Db, merchantId: string, staffId: string): Promise<void> {
  await db
    .insert(merchantStaff)
    .values({ merchantId, staffId })
    .onConflictDoUpdate({ target: merchantStaff.staffId, set: { merchantId } });
}

export async function merchantOfStaff(db: Db, staffId: string): Promise<string | null> {
  const [row] = await db
    .select({ merchantId: merchantStaff.merchantId })
    .from(merchantStaff)
    .where(eq(merchantStaff.staffId, staffId));
  return row?.merchantId ?? null;
}

export async function insertCampaign(db: Db, row: typeof voucherCampaigns.$inferInsert): Promise<string> {
  const [created] = await db.insert(voucherCampaigns).values(row).returning({ id: voucherCampaigns.id });
  return created!.id;
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | null> {
  const [row] = await selectCampaigns(db).where(eq(voucherCampaigns.id, id));
  return row ?? null;
}

export async function findCampaigns(db: Db, ids: string[]): Promise<CampaignRow[]> {
  return selectCampaigns(db).where(anyOf(voucherCampaigns.id, ids, 'uuid'));
}

function campaignPage(
  db: Db,
  where: ReturnType<typeof and>,
  limit: number,
  after: { startsAt: string; id: string } | null,
) {
  const c = voucherCampaigns;
  return selectCampaigns(db)
    .where(and(where, after ? before(c.startsAt, c.id, after.startsAt, after.id) : undefined))
    .orderBy(desc(c.startsAt), desc(c.id))
    .limit(limit + 1);
}

/** Campaigns whose org is `orgPath` or an ancestor of it (a member sees those of their union chain). */
export async function campaignsForMember(
  db: Db,
  memberOrgPath: string,
  limit: number,
  after: { startsAt: string; id: string } | null,
) {
  return campaignPage(
    db,
    and(containing(orgs.path, memberOrgPath), gt(voucherCampaigns.endsAt, sql`now()`)),
    limit,
    after,
  );
}

export async function campaignsInScope(
  db: Db,
  scope: string,
  limit: number,
  after: { startsAt: string; id: string } | null,
) {
  return campaignPage(db, within(orgs.path, scope), limit, after);
}

/**
 * Serialises claims of the same member on one campaign across transactions (and server processes),
 * so the per-member limit holds under concurrency. Locks are taken in one order (sorted ids), so
 * two batches sharing members wait for each other rather than deadlock. Raw SQL: advisory locks.
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

/** How many vouchers one member holds of each campaign of a page, in one query: campaign id → count (absent: 0). */
export async function countMemberVouchersByCampaign(
  db: Db,
  memberId: string,
  campaignIds: string[],
): Promise<Map<string, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .select({ campaignId: vouchers.campaignId, n: count() })
    .from(vouchers)
    .where(and(eq(vouchers.memberId, memberId), anyOf(vouchers.campaignId, campaignIds, 'uuid')))
    .groupBy(vouchers.campaignId);
  return new Map(rows.map((r) => [r.campaignId, r.n]));
}

export async function countVouchersOfMembers(
  db: Db,
  campaignId: string,
  memberIds: string[],
): Promise<Map<string, number>> {
  const rows = await db
    .select({ memberId: vouchers.memberId, n: count() })
    .from(vouchers)
    .where(and(eq(vouchers.campaignId, campaignId), anyOf(vouchers.memberId, memberIds, 'uuid')))
    .groupBy(vouchers.memberId);
  return new Map(rows.map((r) => [r.memberId, r.n]));
}

/**
 * Takes up to `wanted` from the stock in one row update, never below zero: how many were granted and what is
 * left; no row when the campaign is not open now (by the database's clock). Raw: the update must answer the
 * stock it found under the row lock (the CTE), which the builder cannot say.
 */
export const takeStockStatement = rawStatement(
  z.strictObject({ granted: z.number().int(), remaining: z.number().int() }),
  (campaignId: string, wanted: number) =>
    sql`with c as (select id, remaining from voucher_campaigns where id = ${campaignId} and now() >= starts_at and now() < ends_at for update)
        update voucher_campaigns v set remaining = v.remaining - least(c.remaining, ${wanted}::int) from c where v.id = c.id
        returning least(c.remaining, ${wanted}::int) as granted, v.remaining`,
);

export async function takeStock(
  db: Db,
  campaignId: string,
  wanted: number,
): Promise<RowOf<typeof takeStockStatement> | null> {
  const [row] = await runRaw(db, takeStockStatement, campaignId, wanted);
  return row ?? null;
}

/**
 * Inserts vouchers; a code already taken (32^12 codes make it rare) is skipped and absent from the answer.
 * Raw: a batch insert from arrays, one statement text for any batch size (planned once).
 */
export const insertVouchersStatement = rawStatement(
  // Drizzle's drivers hand timestamps of raw statements over as text.
  z.strictObject({ id: z.uuid(), memberId: z.uuid(), code: z.string(), issuedAt: z.string() }),
  (campaignId: string, wanted: { memberId: string; code: string }[]) =>
    sql`insert into vouchers (campaign_id, member_id, code)
        select ${campaignId}, m, c from unnest(${pgArray(wanted.map((w) => w.memberId))}::uuid[], ${pgArray(wanted.map((w) => w.code))}::text[]) as t(m, c)
        on conflict (code) do nothing
        returning id, member_id as "memberId", code, issued_at as "issuedAt"`,
);

export type IssuedVoucher = Omit<RowOf<typeof insertVouchersStatement>, 'issuedAt'> & { issuedAt: Date };

export async function insertVouchers(
  db: Db,
  campaignId: string,
  wanted: { memberId: string; code: string }[],
): Promise<IssuedVoucher[]> {
  return (await runRaw(db, insertVouchersStatement, campaignId, wanted)).map((r) => ({
    ...r,
    issuedAt: new Date(r.issuedAt),
  }));
}

function selectVouchers(db: Db) {
  return db
    .select({
      id: vouchers.id,
      code: vouchers.code,
      state: vouchers.state,
      issuedAt: vouchers.issuedAt,
      redeemedAt: vouchers.redeemedAt,
      memberId: vouchers.memberId,
      campaignId: voucherCampaigns.id,
      campaignTitle: voucherCampaigns.title,
      faceValueFen: voucherCampaigns.faceValueFen,
      endsAt: voucherCampaigns.endsAt,
      merchantId: voucherCampaigns.merchantId,
      merchantName: merchants.name,
    })
    .from(vouchers)
    .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
    .leftJoin(merchants, eq(merchants.id, voucherCampaigns.merchantId))
    .$dynamic();
}

export type VoucherRow = Awaited<ReturnType<typeof selectVouchers>>[number];

export async function findVoucher(db: Db, id: string): Promise<VoucherRow | null> {
  const [row] = await selectVouchers(db).where(eq(vouchers.id, id));
  return row ?? null;
}

export async function findVoucherByCode(db: Db, code: string): Promise<VoucherRow | null> {
  const [row] = await selectVouchers(db).where(eq(vouchers.code, code));
  return row ?? null;
}

export async function vouchersOfMember(db: Db, memberId: string): Promise<VoucherRow[]> {
  return selectVouchers(db).where(eq(vouchers.memberId, memberId)).orderBy(desc(vouchers.issuedAt)).limit(200);
}

/** Marks it redeemed unless it already is; false when someone was quicker. */
export async function redeem(db: Db, id: string, staffId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(vouchers)
    .set({ state: 'redeemed', redeemedAt: now, redeemedBy: staffId })
    .where(and(eq(vouchers.id, id), eq(vouchers.state, 'issued')))
    .returning({ id: vouchers.id });
  return rows.length === 1;
}

/** A merchant's redemptions within [from, to). */
export async function redemptionsOf(db: Db, merchantId: string, from: Date, to: Date) {
  const rows = await db
    .select({
      code: vouchers.code,
      campaignTitle: voucherCampaigns.title,
      faceValueFen: voucherCampaigns.faceValueFen,
      redeemedAt: vouchers.redeemedAt,
    })
    .from(vouchers)
    .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
    .where(
      and(
        eq(voucherCampaigns.merchantId, merchantId),
        eq(vouchers.state, 'redeemed'),
        gte(vouchers.redeemedAt, from),
        lt(vouchers.redeemedAt, to),
      ),
    )
    .orderBy(vouchers.redeemedAt);
  // The range conditions exclude a null redeemed_at.
  return rows.map((r) => ({ ...r, redeemedAt: r.redeemedAt! }));
}

export type RedemptionRow = Awaited<ReturnType<typeof redemptionsOf>>[number];

const partnerOrgs = alias(orgs, 'partner_org');

/** Shops registered in a subtree, newest first, with their cashiers and breakfast programme. */
export async function merchantsInScope(
  db: Db,
  scope: string,
  limit: number,
  after: { createdAt: string; id: string } | null,
) {
  return db
    .select({
      id: merchants.id,
      orgId: merchants.orgId,
      orgName: orgs.name,
      name: merchants.name,
      address: merchants.address,
      createdAt: merchants.createdAt,
      cashiers: db.$count(merchantStaff, eq(merchantStaff.merchantId, merchants.id)),
      partnerOrgId: breakfastPartners.orgId,
      partnerOrgName: partnerOrgs.name,
    })
    .from(merchants)
    .innerJoin(orgs, eq(orgs.id, merchants.orgId))
    .leftJoin(breakfastPartners, eq(breakfastPartners.merchantId, merchants.id))
    .leftJoin(partnerOrgs, eq(partnerOrgs.id, breakfastPartners.orgId))
    .where(
      and(
        within(orgs.path, scope),
        after ? before(merchants.createdAt, merchants.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(merchants.createdAt), desc(merchants.id))
    .limit(limit + 1);
}

export type MerchantListRow = Awaited<ReturnType<typeof merchantsInScope>>[number];
