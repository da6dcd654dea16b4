import type { FastifyInstance } from 'fastify';
import { requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { idempotencyKeyOf, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import {
  actOnSignup,
  allocatePlaces,
  allocationOf,
  correctSignup,
  exportSignups,
  getSignup,
  listMySignups,
  listSignups,
  markAttendance,
  signUp,
} from './programmes.quota.js';
import { idParams } from './programmes.schemas.js';
import * as s from './quota.schemas.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

/** Quota programmes (劳模疗休养, 免费体检): signups, the allocation, the waiting list, attendance, the list as Excel. */
export async function quotaRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['programmes'];

  r.post(
    '/api/v1/programmes/:id/signups',
    {
      schema: {
        tags,
        description:
          'A member signs up for a place in a quota programme (recuperation, health_check) while it is open; staff for a member (memberId); one per member and programme; accepts Idempotency-Key',
        params: idParams,
        body: s.signupBody,
        response: { 201: s.signupView },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await signUp(ctx, signedIn(req.principal), req.params.id, req.body, idempotencyKeyOf(req))),
  );
  r.get(
    '/api/v1/programmes/:id/signups',
    {
      schema: {
        tags,
        description:
          "The allocation list in order (places, then the waiting list, then signups not yet ranked): staff, their subtree's members; a member, their own",
        params: idParams,
        querystring: s.listSignupsQuery,
        response: { 200: s.signupPage },
      },
    },
    async (req) => listSignups(ctx, signedIn(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/programmes/:id/signups/export.xlsx',
    {
      schema: {
        tags,
        description: 'The allocation list (名额分配名单) as a workbook; every download is audited',
        params: idParams,
        querystring: s.exportSignupsQuery,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `attachment; filename="allocation.xlsx"; filename*=UTF-8''${encodeURIComponent('名额分配名单.xlsx')}`,
        )
        .send(await exportSignups(ctx, requireStaff(req.principal), req.params.id, req.query)),
  );
  r.post(
    '/api/v1/programmes/:id/allocation',
    {
      schema: {
        tags,
        description:
          "Allocates the places once signups have closed: by the programme's priority lists in order, then first come; the rest go to the waiting list in that order. Safe to repeat",
        params: idParams,
        response: { 200: s.allocationReply },
      },
    },
    async (req) => allocatePlaces(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/programmes/:id/allocation',
    {
      schema: {
        tags,
        description: 'Where the allocation stands: places, free places, signups in each state',
        params: idParams,
        response: { 200: s.allocationStatus },
      },
    },
    async (req) => allocationOf(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/programmes/:id/attendance',
    {
      schema: {
        tags,
        description:
          'Marks many signups holding a place as attended or absent, from the event day on (all or none); accepts Idempotency-Key',
        params: idParams,
        body: s.attendanceBody,
        response: { 200: s.attendanceReply },
      },
    },
    async (req) => markAttendance(ctx, requireStaff(req.principal), req.params.id, req.body, idempotencyKeyOf(req)),
  );
  r.get(
    '/api/v1/me/signups',
    {
      schema: {
        tags,
        description: "The member's own signups to quota programmes, newest first",
        querystring: s.mySignupsQuery,
        response: { 200: s.signupPage },
      },
    },
    async (req) => listMySignups(ctx, signedIn(req.principal), req.query),
  );
  r.get('/api/v1/signups/:id', { schema: { tags, params: idParams, response: { 200: s.signupView } } }, async (req) =>
    getSignup(ctx, signedIn(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/signups/:id',
    {
      schema: {
        tags,
        description:
          "The programme's officers correct a signup's declared honour level or front-line flag before the allocation ranks it (note: why); audited",
        params: idParams,
        body: s.correctSignupBody,
        response: { 200: s.signupView },
      },
    },
    async (req) => correctSignup(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.post(
    '/api/v1/signups/:id/actions',
    {
      schema: {
        tags,
        description:
          'decline (a place) and withdraw (before one): the member or an officer for them; cancel {reason}, attend and absent (from the event day on): the programme’s officers. A place given back goes to the first on the waiting list; accepts Idempotency-Key',
        params: idParams,
        body: s.signupActionBody,
        response: { 200: s.signupView },
      },
    },
    async (req) => actOnSignup(ctx, signedIn(req.principal), req.params.id, req.body, idempotencyKeyOf(req)),
  );
}
