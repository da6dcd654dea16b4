import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { zodRoutes } from '../../kernel/http.js';
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
  await backupRoutes(app);
}
