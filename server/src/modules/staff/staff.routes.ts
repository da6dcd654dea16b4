import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { zodRoutes } from '../../kernel/http.js';
import * as s from './staff.schemas.js';
import { createStaff, getStaff, listStaff, updateStaff } from './staff.service.js';

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['staff'];

  r.post(
    '/api/v1/staff',
    { schema: { tags, body: s.createStaffBody, response: { 201: s.staffView } } },
    async (req, reply) => reply.status(201).send(await createStaff(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/staff',
    { schema: { tags, querystring: s.listStaffQuery, response: { 200: s.staffPage } } },
    async (req) =>
      listStaff(
        ctx,
        requireStaff(req.principal),
        { orgId: req.query.orgId, q: req.query.q },
        req.query.limit,
        req.query.cursor,
      ),
  );
  r.get('/api/v1/staff/:id', { schema: { tags, params: s.idParams, response: { 200: s.staffView } } }, async (req) =>
    getStaff(ctx, requireStaff(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/staff/:id',
    { schema: { tags, params: s.idParams, body: s.updateStaffBody, response: { 200: s.staffView } } },
    async (req) => updateStaff(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
}
