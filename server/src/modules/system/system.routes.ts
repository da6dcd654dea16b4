import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.js';
import { zodRoutes } from '../../kernel/http.js';
import { metricsContentType, metricsText, metricsTokenMatches } from '../../kernel/metrics.js';
import { backupRoutes } from './system.backups.js';

export async function systemRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const health = z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'unreachable']) });
  const publicConfig = z.object({ mapTileUrl: z.string(), mapAttribution: z.string(), publicUrl: z.string() });
  // What the web apps need before anyone signs in: the map tiles and the address QR codes point at.
  r.get(
    '/api/v1/public-config',
    { schema: { tags: ['system'], security: [], response: { 200: publicConfig } } },
    async () => ({
      mapTileUrl: ctx.config.mapTileUrl,
      mapAttribution: ctx.config.mapAttribution,
      publicUrl: ctx.config.publicUrl,
    }),
  );
  r.get(
    '/api/health',
    { schema: { tags: ['system'], security: [], response: { 200: health, 503: health } } },
    async (_req, reply) => {
      try {
        await ctx.database.ping();
        return { status: 'ok' as const, db: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'degraded' as const, db: 'unreachable' as const });
      }
    },
  );
  const live = z.object({ status: z.literal('ok') });
  const ready = z.object({
    status: z.enum(['ready', 'not_ready']),
    checks: z
      .record(z.string(), z.string())
      .describe('Each check and its outcome: "ok", or what is wrong (starting, shutting_down, unreachable, pending…)'),
  });
  r.get(
    '/api/health/live',
    {
      schema: {
        tags: ['system'],
        security: [],
        description: 'Liveness: 200 while the process answers at all (restart it when this fails). Reads nothing.',
        response: { 200: live },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['system'],
        security: [],
        description:
          'Readiness: 200 when this process should get requests — the database answers, its migrations are applied, ' +
          'start-up work is done (the station index loaded); 503 while starting, once shutdown has begun, or when a ' +
          'check fails, with the checks saying which.',
        response: { 200: ready, 503: ready },
      },
    },
    async (_req, reply) => {
      const report = await ctx.readiness.report(ctx);
      return reply
        .status(report.ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: report.ready ? ('ready' as const) : ('not_ready' as const), checks: report.checks });
    },
  );
  r.get(
    '/api/metrics',
    {
      schema: {
        tags: ['system'],
        description:
          'Prometheus metrics (text format) for the monitoring system, with the bearer token METRICS_TOKEN; ' +
          '404 when METRICS_TOKEN is not set, 401 with another token.',
        produces: ['text/plain'],
      },
    },
    async (req, reply) => {
      const token = ctx.config.metricsToken;
      if (!token) throw new AppError('NOT_FOUND');
      if (!metricsTokenMatches(token, req.headers.authorization))
        throw new AppError('UNAUTHENTICATED', undefined, { 'www-authenticate': 'Bearer realm="metrics"' });
      return reply
        .type(metricsContentType)
        .header('cache-control', 'no-store')
        .send(await metricsText(ctx));
    },
  );
  await backupRoutes(app);
}
