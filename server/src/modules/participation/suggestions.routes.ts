import type { FastifyInstance } from 'fastify';
import { requireMember, requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { idempotencyKeyOf, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './suggestions.schemas.js';
import {
  actOnSuggestion,
  createReview,
  exportSuggestions,
  getReview,
  getSuggestion,
  listReviewComments,
  listReviews,
  listSuggestions,
  myReviews,
  postSuggestion,
  respondToReview,
  reviewResult,
  reviewResultWorkbook,
  suggestionUnions,
  supportSuggestion,
} from './suggestions.service.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

function attachment(fileName: string, chineseName: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`;
}

/** 职工事大家议 (members' suggestions) and 会员评家 (union review campaigns). */
export async function suggestionRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['participation'];

  r.post(
    '/api/v1/suggestions',
    {
      schema: {
        tags,
        description: 'A member posts a suggestion to their union or one above it; accepts Idempotency-Key',
        body: s.postSuggestionBody,
        response: { 201: s.suggestionView },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await postSuggestion(ctx, requireMember(req.principal), req.body, idempotencyKeyOf(req), req.ip)),
  );
  r.get(
    '/api/v1/suggestions',
    { schema: { tags, querystring: s.listSuggestionsQuery, response: { 200: s.suggestionPage } } },
    async (req) => listSuggestions(ctx, signedIn(req.principal), req.query),
  );
  r.get(
    '/api/v1/me/suggestion-unions',
    {
      schema: {
        tags,
        description: 'The unions a member may address a suggestion to: their own, then those above it',
        response: { 200: s.unionsReply },
      },
    },
    async (req) => suggestionUnions(ctx, requireMember(req.principal)),
  );
  r.get(
    '/api/v1/suggestions/export.xlsx',
    { schema: { tags, querystring: s.exportSuggestionsQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('suggestions.xlsx', '职工建议台账.xlsx'))
        .send(await exportSuggestions(ctx, requireStaff(req.principal), req.query)),
  );
  r.get(
    '/api/v1/suggestions/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.suggestionView } } },
    async (req) => getSuggestion(ctx, signedIn(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/suggestions/:id/supports',
    {
      schema: {
        tags,
        description: 'A member who can see it supports it once (not their own): 409 ALREADY_SUPPORTED',
        params: s.idParams,
        response: { 201: s.supportReply },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await supportSuggestion(ctx, requireMember(req.principal), req.params.id)),
  );
  r.post(
    '/api/v1/suggestions/:id/actions',
    {
      schema: {
        tags,
        description:
          "answer {reply}, reject {reason}, close (the union's participation officers), withdraw (the author, before an answer); accepts Idempotency-Key",
        params: s.idParams,
        body: s.suggestionActionBody,
        response: { 200: s.suggestionView },
      },
    },
    async (req) => actOnSuggestion(ctx, signedIn(req.principal), req.params.id, req.body, idempotencyKeyOf(req)),
  );

  r.post(
    '/api/v1/union-reviews',
    { schema: { tags, body: s.createReviewBody, response: { 201: s.reviewView } } },
    async (req, reply) => reply.status(201).send(await createReview(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/union-reviews',
    { schema: { tags, querystring: s.listReviewsQuery, response: { 200: s.reviewPage } } },
    async (req) => listReviews(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/me/union-reviews',
    { schema: { tags, querystring: s.myReviewsQuery, response: { 200: s.reviewPage } } },
    async (req) => myReviews(ctx, requireMember(req.principal), req.query),
  );
  r.get(
    '/api/v1/union-reviews/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.reviewView } } },
    async (req) => getReview(ctx, signedIn(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/union-reviews/:id/responses',
    {
      schema: {
        tags,
        description: 'A member of the subtree answers every question once: 409 ALREADY_RESPONDED, REVIEW_NOT_OPEN',
        params: s.idParams,
        body: s.respondBody,
        response: { 201: s.responseReply },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await respondToReview(ctx, requireMember(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/union-reviews/:id/result',
    { schema: { tags, params: s.idParams, querystring: s.resultQuery, response: { 200: s.resultView } } },
    async (req) => reviewResult(ctx, requireStaff(req.principal), req.params.id, req.query.orgId),
  );
  r.get(
    '/api/v1/union-reviews/:id/result/export.xlsx',
    { schema: { tags, params: s.idParams, querystring: s.resultQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('union-review.xlsx', '会员评家结果.xlsx'))
        .send(await reviewResultWorkbook(ctx, requireStaff(req.principal), req.params.id, req.query.orgId)),
  );
  r.get(
    '/api/v1/union-reviews/:id/comments',
    {
      schema: {
        tags,
        description: 'The free-text comments of the subtree, without names',
        params: s.idParams,
        querystring: s.commentsQuery,
        response: { 200: s.commentPage },
      },
    },
    async (req) => listReviewComments(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
}
