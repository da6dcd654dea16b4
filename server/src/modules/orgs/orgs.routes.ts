import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { zodRoutes } from '../../kernel/http.js';
import * as s from './orgs.schemas.js';
import { createOrg, getOrg, listOrgChildren, searchOrgs, searchUnionDirectory, updateOrg } from './orgs.service.js';

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['orgs'];

  r.post(
    '/api/v1/orgs',
    { schema: { tags, body: s.createOrgBody, response: { 201: s.orgView } } },
    async (req, reply) => reply.status(201).send(await createOrg(ctx, requireStaff(req.principal), req.body)),
  );
  r.get('/api/v1/orgs', { schema: { tags, querystring: s.listOrgsQuery, response: { 200: s.orgPage } } }, async (req) =>
    searchOrgs(
      ctx,
      requireStaff(req.principal),
      { q: req.query.q, kind: req.query.kind },
      req.query.limit,
      req.query.cursor,
    ),
  );
  r.get('/api/v1/orgs/:id', { schema: { tags, params: s.idParams, response: { 200: s.orgDetail } } }, async (req) =>
    getOrg(ctx, requireStaff(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/orgs/:id',
    { schema: { tags, params: s.idParams, body: s.updateOrgBody, response: { 200: s.orgView } } },
    async (req) => updateOrg(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/orgs/:id/children',
    { schema: { tags, params: s.idParams, querystring: s.pageQueryOnly, response: { 200: s.orgPage } } },
    async (req) => listOrgChildren(ctx, requireStaff(req.principal), req.params.id, req.query.limit, req.query.cursor),
  );
  r.get(
    '/api/v1/union-directory',
    {
      schema: {
        tags,
        security: [],
        description: 'Public list of grassroots unions a worker may apply to join',
        querystring: s.directoryQuery,
        response: { 200: s.directoryPage },
      },
    },
    async (req) => searchUnionDirectory(ctx, req.query.q, req.query.limit, req.query.cursor),
  );
}
