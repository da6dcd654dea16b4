import type { FastifyInstance } from 'fastify';
import { requireStaff, requireWorker } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { sendStoredFile } from '../../kernel/files.js';
import { uploadRoute, zodRoutes } from '../../kernel/http.js';
import * as s from './legal.schemas.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import {
  actOnCase,
  caseAttachment,
  caseFigures,
  exportCases,
  fileCase,
  getCase,
  listCases,
  listCentreHandlers,
  readApplicantPhone,
  maxEvidenceBytes,
  rateCase,
  uploadEvidence,
} from './legal.service.js';

export async function legalRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['legal'];

  uploadRoute(
    app,
    '/api/v1/legal/evidence',
    {
      tags,
      description: 'multipart/form-data with one PNG, JPEG or PDF (10 MB at most), attached later by id',
      reply: s.uploadReply,
      maxBytes: maxEvidenceBytes,
      caller: requireWorker,
    },
    (caller, read) => uploadEvidence(ctx, caller, read),
  );
  r.post(
    '/api/v1/legal/cases',
    {
      schema: {
        tags,
        description: 'Files a case; accepts Idempotency-Key',
        body: s.fileCaseBody,
        response: { 201: s.caseView },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const answer = await fileCase(
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
    '/api/v1/legal/cases',
    { schema: { tags, querystring: s.listCasesQuery, response: { 200: s.casePage } } },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return listCases(ctx, req.principal, req.query);
    },
  );
  r.get(
    '/api/v1/legal/cases/export.xlsx',
    { schema: { tags, querystring: s.exportCasesQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="cases.xlsx"; filename*=UTF-8''${encodeURIComponent('案件台账.xlsx')}`,
        )
        .send(await exportCases(ctx, requireStaff(req.principal), req.query)),
  );
  r.get(
    '/api/v1/legal/cases/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.caseView } } },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return getCase(ctx, req.principal, req.params.id);
    },
  );
  r.get(
    '/api/v1/legal/cases/:id/attachments/:fileId',
    {
      schema: {
        tags,
        description:
          'The evidence file as stored: images inline, anything else (PDF) as a download; sandboxed, nosniff',
        params: s.attachmentParams,
        produces: ['image/png', 'image/jpeg', 'application/pdf'],
      },
    },
    async (req, reply) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      // Evidence is personal: no shared cache keeps it.
      return sendStoredFile(
        reply,
        await caseAttachment(ctx, req.principal, req.params.id, req.params.fileId),
        'private, no-store',
      );
    },
  );
  r.post(
    '/api/v1/legal/cases/:id/applicant-phone-reads',
    {
      schema: {
        tags,
        description: "The applicant's unmasked phone, to the case's handlers; every call is audited",
        params: s.idParams,
        response: { 200: s.applicantPhoneView },
      },
    },
    async (req) => readApplicantPhone(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/legal/centers/:id/handlers',
    {
      schema: {
        tags,
        description: "Who a case of this centre can be assigned to (what assign accepts), to the centre's handlers",
        params: s.idParams,
        querystring: s.handlersQuery,
        response: { 200: s.handlerPage },
      },
    },
    async (req) => listCentreHandlers(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.post(
    '/api/v1/legal/cases/:id/actions',
    { schema: { tags, params: s.idParams, body: s.caseActionBody, response: { 200: s.caseView } } },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      return actOnCase(ctx, req.principal, req.params.id, req.body);
    },
  );
  r.post(
    '/api/v1/legal/cases/:id/rating',
    {
      schema: {
        tags,
        params: s.idParams,
        body: s.ratingBody,
        response: { 201: s.ratingBody.extend({ comment: s.ratingBody.shape.comment.nullable() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await rateCase(ctx, requireWorker(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/legal/figures',
    { schema: { tags, querystring: s.statsQuery, response: { 200: s.statsReply } } },
    async (req) => caseFigures(ctx, requireStaff(req.principal), req.query.centerId),
  );
}
