import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { sendStoredFile } from '../../kernel/files.js';
import { zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './visits.schemas.js';
import {
  exportVisits,
  getVisit,
  listVisits,
  markFollowUpDone,
  recordVisit,
  visitPhoto,
  visitStats,
} from './visits.service.js';

/** 走访: visit logs of households, platform workers and work sites, and their counts for the cockpit. */
export async function visitRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['hardship'];

  r.post(
    '/api/v1/hardship/visits',
    {
      schema: {
        tags,
        description:
          "Records a visit (assistance workers and officers); accepts Idempotency-Key. A household visit counts for the household's union and may be added by any worker holding the file's id (in their subtree, filed by them, or given by a 409 HOUSEHOLD_EXISTS); other visits count for a union of the caller's subtree",
        body: s.recordVisitBody,
        response: { 201: s.visitView },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      return reply
        .status(201)
        .send(await recordVisit(ctx, requireStaff(req.principal), req.body, typeof key === 'string' ? key : undefined));
    },
  );
  r.get(
    '/api/v1/hardship/visits',
    {
      schema: {
        tags,
        description:
          "Visits counted for the unions of a subtree, or one household's visits, newest visit first; a household's findings are withheld from readers who do not work on it, and every read of them is audited",
        querystring: s.listVisitsQuery,
        response: { 200: s.visitPage },
      },
    },
    async (req) => listVisits(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/hardship/visits/export.xlsx',
    { schema: { tags, querystring: s.exportVisitsQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="visits.xlsx"; filename*=UTF-8''${encodeURIComponent('走访台账.xlsx')}`,
        )
        .send(await exportVisits(ctx, requireStaff(req.principal), req.query)),
  );
  r.get(
    '/api/v1/hardship/visits/stats',
    {
      schema: {
        tags,
        description:
          'The cockpit: visits by subject, people reached and open follow-ups per child union of orgId (each with its subtree), its own and the total',
        querystring: s.visitStatsQuery,
        response: { 200: s.visitStatsView },
      },
    },
    async (req) => visitStats(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/hardship/visits/:id',
    { schema: { tags, params: s.visitIdParams, response: { 200: s.visitView } } },
    async (req) => getVisit(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/hardship/visits/:id/photos/:fileId',
    {
      schema: {
        tags,
        description:
          "A visit's photo or document, to whoever may read the visit and (a household's) its findings; sandboxed, not cached",
        params: s.visitPhotoParams,
        produces: ['image/png', 'image/jpeg', 'application/pdf'],
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await visitPhoto(ctx, requireStaff(req.principal), req.params.id, req.params.fileId),
        'private, no-store',
      ),
  );
  r.post(
    '/api/v1/hardship/visits/:id/follow-up-done',
    {
      schema: {
        tags,
        description:
          "Marks the visit's follow-up done (officers and workers over its union); 409 INVALID_TRANSITION when none is open",
        params: s.visitIdParams,
        body: s.followUpDoneBody,
        response: { 200: s.visitView },
      },
    },
    async (req) => markFollowUpDone(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
}
