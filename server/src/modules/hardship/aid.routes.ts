import type { FastifyInstance } from 'fastify';
import { requireMember, requireStaff } from '../../kernel/auth.js';
import { idempotencyKeyOf, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import { historyReply, householdHistory } from './aid.history.js';
import * as s from './aid.schemas.js';
import { exportAidLedger, listAid, myAid, recordAid } from './aid.service.js';
import { donorRoutes } from './donors.routes.js';
import { householdParams } from './plans.schemas.js';
import { planRoutes } from './plans.routes.js';

function attachment(fileName: string, chineseName: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`;
}

/**
 * 一户一策 and the record of help given: plans (plans.routes.ts), donors (donors.routes.ts), aid, the household's
 * history on one page and the member's own record.
 */
export async function assistanceRoutes(app: FastifyInstance): Promise<void> {
  await planRoutes(app);
  await donorRoutes(app);
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['hardship'];

  r.post(
    '/api/v1/hardship/households/:id/aid',
    {
      schema: {
        tags,
        description:
          'An assistance officer records a help given; accepts Idempotency-Key. 409 AID_ALREADY_RECORDED for the same cash amount to the same household on the same day; 409 HOUSEHOLD_NOT_ASSISTED unless verified, archived or helped case by case',
        params: householdParams,
        body: s.aidBody,
        response: { 201: s.aidView },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await recordAid(ctx, requireStaff(req.principal), req.params.id, req.body, idempotencyKeyOf(req))),
  );
  r.get(
    '/api/v1/hardship/households/:id/aid',
    { schema: { tags, params: householdParams, response: { 200: s.aidList } } },
    async (req) => listAid(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/hardship/households/:id/history',
    {
      schema: {
        tags,
        description:
          "The household's history on one page: its file's steps, help given, plan versions, measures done, visits",
        params: householdParams,
        response: { 200: historyReply },
      },
    },
    async (req) => householdHistory(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/hardship/aid/export.xlsx',
    {
      schema: {
        tags,
        description: 'The ledger of help given to the households of a subtree (heads masked), amounts in yuan',
        querystring: s.aidExportQuery,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) => {
      const stream = await exportAidLedger(ctx, requireStaff(req.principal), req.query);
      return reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('hardship-aid.xlsx', '帮扶台账.xlsx'))
        .send(stream);
    },
  );
  r.get(
    '/api/v1/me/hardship/aid',
    {
      schema: {
        tags,
        description: "A member's own help record: what their household received and its current plan's measures",
        response: { 200: s.myAidReply },
      },
    },
    async (req) => myAid(ctx, requireMember(req.principal)),
  );
}
