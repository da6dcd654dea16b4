import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireMember, requireStaff, requireWorker } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { readSingleUpload, zodRoutes } from '../../kernel/http.js';
import * as s from './members.schemas.js';
import {
  createMember,
  exportMembers,
  getMember,
  getMemberCard,
  getMemberImport,
  listMembers,
  maxImportBytes,
  memberImportErrorsWorkbook,
  memberImportTemplate,
  readMemberPii,
  startMemberImport,
} from './members.service.js';
import { actOnApplication, getApplication, listApplications, submitApplication } from './membership.service.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function memberRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['members'];

  r.post(
    '/api/v1/members',
    { schema: { tags, body: s.createMemberBody, response: { 201: s.memberView } } },
    async (req, reply) => reply.status(201).send(await createMember(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/members',
    { schema: { tags, querystring: s.listMembersQuery, response: { 200: s.memberPage } } },
    async (req) => listMembers(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/members/export.xlsx',
    { schema: { tags, querystring: s.exportMembersQuery, produces: [xlsxType] } },
    async (req, reply) => {
      const stream = await exportMembers(ctx, requireStaff(req.principal), req.query);
      return reply.type(xlsxType).header('content-disposition', attachment('会员名册.xlsx')).send(stream);
    },
  );
  r.get('/api/v1/members/import-template.xlsx', { schema: { tags, produces: [xlsxType] } }, async (req, reply) => {
    requireStaff(req.principal);
    return reply
      .type(xlsxType)
      .header('content-disposition', attachment('会员导入模板.xlsx'))
      .send(await memberImportTemplate());
  });
  r.post(
    '/api/v1/members/imports',
    {
      schema: {
        tags,
        description:
          'multipart/form-data with one .xlsx file field; rows are imported in the background, poll the job for progress',
        consumes: ['multipart/form-data'],
        querystring: z.object({ orgId: z.uuid() }),
        response: { 202: s.jobView },
      },
    },
    async (req, reply) => {
      const principal = requireStaff(req.principal);
      const job = await startMemberImport(ctx, principal, req.query.orgId, () => readSingleUpload(req, maxImportBytes));
      return reply.status(202).send(job);
    },
  );
  r.get(
    '/api/v1/members/imports/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.jobView } } },
    async (req) => getMemberImport(ctx, requireStaff(req.principal), req.params.id, req.locale),
  );
  r.get(
    '/api/v1/members/imports/:id/errors.xlsx',
    { schema: { tags, params: s.idParams, produces: [xlsxType] } },
    async (req, reply) => {
      const body = await memberImportErrorsWorkbook(ctx, requireStaff(req.principal), req.params.id, req.locale);
      return reply.type(xlsxType).header('content-disposition', attachment('导入错误.xlsx')).send(body);
    },
  );
  r.get('/api/v1/members/:id', { schema: { tags, params: s.idParams, response: { 200: s.memberView } } }, async (req) =>
    getMember(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/members/:id/pii-reads',
    {
      schema: {
        tags,
        description: 'Unmasked phone and ID number; every call is audited',
        params: s.idParams,
        response: { 200: s.memberPiiView },
      },
    },
    async (req) => readMemberPii(ctx, requireStaff(req.principal), req.params.id),
  );

  r.get(
    '/api/v1/me/member-card',
    { schema: { tags: ['membership'], response: { 200: s.memberCardView } } },
    async (req) => getMemberCard(ctx, requireMember(req.principal).membership),
  );

  const appTags = ['membership'];
  r.post(
    '/api/v1/membership-applications',
    {
      schema: {
        tags: appTags,
        description: 'Accepts Idempotency-Key',
        body: s.createApplicationBody,
        response: { 201: s.applicationView },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const answer = await submitApplication(
        ctx,
        requireWorker(req.principal),
        req.body,
        typeof key === 'string' ? key : undefined,
        req.ip,
      );
      return reply.status(201).send(answer.body);
    },
  );
  r.get(
    '/api/v1/membership-applications',
    { schema: { tags: appTags, querystring: s.listApplicationsQuery, response: { 200: s.applicationPage } } },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return listApplications(ctx, req.principal, req.query);
    },
  );
  r.get(
    '/api/v1/membership-applications/:id',
    { schema: { tags: appTags, params: s.idParams, response: { 200: s.applicationView } } },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return getApplication(ctx, req.principal, req.params.id);
    },
  );
  r.post(
    '/api/v1/membership-applications/:id/actions',
    {
      schema: {
        tags: appTags,
        params: s.idParams,
        body: s.applicationActionBody,
        response: { 200: s.applicationView },
      },
    },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return actOnApplication(ctx, req.principal, req.params.id, req.body.action, req.body.note);
    },
  );
}
