import { z } from 'zod';
import { requireStaffWithin, visibleOrNotFound } from '../../kernel/access.js';
import type { Membership, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { shanghaiDayStart } from '../../kernel/clock.js';
import { sumFormula, workbookOf } from '../../kernel/xlsx.js';
import { isWithin } from '../../kernel/org-tree.js';
import { audited, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { authorizeCashier, authorizeManagePerks, isCampaignOpen, mayClaimCampaign } from './perks.policy.js';
import { checkIdempotencyKey } from '../../kernel/idempotency.js';
import { perksState } from './perks.state.js';
import * as repo from './perks.repository.js';

const startCursor = z.object({ startsAt: z.string(), id: z.uuid() });
function presentCampaign(c: repo.CampaignRow, now: Date, claimedByMe?: number) {
  return {
    id: c.id,
    orgId: c.orgId,
    title: c.title,
    quantity: c.quantity,
    remaining: c.remaining,
    perMemberLimit: c.perMemberLimit,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    faceValueFen: c.faceValueFen,
    merchant: c.merchantId ? { id: c.merchantId, name: c.merchantName ?? '' } : null,
    open: isCampaignOpen(c, now) && c.remaining > 0,
    ...(claimedByMe !== undefined ? { claimedByMe } : {}),
  };
}

function presentVoucher(v: repo.VoucherRow) {
  return {
    id: v.id,
    code: v.code,
    state: v.state,
    issuedAt: v.issuedAt.toISOString(),
    redeemedAt: v.redeemedAt ? v.redeemedAt.toISOString() : null,
    campaign: {
      id: v.campaignId,
      title: v.campaignTitle,
      faceValueFen: v.faceValueFen,
      endsAt: v.endsAt.toISOString(),
    },
    merchant: v.merchantId ? { id: v.merchantId, name: v.merchantName ?? '' } : null,
  };
}

export async function createMerchant(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: { orgId: string; name: string; address?: string | undefined },
) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeManagePerks);
  const m = await audited(
    ctx,
    principal,
    (tx) => repo.insertMerchant(tx, { orgId: org.id, name: input.name, address: input.address ?? null }),
    (created) => ({
      action: 'merchant.create',
      objectType: 'merchant',
      objectId: created.id,
      orgId: org.id,
      details: { name: created.name },
    }),
  );
  return { id: m.id, orgId: m.orgId, name: m.name, address: m.address };
}

/** The subtree a perks list covers: `orgId` (404 outside the caller's) or the caller's own; perks staff only. */
export function perksScope(ctx: AppContext, principal: StaffPrincipal, orgId: string | undefined): Promise<string> {
  return scopeOf(ctx, principal, orgId, authorizeManagePerks);
}

const merchantCursor = z.object({ createdAt: z.string(), id: z.uuid() });

