import type { FastifyInstance } from 'fastify';
import { requireMember, requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { zodRoutes } from '../../kernel/http.js';
import * as s from './perks.schemas.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import {
  addBreakfastPartner,
  breakfastSettlement,
  enrolBreakfast,
  listEnrolments,
  listPartners,
  myBreakfastCard,
  serveBreakfast,
} from './breakfast.service.js';
import {
  bindMerchantStaff,
  claimVoucher,
  createCampaign,
  createMerchant,
  getCampaign,
  listCampaigns,
  listMerchants,
  listRedemptions,
  myVouchers,
  redeemVoucher,
  settlementWorkbook,
} from './perks.service.js';

export async function perksRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['perks'];
  // Staff see their subtree's campaigns; a member those of their union chain; a non-member is told to join.
  const staffOrMember = (p: Principal | null) => {
    if (!p) throw new AppError('UNAUTHENTICATED');
    return p.kind === 'staff' ? p : requireMember(p);
  };

  r.post(
    '/api/v1/merchants',
    { schema: { tags, body: s.createMerchantBody, response: { 201: s.merchantView } } },
    async (req, reply) => reply.status(201).send(await createMerchant(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/merchants',
    { schema: { tags, querystring: s.listMerchantsQuery, response: { 200: s.merchantPage } } },
    async (req) => listMerchants(ctx, requireStaff(req.principal), req.query),
  );
  r.post(
    '/api/v1/merchants/:id/staff',
    { schema: { tags, params: s.idParams, body: s.bindStaffBody, response: { 200: s.merchantView } } },
    async (req) => bindMerchantStaff(ctx, requireStaff(req.principal), req.params.id, req.body.staffId),
  );
  r.post(
    '/api/v1/voucher-campaigns',
    { schema: { tags, body: s.createCampaignBody, response: { 201: s.campaignView } } },
    async (req, reply) => reply.status(201).send(await createCampaign(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/voucher-campaigns',
    { schema: { tags, querystring: s.listCampaignsQuery, response: { 200: s.campaignPage } } },
    async (req) => listCampaigns(ctx, staffOrMember(req.principal), req.query),
  );
  r.get(
    '/api/v1/voucher-campaigns/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.campaignView } } },
    async (req) => getCampaign(ctx, staffOrMember(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/voucher-campaigns/:id/claims',
    { schema: { tags, description: 'Accepts Idempotency-Key', params: s.idParams, response: { 201: s.claimReply } } },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const answer = await claimVoucher(
        ctx,
        requireMember(req.principal),
        req.params.id,
        typeof key === 'string' ? key : undefined,
        req.ip,
      );
      return reply.status(201).send(answer.body);
    },
  );
  r.get('/api/v1/me/vouchers', { schema: { tags, response: { 200: s.myVouchersReply } } }, async (req) =>
    myVouchers(ctx, requireMember(req.principal).membership),
  );
  r.post(
    '/api/v1/merchant/redemptions',
    { schema: { tags, body: s.redeemBody, response: { 200: s.claimReply } } },
    async (req) => redeemVoucher(ctx, requireStaff(req.principal), req.body.code),
  );
  r.get(
    '/api/v1/merchant/redemptions',
    { schema: { tags, querystring: s.monthQuery, response: { 200: s.redemptionsReply } } },
    async (req) => listRedemptions(ctx, requireStaff(req.principal), req.query.month),
  );
  r.get(
    '/api/v1/merchant/settlement.xlsx',
    { schema: { tags, querystring: s.monthQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="settlement.xlsx"; filename*=UTF-8''${encodeURIComponent(`${req.query.month}结算单.xlsx`)}`,
        )
        .send(await settlementWorkbook(ctx, requireStaff(req.principal), req.query.month)),
  );

  r.post(
    '/api/v1/breakfast/enrolments',
    { schema: { tags, body: s.enrolBody, response: { 201: s.enrolmentView } } },
    async (req, reply) => reply.status(201).send(await enrolBreakfast(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/breakfast/enrolments',
    { schema: { tags, querystring: s.listEnrolmentsQuery, response: { 200: s.enrolmentPage } } },
    async (req) => listEnrolments(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/breakfast/partners',
    { schema: { tags, querystring: s.listPartnersQuery, response: { 200: s.partnersReply } } },
    async (req) => listPartners(ctx, requireStaff(req.principal), req.query),
  );
  r.post(
    '/api/v1/breakfast/partners',
    { schema: { tags, body: s.partnerBody, response: { 200: s.partnerView } } },
    async (req) => addBreakfastPartner(ctx, requireStaff(req.principal), req.body),
  );
  r.get('/api/v1/me/breakfast-card', { schema: { tags, response: { 200: s.breakfastCardView } } }, async (req) =>
    myBreakfastCard(ctx, requireMember(req.principal).membership),
  );
  r.post(
    '/api/v1/merchant/breakfasts',
    { schema: { tags, body: s.serveBody, response: { 201: s.servedView } } },
    async (req, reply) => reply.status(201).send(await serveBreakfast(ctx, requireStaff(req.principal), req.body.code)),
  );
  r.get(
    '/api/v1/merchant/breakfast-settlement.xlsx',
    { schema: { tags, querystring: s.monthQuery, produces: [xlsxMediaType] } },
    async (req, reply) => {
      const settlement = await breakfastSettlement(ctx, requireStaff(req.principal), req.query.month);
      return reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="breakfast.xlsx"; filename*=UTF-8''${encodeURIComponent(`${req.query.month}爱心早餐结算.xlsx`)}`,
        )
        .send(await settlement.workbook());
    },
  );
}
