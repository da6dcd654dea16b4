import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireMember, requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './questionnaires.schemas.js';
import {
  closeQuestionnaire,
  createQuestionnaire,
  getQuestionnaire,
  listQuestionnaires,
  questionnaireResults,
  questionnaireWorkbook,
  submitResponse,
  updateQuestionnaire,
} from './questionnaires.service.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

/** 问卷 questionnaires: a union's questions to its members, answered once; results per question and per union. */
export async function questionnaireRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['activities'];

  r.post(
    '/api/v1/questionnaires',
    {
      schema: {
        tags,
        description: "A union's questionnaire to the members of its subtree: activity officers of the union",
        body: s.createQuestionnaireBody,
        response: { 201: s.questionnaireView },
      },
    },
    async (req, reply) => reply.status(201).send(await createQuestionnaire(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/questionnaires',
    {
      schema: {
        tags,
        description: "Staff: a subtree's questionnaires; members: those of their union and the unions above it",
        querystring: s.listQuestionnairesQuery,
        response: { 200: s.questionnairePage },
      },
    },
    async (req) => listQuestionnaires(ctx, signedIn(req.principal), req.query),
  );
  r.get(
    '/api/v1/questionnaires/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.questionnaireView } } },
    async (req) => getQuestionnaire(ctx, signedIn(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/questionnaires/:id',
    {
      schema: {
        tags,
        description:
          "Activity officers of the questionnaire's union edit it: title and description any time; questions and anonymous only while nobody has answered (409 CONFLICT reason has_responses); opensAt only before it opens (409 CONFLICT reason started); closesAt after now, not once closed (409 ACTIVITY_NOT_OPEN reason closed); audited",
        params: s.idParams,
        body: s.updateQuestionnaireBody,
        response: { 200: s.questionnaireView },
      },
    },
    async (req) => updateQuestionnaire(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.post(
    '/api/v1/questionnaires/:id/close',
    {
      schema: {
        tags,
        description:
          'Closes an open questionnaire now (closesAt = now); not yet open or already closed 409 ACTIVITY_NOT_OPEN; audited',
        params: s.idParams,
        response: { 200: s.questionnaireView },
      },
    },
    async (req) => closeQuestionnaire(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/questionnaires/:id/responses',
    {
      schema: {
        tags,
        description:
          'A member answers once while it is open: again 409 ALREADY_SUBMITTED, closed 409 ACTIVITY_NOT_OPEN, an answer not fitting its question 400 naming it; accepts Idempotency-Key',
        params: s.idParams,
        body: s.submitResponseBody,
        response: { 201: s.responseReply },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await submitResponse(ctx, requireMember(req.principal), req.params.id, req.body, idempotencyKey(req))),
  );
  r.get(
    '/api/v1/questionnaires/:id/results',
    {
      schema: {
        tags,
        description:
          'Per question (counts and shares of those who answered it, text answers) and per union directly below (response rate = responses ÷ members)',
        params: s.idParams,
        querystring: s.resultsQuery,
        response: { 200: s.resultsView },
      },
    },
    async (req) => questionnaireResults(ctx, requireStaff(req.principal), req.params.id, req.query.orgId),
  );
  r.get(
    '/api/v1/questionnaires/:id/results/export.xlsx',
    {
      schema: {
        tags,
        description: 'The results as a workbook; audited',
        params: s.idParams,
        querystring: s.resultsQuery,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="questionnaire.xlsx"; filename*=UTF-8''${encodeURIComponent('问卷结果.xlsx')}`,
        )
        .send(await questionnaireWorkbook(ctx, requireStaff(req.principal), req.params.id, req.query.orgId)),
  );
}
