import crypto from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createBackup, removeControlFile, writeControlFile } from '../../kernel/backup.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { zodRoutes } from '../../kernel/http.js';
import { stateSlot } from '../../kernel/module.js';

/** The control token `npm run backup` presents, and whether a backup is being written. */
interface BackupDesk {
  token: string;
  running: boolean;
}

export const backupDeskState = stateSlot<BackupDesk | null>('system.backups');

/** Only the server that opened the embedded database in DATA_DIR takes backup requests (not tests, not PostgreSQL). */
function ownsEmbeddedDatabase(ctx: AppContext): boolean {
  return (
    ctx.database.kind === 'pglite' &&
    ctx.database.dataDir !== null &&
    path.resolve(ctx.database.dataDir) === path.join(ctx.config.dataDir, 'pglite')
  );
}

export function registerBackupDesk(ctx: AppContext): void {
  ctx.state.provide(
    backupDeskState,
    ownsEmbeddedDatabase(ctx) ? { token: crypto.randomBytes(32).toString('base64url'), running: false } : null,
  );
}

const loopback = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * A request from this machine itself, not one a reverse proxy on this machine passed on (those come from
 * loopback too, but carry forwarding headers; the token is the real lock either way).
 */
function fromThisMachine(request: FastifyRequest): boolean {
  const h = request.headers;
  return loopback.test(request.socket.remoteAddress ?? '') && !h['x-forwarded-for'] && !h.forwarded && !h['x-real-ip'];
}

function tokenMatches(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = crypto.createHash('sha256').update(sent).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * POST /api/internal/backups (`npm run backup` while the server runs): a consistent backup of the embedded database
 * and the uploads, written by the server, which alone may open the database. Loopback only, with the token of
 * DATA_DIR/control.json; anything else is answered as if the route did not exist. Not part of the public API.
 */
export async function backupRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.ctx;
  const desk = ctx.state.get(backupDeskState);
  if (desk) {
    app.server.once('listening', () => {
      const address = app.server.address();
      if (address && typeof address === 'object')
        writeControlFile(ctx.config.dataDir, { pid: process.pid, port: address.port, token: desk.token });
    });
    app.addHook('onClose', async () => removeControlFile(ctx.config.dataDir, desk.token));
  }
  const body = z
    .object({ out: z.string().min(1).max(4096).optional().describe('absolute path of the archive to write') })
    .strict();
  zodRoutes(app).post('/api/internal/backups', { schema: { hide: true, body } }, async (req, reply) => {
    if (!desk || !fromThisMachine(req)) throw new AppError('NOT_FOUND');
    if (!tokenMatches(req.headers['x-control-token'], desk.token)) throw new AppError('UNAUTHENTICATED');
    if (desk.running) throw new AppError('CONFLICT', { reason: 'a backup is being written' });
    if (req.body.out !== undefined && !path.isAbsolute(req.body.out))
      throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'out', code: 'not_absolute', message: '' }] });
    desk.running = true;
    try {
      const result = await createBackup({ database: ctx.database, config: ctx.config, out: req.body.out });
      req.log.info({ file: result.file, uploads: result.manifest.uploads }, 'backup written');
      return await reply.status(201).send(result);
    } finally {
      desk.running = false;
    }
  });
}
