import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { idempotencyKeyOf, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './campaigns.schemas.js';
import {
  addTargets,
  campaignReport,
  closeCampaign,
  createCampaign,
  distribute,
  exportDistributions,
  getCampaign,
  listCampaigns,
  listTargets,
  removeTarget,
} from './campaigns.service.js';

/** 四季送 seasonal campaigns: budget, target list from the archives, distribution per household, report, export. */
export async function campaignRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['hardship'];

  r.post(
    '/api/v1/aid-campaigns',
    {
      schema: {
        tags,
        description: "A union's seasonal campaign (四季送) with its budget: assistance officers of the union",
        body: s.createCampaignBody,
        response: { 201: s.campaignView },
      },
    },
    async (req, reply) => reply.status(201).send(await createCampaign(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/aid-campaigns',
    {
      schema: {
        tags,
        description: 'The campaigns of a subtree, newest first, each with budget, spent, targets and reached',
        querystring: s.listCampaignsQuery,
        response: { 200: s.campaignPage },
      },
    },
    async (req) => listCampaigns(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/aid-campaigns/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.campaignView } } },
    async (req) => getCampaign(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/aid-campaigns/:id/close',
    {
      schema: {
        tags,
        description: 'Ends the campaign: no more targets or distributions (again: 409 CAMPAIGN_CLOSED)',
        params: s.idParams,
        response: { 200: s.campaignView },
      },
    },
    async (req) => closeCampaign(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/aid-campaigns/:id/targets',
    {
      schema: {
        tags,
        description:
          'Puts archived households of the campaign’s subtree on its list: {householdIds} (any other → 400 naming it) or {fromArchives: {level?, regionCode?}}; includeCaseByCase adds 个案帮扶 households',
        params: s.idParams,
        body: s.addTargetsBody,
        response: { 200: s.addTargetsReply },
      },
    },
    async (req) => addTargets(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/aid-campaigns/:id/targets',
    {
      schema: {
        tags,
        description: 'The target list with what each household received (ID numbers masked)',
        params: s.idParams,
        querystring: s.listTargetsQuery,
        response: { 200: s.targetPage },
      },
    },
    async (req) => listTargets(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.delete(
    '/api/v1/aid-campaigns/:id/targets/:householdId',
    {
      schema: {
        tags,
        description: 'Takes a household off the list before it received (after: 409 ALREADY_RECEIVED)',
        params: s.targetParams,
      },
    },
    async (req, reply) => {
      await removeTarget(ctx, requireStaff(req.principal), req.params.id, req.params.householdId);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/v1/aid-campaigns/:id/distributions',
    {
      schema: {
        tags,
        description:
          'What one household on the list received, by {householdId} or {memberCardCode}: once (409 ALREADY_RECEIVED), within the budget (409 CAP_EXCEEDED {cap: "budget", leftFen}), 409 NOT_A_TARGET, 409 CAMPAIGN_CLOSED; accepts Idempotency-Key',
        params: s.idParams,
        body: s.distributeBody,
        response: { 201: s.distributionReply },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await distribute(ctx, requireStaff(req.principal), req.params.id, req.body, idempotencyKeyOf(req))),
  );
  r.get(
    '/api/v1/aid-campaigns/:id/report',
    {
      schema: {
        tags,
        description: 'Spend against budget, targets and reached, per kind and per child union',
        params: s.idParams,
        response: { 200: s.reportView },
      },
    },
    async (req) => campaignReport(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/aid-campaigns/:id/export.xlsx',
    {
      schema: {
        tags,
        description: 'Who got what (ID numbers masked, amounts in yuan) with the totals; audited',
        params: s.idParams,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="aid-campaign.xlsx"; filename*=UTF-8''${encodeURIComponent('四季送发放台账.xlsx')}`,
        )
        .send(await exportDistributions(ctx, requireStaff(req.principal), req.params.id)),
  );
}
