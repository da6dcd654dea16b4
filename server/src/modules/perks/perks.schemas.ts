import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';

export const createMerchantBody = z
  .object({ orgId: z.uuid(), name: z.string().trim().min(1).max(100), address: z.string().trim().max(200).optional() })
  .strict();
export const merchantView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
});
export const bindStaffBody = z.object({ staffId: z.uuid() }).strict();

export const createCampaignBody = z
  .object({
    orgId: z.uuid().optional().describe("whose members may claim; defaults to the caller's org"),
    title: z.string().trim().min(1).max(100),
    quantity: z.number().int().min(1).max(10_000_000),
    perMemberLimit: z.number().int().min(1).max(100),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    faceValueFen: z.number().int().min(0).max(100_000_000).optional(),
    merchantId: z.uuid().optional(),
  })
  .strict()
  // Judged only when both are valid times; a bad startsAt is reported on its own.
  .refine((v) => Number.isNaN(Date.parse(v.startsAt)) || Date.parse(v.endsAt) > Date.parse(v.startsAt), {
    path: ['endsAt'],
    message: 'invalid',
  });

export const campaignView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  title: z.string(),
  quantity: z.number().int(),
  remaining: z.number().int(),
  perMemberLimit: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  faceValueFen: z.number().int().nullable(),
  merchant: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  open: z.boolean(),
  claimedByMe: z.number().int().optional(),
});
export const campaignPage = pageOf(campaignView);
export const listCampaignsQuery = pageQuery.extend({ orgId: z.uuid().optional() });

export const voucherView = z.object({
  id: z.uuid(),
  code: z.string().describe('one-time code the merchant verifies'),
  state: z.enum(['issued', 'redeemed']),
  issuedAt: z.string(),
  redeemedAt: z.string().nullable(),
  campaign: z.object({
    id: z.uuid(),
    title: z.string(),
    faceValueFen: z.number().int().nullable(),
    endsAt: z.string(),
  }),
  merchant: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export const claimReply = z.object({ voucher: voucherView });
export const myVouchersReply = z.object({ items: z.array(voucherView) });
export const redeemBody = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{6,20}$/),
  })
  .strict();
export const idParams = z.object({ id: z.uuid() });

export const monthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .describe('YYYY-MM, Asia/Shanghai'),
});
export const redemptionsReply = z.object({
  month: z.string(),
  count: z.number().int(),
  totalFen: z.number().int(),
  items: z.array(
    z.object({
      code: z.string(),
      campaign: z.string(),
      faceValueFen: z.number().int().nullable(),
      redeemedAt: z.string(),
    }),
  ),
});

const orgRef = z.object({ id: z.uuid(), name: z.string() });
export const merchantListItem = merchantView.extend({
  org: orgRef,
  cashiers: z.number().int(),
  breakfastProgramme: orgRef.nullable().describe('the programme this shop serves love breakfasts for'),
});
export const merchantPage = pageOf(merchantListItem);
export const listMerchantsQuery = pageQuery.extend({ orgId: z.uuid().optional() });
export const enrolmentListItem = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  memberName: z.string(),
  org: orgRef,
  cardCode: z.string(),
  enrolledAt: z.string(),
  servedThisMonth: z.number().int(),
});
export const enrolmentPage = pageOf(enrolmentListItem);
export const listEnrolmentsQuery = pageQuery.extend({
  orgId: z.uuid().optional(),
  q: z.string().trim().max(50).optional().describe('worker name fragment or card code'),
});
export const partnerListItem = z.object({
  merchantId: z.uuid(),
  merchantName: z.string(),
  address: z.string().nullable(),
  org: orgRef,
  servedThisMonth: z.number().int(),
});
export const partnersReply = z.object({ items: z.array(partnerListItem) });
export const listPartnersQuery = z.object({ orgId: z.uuid().optional() });
export const enrolBody = z.object({ orgId: z.uuid(), memberId: z.uuid() }).strict();
export const enrolmentView = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  memberName: z.string(),
  orgId: z.uuid(),
  cardCode: z.string(),
});
export const partnerBody = z.object({ orgId: z.uuid(), merchantId: z.uuid() }).strict();
export const partnerView = z.object({ merchantId: z.uuid(), orgId: z.uuid() });
export const breakfastCardView = z.object({ cardCode: z.string(), name: z.string(), servedToday: z.boolean() });
export const serveBody = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^BF[A-Z0-9]{10}$/),
  })
  .strict();
export const servedView = z.object({ name: z.string(), servedOn: z.string() });