/** Shops of the caller's subtree (or of `orgId` within it) for the console: cashiers, breakfast programme. */
export async function listMerchants(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: { orgId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const scope = await perksScope(ctx, principal, q.orgId);
  const rows = await repo.merchantsInScope(ctx.db, scope, q.limit, decodeCursor(q.cursor, merchantCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return {
    items: page.items.map((m) => ({
      id: m.id,
      orgId: m.orgId,
      name: m.name,
      address: m.address,
      org: { id: m.orgId, name: m.orgName },
      cashiers: m.cashiers,
      breakfastProgramme: m.partnerOrgId ? { id: m.partnerOrgId, name: m.partnerOrgName ?? '' } : null,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Binds a staff account holding the merchant role to the shop whose vouchers it will verify. */
export async function bindMerchantStaff(
  ctx: AppContext,
  principal: StaffPrincipal,
  merchantId: string,
  staffId: string,
) {
  const merchant = inScope(await repo.findMerchant(ctx.db, merchantId), principal, authorizeManagePerks);
  await requireStaffWithin(ctx.db, staffId, principal.orgPath, 'staffId');
  await audited(ctx, principal, (tx) => repo.bindMerchantStaff(tx, merchant.id, staffId), {
    action: 'merchant.bind_staff',
    objectType: 'merchant',
    objectId: merchant.id,
    orgId: merchant.orgId,
    details: { staffId },
  });
  return { id: merchant.id, orgId: merchant.orgId, name: merchant.name, address: merchant.address };
}

export async function createCampaign(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: {
    orgId?: string | undefined;
    title: string;
    quantity: number;
    perMemberLimit: number;
    startsAt: string;
    endsAt: string;
    faceValueFen?: number | undefined;
    merchantId?: string | undefined;
  },
) {
  const org = await orgInScope(ctx, principal, input.orgId ?? principal.orgId, authorizeManagePerks);
  if (input.merchantId) {
    const merchant = await repo.findMerchant(ctx.db, input.merchantId);
    if (!merchant || !isWithin(merchant.orgPath, principal.orgPath))
      throw validationFailed([{ path: 'merchantId', code: 'invalid', message: '' }]);
  }
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertCampaign(tx, {
        orgId: org.id,
        title: input.title,
        quantity: input.quantity,
        remaining: input.quantity,
        perMemberLimit: input.perMemberLimit,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        faceValueFen: input.faceValueFen ?? null,
        merchantId: input.merchantId ?? null,
        createdBy: principal.staffId,
      }),
    (campaignId) => ({
      action: 'voucher_campaign.create',
      objectType: 'voucher_campaign',
      objectId: campaignId,
      orgId: org.id,
      details: { ...input },
    }),
  );
  return presentCampaign((await repo.findCampaign(ctx.db, id))!, ctx.clock.now());
}

export async function getCampaign(
  ctx: AppContext,
  principal: StaffPrincipal | (WorkerPrincipal & { membership: Membership }),
  id: string,
) {
  const c = await repo.findCampaign(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND');
  if (principal.kind === 'staff') {
    visibleOrNotFound(c, principal);
    return presentCampaign(c, ctx.clock.now());
  }
  if (!mayClaimCampaign(principal.membership, c)) throw new AppError('NOT_FOUND');
  return presentCampaign(
    c,
    ctx.clock.now(),
    await repo.countMemberVouchers(ctx.db, c.id, principal.membership.memberId),
  );
}

export async function listCampaigns(
  ctx: AppContext,
  principal: StaffPrincipal | (WorkerPrincipal & { membership: Membership }),
  q: { orgId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(q.cursor, startCursor);
  let rows: repo.CampaignRow[];
  if (principal.kind === 'staff') {
    rows = await repo.campaignsInScope(ctx.db, await perksScope(ctx, principal, q.orgId), q.limit, after);
  } else {
    rows = await repo.campaignsForMember(ctx.db, principal.membership.orgPath, q.limit, after);
  }
  const page = paginate(rows, q.limit, (r) => ({ startsAt: r.startsAt.toISOString(), id: r.id }));
  const now = ctx.clock.now();
  // One query for the member's vouchers of the whole page, not one per campaign.
  const held =
    principal.kind === 'worker'
      ? await repo.countMemberVouchersByCampaign(
          ctx.db,
          principal.membership.memberId,
          page.items.map((c) => c.id),
        )
      : null;
  const items = page.items.map((c) => presentCampaign(c, now, held ? (held.get(c.id) ?? 0) : undefined));
  return { items, nextCursor: page.nextCursor };
}

/**
 * One voucher for one member, within the per-member limit, never beyond the stock: served with the
 * claims arriving at the same time in one transaction (perks.claims.ts).
 */
export async function claimVoucher(
  ctx: AppContext,
  worker: WorkerPrincipal & { membership: Membership },
  campaignId: string,
  idempotencyKey: string | undefined,
  clientAddress: string,
) {
  checkIdempotencyKey(idempotencyKey);
  const state = ctx.state.get(perksState);
  const now = ctx.clock.now();
  await Promise.all([
    state.claimsPerMember.hit(worker.membership.memberId, now.getTime()),
    state.claimsPerAddress.hit(clientAddress, now.getTime()),
  ]);
  const campaign = await state.claims.campaignForClaims(campaignId);
  if (!campaign || !mayClaimCampaign(worker.membership, campaign)) throw new AppError('NOT_FOUND');
  const claim = { memberId: worker.membership.memberId, accountId: worker.accountId, key: idempotencyKey };
  if (state.claims.knownSoldOut(campaign.id)) return state.claims.answerAfterSoldOut(campaign.id, claim);
  if (!isCampaignOpen(campaign, now)) throw new AppError('CAMPAIGN_NOT_OPEN');
  return state.claims.submit(campaign, claim);
}

export async function myVouchers(ctx: AppContext, membership: Membership) {
  return { items: (await repo.vouchersOfMember(ctx.db, membership.memberId)).map(presentVoucher) };
}

/** The shop verifies a code: only vouchers of its own campaigns exist for it (404 otherwise), each once. */
export async function redeemVoucher(ctx: AppContext, principal: StaffPrincipal, code: string) {
  const merchantId = await merchantOf(ctx, principal);
  const voucher = await repo.findVoucherByCode(ctx.db, code);
  if (!voucher || voucher.merchantId !== merchantId) throw new AppError('NOT_FOUND');
  await audited(
    ctx,
    principal,
    async (tx) => {
      if (!(await repo.redeem(tx, voucher.id, principal.staffId, ctx.clock.now())))
        throw new AppError('ALREADY_REDEEMED');
    },
    { action: 'voucher.redeem', objectType: 'voucher', objectId: voucher.id, details: { merchantId } },
  );
  return { voucher: presentVoucher((await repo.findVoucher(ctx.db, voucher.id))!) };
}

/** The calendar month (Asia/Shanghai) as an instant range. */
function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: shanghaiDayStart(`${month}-01`), to: shanghaiDayStart(`${next}-01`) };
}

/** The shop a cashier works for: 403 without the merchant role, 404 when bound to none. */
export async function merchantOf(ctx: AppContext, principal: StaffPrincipal): Promise<string> {
  authorizeCashier(principal);
  const merchantId = await repo.merchantOfStaff(ctx.db, principal.staffId);
  if (!merchantId) throw new AppError('NOT_FOUND');
  return merchantId;
}

export async function listRedemptions(ctx: AppContext, principal: StaffPrincipal, month: string) {
  const { from, to } = monthRange(month);
  const rows = await repo.redemptionsOf(ctx.db, await merchantOf(ctx, principal), from, to);
  return {
    month,
    count: rows.length,
    totalFen: rows.reduce((n, r) => n + (r.faceValueFen ?? 0), 0),
    items: rows.map((r) => ({
      code: r.code,
      campaign: r.campaignTitle,
      faceValueFen: r.faceValueFen,
      redeemedAt: r.redeemedAt.toISOString(),
    })),
  };
}

/** 月度结算单: every redemption of the month and the total the union owes the shop. */
export async function settlementWorkbook(ctx: AppContext, principal: StaffPrincipal, month: string): Promise<Buffer> {
  const summary = await listRedemptions(ctx, principal, month);
  const rows: Record<string, unknown>[] = summary.items.map((r) => ({
    redeemedAt: r.redeemedAt,
    code: r.code,
    campaign: r.campaign,
    faceValue: r.faceValueFen,
  }));
  // The total as a formula over the face values: it is what a spreadsheet's SUM gives, and stays so if rows are edited.
  rows.push({
    redeemedAt: '合计',
    code: `${summary.count} 张`,
    campaign: '',
    faceValue: sumFormula('D', 2, rows.length + 1, summary.totalFen),
  });
  return workbookOf(
    `${month} 结算`,
    [
      { header: '核销时间', key: 'redeemedAt', width: 17, kind: 'datetime' },
      { header: '券码', key: 'code', width: 16, kind: 'text' },
      { header: '活动', key: 'campaign', width: 24 },
      { header: '面值（元）', key: 'faceValue', width: 12, kind: 'money' },
    ],
    rows,
  );
}
