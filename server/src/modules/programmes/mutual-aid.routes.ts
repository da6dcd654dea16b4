import type { FastifyInstance } from 'fastify';
import { requireStaff, requireWorker, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { idempotencyKeyOf, readSingleUpload, zodRoutes } from '../../kernel/http.js';
import { jobView, maxImportBytes } from '../../kernel/imports.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './mutual-aid.schemas.js';
import {
  enrolmentImportErrors,
  enrolmentTemplate,
  getEnrolmentImport,
  startEnrolmentImport,
} from './mutual-aid.import.js';
import { enrolMember, exportEnrolments, fileClaim, listEnrolments, myMutualAid } from './mutual-aid.service.js';
import { idParams } from './programmes.schemas.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

const attachment = (ascii: string, name: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 医疗互助: enrolments (one by one and by Excel list) and claims. */
export async function mutualAidRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['programmes'];

  r.post(
    '/api/v1/programmes/:id/enrolments',
    {
      schema: {
        tags,
        description:
          'Enrols one member of the programme’s subtree in a medical_mutual_aid programme (programme_officer over the member’s union); again → 409 ENROLMENT_EXISTS',
        params: idParams,
        body: s.enrolBody,
        response: { 201: s.enrolmentView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await enrolMember(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/programmes/:id/enrolments',
    {
      schema: {
        tags,
        params: idParams,
        querystring: s.listEnrolmentsQuery,
        response: { 200: s.enrolmentPage },
      },
    },
    async (req) => listEnrolments(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/programmes/:id/enrolments/export.xlsx',
    { schema: { tags, params: idParams, querystring: s.exportEnrolmentsQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('enrolments.xlsx', '参保名单.xlsx'))
        .send(await exportEnrolments(ctx, requireStaff(req.principal), req.params.id, req.query)),
  );
  r.post(
    '/api/v1/programmes/:id/enrolments/imports',
    {
      schema: {
        tags,
        description:
          'multipart/form-data with one .xlsx file field: the unit’s (orgId) members to enrol, by ID number or phone; rows run in the background, poll the job',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: s.enrolmentImportQuery,
        response: { 202: jobView },
      },
    },
    async (req, reply) => {
      const job = await startEnrolmentImport(ctx, requireStaff(req.principal), req.params.id, req.query.orgId, () =>
        readSingleUpload(req, maxImportBytes),
      );
      return reply.status(202).send(job);
    },
  );
  r.get(
    '/api/v1/mutual-aid/enrolment-imports/:id',
    { schema: { tags, params: idParams, response: { 200: jobView } } },
    async (req) => getEnrolmentImport(ctx, requireStaff(req.principal), req.params.id, req.locale),
  );
  r.get(
    '/api/v1/mutual-aid/enrolment-imports/:id/errors.xlsx',
    { schema: { tags, params: idParams, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('enrolment-errors.xlsx', '参保名单导入错误.xlsx'))
        .send(await enrolmentImportErrors(ctx, requireStaff(req.principal), req.params.id, req.locale)),
  );
  r.get(
    '/api/v1/mutual-aid/enrolment-template.xlsx',
    { schema: { tags, produces: [xlsxMediaType] } },
    async (req, reply) => {
      requireStaff(req.principal);
      return reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('enrolment-template.xlsx', '参保名单模板.xlsx'))
        .send(await enrolmentTemplate());
    },
  );
  r.get(
    '/api/v1/me/mutual-aid',
    {
      schema: {
        tags,
        description: "The signed-in member's mutual-aid enrolments, with the cap and what is left",
        response: { 200: s.myMutualAid },
      },
    },
    async (req) => myMutualAid(ctx, requireWorker(req.principal)),
  );
  r.post(
    '/api/v1/mutual-aid/claims',
    {
      schema: {
        tags,
        description:
          'A claim with hospital bills: the member for themself, or staff for a member (memberId). Pays the self-paid part by the programme’s tiers, at most what the member’s cap has left; the answer shows the computation per bill and tier. The claim is an application of the programme (review, notice, approval, disbursement). Accepts Idempotency-Key',
        body: s.claimBody,
        response: { 201: s.claimView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await fileClaim(ctx, signedIn(req.principal), req.body, idempotencyKeyOf(req))),
  );
}
