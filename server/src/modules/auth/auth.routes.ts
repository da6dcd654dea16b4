import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { zodRoutes } from '../../kernel/http.js';
import { listNotifications, markNotificationsRead } from '../../kernel/notifications.js';
import { z } from 'zod';
import * as s from './auth.schemas.js';
import { describeStaff, describeWorker, loginMember, loginStaff, logout, sendSmsCode } from './auth.service.js';

/** The client is on this machine: a loopback address, and no proxy relayed the request (a local proxy's clients are not local). */
function isLoopbackClient(req: FastifyRequest): boolean {
  const relayed =
    req.headers['x-forwarded-for'] !== undefined ||
    req.headers.forwarded !== undefined ||
    req.headers['x-real-ip'] !== undefined;
  return !relayed && /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/.test(req.ip);
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['auth'];

  r.post(
    '/api/v1/auth/sms-code',
    { schema: { tags, security: [], body: s.smsCodeBody, response: { 202: s.smsCodeReply } } },
    async (req, reply) => {
      return reply.status(202).send(await sendSmsCode(ctx, req.body.phone, req.ip));
    },
  );

  r.post(
    '/api/v1/auth/member-login',
    { schema: { tags, security: [], body: s.memberLoginBody, response: { 200: s.memberLoginReply } } },
    async (req) => loginMember(ctx, req.body.phone, req.body.code),
  );

  r.post(
    '/api/v1/auth/staff-login',
    { schema: { tags, security: [], body: s.staffLoginBody, response: { 200: s.staffLoginReply } } },
    async (req) => loginStaff(ctx, req.body.username, req.body.password),
  );

  r.post('/api/v1/auth/logout', { schema: { tags } }, async (req, reply) => {
    if (!req.bearerToken || !req.principal) throw new AppError('UNAUTHENTICATED');
    await logout(ctx, req.bearerToken);
    return reply.status(204).send();
  });

  r.get('/api/v1/me', { schema: { tags, response: { 200: s.meReply } } }, async (req) => {
    const principal = req.principal;
    if (!principal) throw new AppError('UNAUTHENTICATED');
    if (principal.kind === 'staff')
      return { kind: 'staff' as const, staff: await describeStaff(ctx, requireStaff(principal)) };
    return { kind: 'worker' as const, member: await describeWorker(ctx, principal) };
  });

  const notice = z.object({
    id: z.uuid(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    read: z.boolean(),
  });
  r.get(
    '/api/v1/me/notifications',
    { schema: { tags, response: { 200: z.object({ items: z.array(notice), unread: z.number().int() }) } } },
    async (req) => {
      const principal = req.principal;
      if (!principal) throw new AppError('UNAUTHENTICATED');
      const [kind, id] =
        principal.kind === 'staff'
          ? (['staff', principal.staffId] as const)
          : (['worker', principal.accountId] as const);
      const items = await listNotifications(ctx.db, kind, id);
      return {
        items: items.map((n) => ({
          id: n.id,
          title: n.title,
          body: n.body,
          link: n.link,
          createdAt: n.createdAt.toISOString(),
          read: n.readAt !== null,
        })),
        unread: items.filter((n) => n.readAt === null).length,
      };
    },
  );
  r.post('/api/v1/me/notifications/read', { schema: { tags } }, async (req, reply) => {
    const principal = req.principal;
    if (!principal) throw new AppError('UNAUTHENTICATED');
    await markNotificationsRead(
      ctx.db,
      principal.kind,
      principal.kind === 'staff' ? principal.staffId : principal.accountId,
      ctx.clock.now(),
    );
    return reply.status(204).send();
  });

  // The dev outbox exists only with the console provider outside production (API.md "Sign-in"), and only for a
  // client on this machine: anyone who can read it can sign in as any member.
  r.get(
    '/api/v1/dev/sms-outbox',
    { schema: { tags: ['dev'], security: [], querystring: s.outboxQuery, response: { 200: s.outboxReply } } },
    async (req) => {
      const outbox = ctx.sms.outbox?.bind(ctx.sms);
      if (ctx.config.production || ctx.sms.name !== 'console' || !outbox || !isLoopbackClient(req))
        throw new AppError('NOT_FOUND');
      return { items: outbox(req.query.phone).map(({ phone, code, sentAt }) => ({ phone, code, sentAt })) };
    },
  );
}
