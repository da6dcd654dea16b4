import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { readSingleUpload, zodRoutes } from '../../kernel/http.js';
import { jobView, maxImportBytes } from '../../kernel/imports.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './model-workers.schemas.js';
import {
  checkModelWorker,
  createModelWorker,
  exportModelWorkers,
  getModelWorker,
  getModelWorkerImport,
  listModelWorkers,
  modelWorkerImportErrors,
  modelWorkerImportTemplate,
  startModelWorkerImport,
  updateModelWorker,
} from './model-workers.service.js';

function attachment(ascii: string, fileName: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** 劳模名册: the register of model workers and its yearly check (programme officers over their subtree). */
export async function modelWorkerRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['model-workers'];

  r.post(
    '/api/v1/model-workers',
    {
      schema: {
        tags,
        description: 'Puts a member of the subtree on the register (once per member: 409 ALREADY_REGISTERED)',
        body: s.createModelWorkerBody,
        response: { 201: s.modelWorkerView },
      },
    },
    async (req, reply) => reply.status(201).send(await createModelWorker(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/model-workers',
    {
      schema: {
        tags,
        description:
          'The register of a subtree; uncheckedIn=<year>: the active entries whose yearly check is still to do',
        querystring: s.listModelWorkersQuery,
        response: { 200: s.modelWorkerPage },
      },
    },
    async (req) => listModelWorkers(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/model-workers/export.xlsx',
    { schema: { tags, querystring: s.exportModelWorkersQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('model-workers.xlsx', '劳模名册.xlsx'))
        .send(await exportModelWorkers(ctx, requireStaff(req.principal), req.query)),
  );
  r.get(
    '/api/v1/model-workers/import-template.xlsx',
    { schema: { tags, produces: [xlsxMediaType] } },
    async (req, reply) => {
      requireStaff(req.principal);
      return reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('model-worker-template.xlsx', '劳模名册导入模板.xlsx'))
        .send(await modelWorkerImportTemplate());
    },
  );
  r.post(
    '/api/v1/model-workers/imports',
    {
      schema: {
        tags,
        description:
          'multipart/form-data with one .xlsx file field; each row names a member of the subtree by phone or ID number; poll the job',
        consumes: ['multipart/form-data'],
        querystring: s.importQuery,
        response: { 202: jobView },
      },
    },
    async (req, reply) => {
      const job = await startModelWorkerImport(ctx, requireStaff(req.principal), req.query.orgId, () =>
        readSingleUpload(req, maxImportBytes),
      );
      return reply.status(202).send(job);
    },
  );
  r.get(
    '/api/v1/model-workers/imports/:id',
    { schema: { tags, params: s.idParams, response: { 200: jobView } } },
    async (req) => getModelWorkerImport(ctx, requireStaff(req.principal), req.params.id, req.locale),
  );
  r.get(
    '/api/v1/model-workers/imports/:id/errors.xlsx',
    { schema: { tags, params: s.idParams, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('import-errors.xlsx', '导入错误.xlsx'))
        .send(await modelWorkerImportErrors(ctx, requireStaff(req.principal), req.params.id, req.locale)),
  );
  r.get(
    '/api/v1/model-workers/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.modelWorkerView } } },
    async (req) => getModelWorker(ctx, requireStaff(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/model-workers/:id',
    {
      schema: {
        tags,
        description:
          'Edits the honour, unit or status (deceased / disqualified with date, and reason for disqualified)',
        params: s.idParams,
        body: s.updateModelWorkerBody,
        response: { 200: s.modelWorkerView },
      },
    },
    async (req) => updateModelWorker(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.post(
    '/api/v1/model-workers/:id/checks',
    {
      schema: {
        tags,
        description:
          '年度核查: the year’s check, once a year (409 ALREADY_CHECKED); outcome status_changed carries the new status',
        params: s.idParams,
        body: s.checkBody,
        response: { 201: s.modelWorkerView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await checkModelWorker(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
}
