import type { FastifyInstance } from 'fastify';
import { requireStaff, requireWorker, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { idempotencyKeyOf, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './programmes.schemas.js';
import {
  actOnApplication,
  answerObjection,
  applyToProgramme,
  createProgramme,
  getApplication,
  getProgramme,
  getPublicNotice,
  listApplications,
  listNotices,
  listObjections,
  listProgrammes,
  objectToNotice,
  verifyNotices,
  listPublicNotices,
  exportApplications,
  publishProgrammeNotice,
  createDisbursement,
  getDisbursement,
  disbursementBankFile,
  listBatchPayments,
  listDisbursements,
  settleDisbursement,
  programmeReconciliation,
} from './programmes.service.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

export async function programmeRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['programmes'];

  r.post(
    '/api/v1/programmes',
    { schema: { tags, body: s.createProgrammeBody, response: { 201: s.programmeView } } },
    async (req, reply) => reply.status(201).send(await createProgramme(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/programmes',
    {
      schema: {
        tags,
        description: 'Staff: the programmes of a subtree; members: those they may apply to',
        querystring: s.listProgrammesQuery,
        response: { 200: s.programmePage },
      },
    },
    async (req) => listProgrammes(ctx, signedIn(req.principal), req.query),
  );
  r.get(
    '/api/v1/programmes/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.programmeView } } },
    async (req) => getProgramme(ctx, signedIn(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/programmes/:id/applications',
    {
      schema: {
        tags,
        description: 'A member applies for themself, staff for a member (memberId); accepts Idempotency-Key',
        params: s.idParams,
        body: s.applyBody,
        response: { 201: s.applicationView },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await applyToProgramme(ctx, signedIn(req.principal), req.params.id, req.body, idempotencyKeyOf(req))),
  );
  r.get(
    '/api/v1/applications',
    { schema: { tags, querystring: s.listApplicationsQuery, response: { 200: s.applicationPage } } },
    async (req) => listApplications(ctx, signedIn(req.principal), req.query),
  );
  r.get(
    '/api/v1/applications/export.xlsx',
    { schema: { tags, querystring: s.exportApplicationsQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="applications.xlsx"; filename*=UTF-8''${encodeURIComponent('补助申请台账.xlsx')}`,
        )
        .send(await exportApplications(ctx, requireStaff(req.principal), req.query)),
  );
  r.get(
    '/api/v1/applications/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.applicationView } } },
    async (req) => getApplication(ctx, signedIn(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/applications/:id/actions',
    {
      schema: {
        tags,
        description:
          'review_pass, review_return {reason}, review_reject {reason} (the reviewing level), resubmit and withdraw (the member), publicize and approve (the programme’s organisation; disburse is taken by a paid payment); accepts Idempotency-Key',
        params: s.idParams,
        body: s.applicationActionBody,
        response: { 200: s.applicationView },
      },
    },
    async (req) => actOnApplication(ctx, signedIn(req.principal), req.params.id, req.body, idempotencyKeyOf(req)),
  );
  r.get(
    '/api/v1/programmes/:id/notices',
    { schema: { tags, params: s.idParams, response: { 200: s.noticePage } } },
    async (req) => listNotices(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/programmes/:id/notices',
    {
      schema: {
        tags,
        description:
          'Publishes the notice (公示名单) listing reviewed applications — one per board the rules name; each application takes publicize, all or none',
        params: s.idParams,
        body: s.publishNoticeBody,
        response: { 201: s.publishedNotices },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await publishProgrammeNotice(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/programmes/:id/notices/verify',
    {
      schema: {
        tags,
        description: "Recomputes the programme's notice chain and names every notice changed since publication",
        params: s.idParams,
        response: { 200: s.verifyReply },
      },
    },
    async (req) => verifyNotices(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/programmes/:id/objections',
    { schema: { tags, params: s.idParams, querystring: s.listObjectionsQuery, response: { 200: s.objectionPage } } },
    async (req) => listObjections(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.post(
    '/api/v1/objections/:id/answer',
    { schema: { tags, params: s.idParams, body: s.answerBody, response: { 200: s.objectionView } } },
    async (req) => answerObjection(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/public/notices/:id',
    {
      schema: {
        tags,
        description: 'A public notice (公示), no sign-in: masked names, amounts, and its hash',
        params: s.idParams,
        response: { 200: s.publicNoticeView },
      },
    },
    async (req) => getPublicNotice(ctx, req.params.id),
  );
  r.get(
    '/api/v1/public/programmes/:id/notices',
    {
      schema: {
        tags,
        description: "A programme's public notices, newest first, no sign-in",
        params: s.idParams,
        querystring: s.publicNoticeListQuery,
        response: { 200: s.publicNoticeList },
      },
    },
    async (req) => listPublicNotices(ctx, req.params.id, req.query),
  );
  r.post(
    '/api/v1/public/notices/:id/objections',
    {
      schema: {
        tags,
        description: 'An objection to an open notice (signed-in worker); accepts Idempotency-Key',
        params: s.idParams,
        body: s.objectionBody,
        response: { 201: s.objectionView },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await objectToNotice(ctx, requireWorker(req.principal), req.params.id, req.body, idempotencyKeyOf(req))),
  );
  r.post(
    '/api/v1/programmes/:id/disbursements',
    {
      schema: {
        tags,
        description:
          'A batch of the approved applications not yet paid (and the failed payments issued again); each application is paid once',
        params: s.idParams,
        response: { 201: s.disbursementView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createDisbursement(ctx, requireStaff(req.principal), req.params.id)),
  );
  r.get(
    '/api/v1/programmes/:id/reconciliation',
    { schema: { tags, params: s.idParams, response: { 200: s.reconciliationView } } },
    async (req) => programmeReconciliation(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/disbursements/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.disbursementView } } },
    async (req) => getDisbursement(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/programmes/:id/disbursements',
    {
      schema: {
        tags,
        description: "The programme's disbursement batches, newest first, with their totals by payment status",
        params: s.idParams,
        querystring: s.listBatchesQuery,
        response: { 200: s.batchPage },
      },
    },
    async (req) => listDisbursements(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/disbursements/:id/payments',
    {
      schema: {
        tags,
        description: "A page of the batch's payments (payee masked), in the bank file's order",
        params: s.idParams,
        querystring: s.batchPaymentsQuery,
        response: { 200: s.paymentPage },
      },
    },
    async (req) => listBatchPayments(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/disbursements/:id/bank-file.xlsx',
    {
      schema: {
        tags,
        description:
          "The bank transfer file of the batch's pending payments, full account numbers; every download is audited",
        params: s.idParams,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) => {
      const file = await disbursementBankFile(ctx, requireStaff(req.principal), req.params.id);
      return reply
        .type(xlsxMediaType)
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `attachment; filename="disbursement.xlsx"; filename*=UTF-8''${encodeURIComponent('代发明细.xlsx')}`,
        )
        .send(file);
    },
  );
  r.post(
    '/api/v1/disbursements/:id/results',
    {
      schema: {
        tags,
        description:
          "The bank's answer per payment: paid (the application is disbursed) or failed (issued again later)",
        params: s.idParams,
        body: s.settleBody,
        response: { 200: s.disbursementView },
      },
    },
    async (req) => settleDisbursement(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
}
