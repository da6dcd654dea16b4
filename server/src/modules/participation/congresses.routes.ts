import type { FastifyInstance } from 'fastify';
import { requireStaff, requireWorker } from '../../kernel/auth.js';
import { readSingleUpload, zodRoutes } from '../../kernel/http.js';
import { jobView, maxImportBytes } from '../../kernel/imports.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import {
  getRepresentativeImport,
  representativeImportErrors,
  representativeImportTemplate,
  startRepresentativeImport,
} from './congresses.import.js';
import * as s from './congresses.schemas.js';
import {
  addRepresentative,
  archiveCongress,
  createCongress,
  exportRepresentatives,
  getCongress,
  listCongresses,
  listMyCongresses,
  listRepresentatives,
  removeRepresentative,
} from './congresses.service.js';

function attachment(ascii: string, fileName: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function congressRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['participation'];

  r.post(
    '/api/v1/congresses',
    {
      schema: {
        tags,
        description: 'Opens a congress term (届次) of a union (participation_officer or org_admin over orgId)',
        body: s.createCongressBody,
        response: { 201: s.congressView },
      },
    },
    async (req, reply) => reply.status(201).send(await createCongress(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/congresses',
    { schema: { tags, querystring: s.listCongressesQuery, response: { 200: s.congressPage } } },
    async (req) => listCongresses(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/congresses/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.congressView } } },
    async (req) => getCongress(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/congresses/:id/archive',
    {
      schema: {
        tags,
        description: 'Ends the term: its proposals, votes and scores stay as its record and take no more writes',
        params: s.idParams,
        response: { 200: s.congressView },
      },
    },
    async (req) => archiveCongress(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/congresses/:id/representatives',
    {
      schema: {
        tags,
        description:
          "Makes a member of the congress's subtree a representative; again → 409 ALREADY_REPRESENTATIVE; a member outside the subtree → 400",
        params: s.idParams,
        body: s.addRepresentativeBody,
        response: { 201: s.representativeView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addRepresentative(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/congresses/:id/representatives',
    {
      schema: {
        tags,
        params: s.idParams,
        querystring: s.listRepresentativesQuery,
        response: { 200: s.representativePage },
      },
    },
    async (req) => listRepresentatives(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/congresses/:id/representatives/export.xlsx',
    {
      schema: {
        tags,
        description: '代表名单 as a workbook, the same filters as the list; phones masked',
        params: s.idParams,
        querystring: s.exportRepresentativesQuery,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('representatives.xlsx', '代表名单.xlsx'))
        .send(await exportRepresentatives(ctx, requireStaff(req.principal), req.params.id, req.query)),
  );
  r.post(
    '/api/v1/congresses/:id/representatives/imports',
    {
      schema: {
        tags,
        description:
          "multipart/form-data with one .xlsx file field (姓名, 手机号, 代表团 optional): members of the congress's subtree by phone and name; rows run in the background, poll the job",
        consumes: ['multipart/form-data'],
        params: s.idParams,
        response: { 202: jobView },
      },
    },
    async (req, reply) => {
      const job = await startRepresentativeImport(ctx, requireStaff(req.principal), req.params.id, () =>
        readSingleUpload(req, maxImportBytes),
      );
      return reply.status(202).send(job);
    },
  );
  r.get(
    '/api/v1/congresses/representatives/imports/:id',
    { schema: { tags, params: s.idParams, response: { 200: jobView } } },
    async (req) => getRepresentativeImport(ctx, requireStaff(req.principal), req.params.id, req.locale),
  );
  r.get(
    '/api/v1/congresses/representatives/imports/:id/errors.xlsx',
    { schema: { tags, params: s.idParams, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('representative-import-errors.xlsx', '代表名单导入错误.xlsx'))
        .send(await representativeImportErrors(ctx, requireStaff(req.principal), req.params.id, req.locale)),
  );
  r.get(
    '/api/v1/congresses/representatives/import-template.xlsx',
    { schema: { tags, produces: [xlsxMediaType] } },
    async (req, reply) => {
      requireStaff(req.principal);
      return reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('representative-template.xlsx', '代表名单导入模板.xlsx'))
        .send(await representativeImportTemplate());
    },
  );
  r.delete(
    '/api/v1/congresses/:id/representatives/:representativeId',
    {
      schema: {
        tags,
        description: 'Removes a representative from the term; their history stays',
        params: s.representativeParams,
        response: { 200: s.representativeView },
      },
    },
    async (req) => removeRepresentative(ctx, requireStaff(req.principal), req.params.id, req.params.representativeId),
  );
  r.get(
    '/api/v1/me/congresses',
    {
      schema: {
        tags,
        description: 'The congress terms the signed-in member represents (active representative)',
        response: { 200: s.myCongressList },
      },
    },
    async (req) => listMyCongresses(ctx, requireWorker(req.principal)),
  );
}
