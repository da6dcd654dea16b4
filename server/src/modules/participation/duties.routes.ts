import type { FastifyInstance } from 'fastify';
import { requireStaff, requireWorker } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { zodRoutes } from '../../kernel/http.js';
import * as s from './duties.schemas.js';
import { actOnDuty, getDuty, listDuties, listMyDuties, recordDuty } from './duties.service.js';
import { congressIdParams } from './scoring.schemas.js';

export async function dutyRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['participation'];

  r.post(
    '/api/v1/congresses/:id/duties',
    {
      schema: {
        tags,
        description:
          'Records a duty (履职记录): a representative their own (submitted, for staff to confirm), staff for any representative of the term (confirmed at once; also bonus and penalty items)',
        params: congressIdParams,
        body: s.recordDutyBody,
        response: { 201: s.dutyView },
      },
    },
    async (req, reply) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return reply.status(201).send(await recordDuty(ctx, req.principal, req.params.id, req.body));
    },
  );
  r.get(
    '/api/v1/congresses/:id/duties',
    {
      schema: {
        tags,
        description: "The term's duty records, newest first; status=submitted is the staff's queue",
        params: congressIdParams,
        querystring: s.listDutiesQuery,
        response: { 200: s.dutyPage },
      },
    },
    async (req) => listDuties(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/duties/:id',
    { schema: { tags, params: s.dutyIdParams, response: { 200: s.dutyView } } },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return getDuty(ctx, req.principal, req.params.id);
    },
  );
  r.post(
    '/api/v1/duties/:id/actions',
    {
      schema: {
        tags,
        description: 'Staff confirm a submitted duty record or reject it with a reason; the representative is told',
        params: s.dutyIdParams,
        body: s.dutyActionBody,
        response: { 200: s.dutyView },
      },
    },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return actOnDuty(ctx, req.principal, req.params.id, req.body);
    },
  );
  r.get(
    '/api/v1/me/duties',
    {
      schema: {
        tags,
        description: "The signed-in representative's own duty records in a congress, newest first",
        querystring: s.myDutiesQuery,
        response: { 200: s.dutyPage },
      },
    },
    async (req) => listMyDuties(ctx, requireWorker(req.principal), req.query),
  );
}
