import type { FastifyInstance } from 'fastify';
import { requireStaff, requireWorker } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './scoring.schemas.js';
import { exportScores, getIndicators, listScores, myScore, putIndicators } from './scoring.service.js';

export async function scoringRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['participation'];

  r.get(
    '/api/v1/congresses/:id/indicators',
    {
      schema: {
        tags,
        description:
          "The term's scoring model (代表履职评价指标), or the default one while staff have set none; to its staff and its representatives",
        params: s.congressIdParams,
        response: { 200: s.scoringModelView },
      },
    },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return getIndicators(ctx, req.principal, req.params.id);
    },
  );
  r.put(
    '/api/v1/congresses/:id/indicators',
    {
      schema: {
        tags,
        description:
          'Sets the scoring model: first-level groups of indicators (unique codes, points per record, optional cap per term, source), bonus and penalty items. Duty records stay; a record whose code is removed counts nothing. Archived term → 409 CONGRESS_ARCHIVED',
        params: s.congressIdParams,
        body: s.scoringModelBody,
        response: { 200: s.scoringModelView },
      },
    },
    async (req) => putIndicators(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/congresses/:id/scores',
    {
      schema: {
        tags,
        description:
          'Representatives ranked by total points (equal totals share a rank, then by name); an archived term answers its frozen snapshot',
        params: s.congressIdParams,
        querystring: s.scoresQuery,
        response: { 200: s.scorePage },
      },
    },
    async (req) => listScores(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/congresses/:id/scores/export.xlsx',
    {
      schema: { tags, params: s.congressIdParams, querystring: s.exportScoresQuery, produces: [xlsxMediaType] },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="scores.xlsx"; filename*=UTF-8''${encodeURIComponent('代表履职积分.xlsx')}`,
        )
        .send(await exportScores(ctx, requireStaff(req.principal), req.params.id, req.query)),
  );
  r.get(
    '/api/v1/me/scores',
    {
      schema: {
        tags,
        description: "The signed-in representative's own points and rank in a congress",
        querystring: s.myScoresQuery,
        response: { 200: s.myScoreView },
      },
    },
    async (req) => myScore(ctx, requireWorker(req.principal), req.query.congressId),
  );
}
