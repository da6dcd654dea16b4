import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './donors.schemas.js';
import { createDonor, exportDonors, getDonor, listDonors, updateDonor } from './donors.service.js';

function attachment(fileName: string, chineseName: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`;
}

/** 爱心联盟: donor units of a union's alliance, with what each gave. */
export async function donorRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['hardship'];

  r.post(
    '/api/v1/hardship/donors',
    {
      schema: {
        tags,
        description: "An assistance officer adds a donor unit to a union's alliance: 409 DONOR_EXISTS on a name there",
        body: s.donorBody,
        response: { 201: s.donorDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createDonor(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/hardship/donors',
    {
      schema: {
        tags,
        description: "A subtree's donors with what each gave (count and total of the help recorded with them)",
        querystring: s.listDonorsQuery,
        response: { 200: s.donorList },
      },
    },
    async (req) => listDonors(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/hardship/donors/export.xlsx',
    { schema: { tags, querystring: s.exportDonorsQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('donors.xlsx', '爱心联盟单位.xlsx'))
        .send(await exportDonors(ctx, requireStaff(req.principal), req.query)),
  );
  r.get(
    '/api/v1/hardship/donors/:id',
    { schema: { tags, params: s.donorParams, response: { 200: s.donorDetail } } },
    async (req) => getDonor(ctx, requireStaff(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/hardship/donors/:id',
    { schema: { tags, params: s.donorParams, body: s.donorPatch, response: { 200: s.donorDetail } } },
    async (req) => updateDonor(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
}
