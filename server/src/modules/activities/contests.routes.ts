import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireMember, requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { sendStoredFile } from '../../kernel/files.js';
import { readSingleUpload, zodRoutes } from '../../kernel/http.js';
import { pageQuery } from '../../kernel/pagination.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './contests.schemas.js';
import {
  addJudges,
  assignJudges,
  certificate,
  closeJudging,
  contestRanking,
  createContest,
  entryFile,
  getContest,
  getEntry,
  giveAwards,
  judgingQueue,
  listContests,
  listEntries,
  listJudges,
  judgeCandidates,
  maxContestFileBytes,
  myContests,
  myEntries,
  rankingWorkbook,
  scoreEntry,
  submitEntry,
  uploadContestFile,
} from './contests.service.js';

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

/** 五小 innovation contests and 云创客, submitted and judged online (网报网评). */
export async function contestRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['activities'];
  const myPage = pageQuery.strict();

  r.post(
    '/api/v1/contests',
    {
      schema: {
        tags,
        description:
          "An activity officer over orgId creates a contest, open for entries: categories (default 五小), a rubric (weights relative: a judge's total is Σ weight × score / maxScore ÷ Σ weight × 100), judgesPerEntry (3 at least)",
        body: s.createContestBody,
        response: { 201: s.contestView },
      },
    },
    async (req, reply) => reply.status(201).send(await createContest(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/contests',
    { schema: { tags, querystring: s.listContestsQuery, response: { 200: s.contestPage } } },
    async (req) => listContests(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/me/contests',
    {
      schema: {
        tags,
        description: "The contests the member's union may enter (run by it or a union above it), newest first",
        querystring: myPage,
        response: { 200: s.contestPage },
      },
    },
    async (req) => myContests(ctx, requireMember(req.principal), req.query),
  );
  r.get(
    '/api/v1/contests/:id',
    {
      schema: {
        tags,
        description: "To the subtree's officers and leaders, and to members who may enter it",
        params: s.idParams,
        response: { 200: s.contestView },
      },
    },
    async (req) => getContest(ctx, signedIn(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/contest-files',
    {
      schema: {
        tags,
        description:
          'multipart/form-data with one PNG, JPEG or PDF (10 MB at most): a document or photo an entry attaches later by id (fileIds); members, and activity officers entering a workplace',
        consumes: ['multipart/form-data'],
        response: { 201: s.uploadReply },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await uploadContestFile(ctx, signedIn(req.principal), () => readSingleUpload(req, maxContestFileBytes))),
  );
  r.post(
    '/api/v1/contests/:id/entries',
    {
      schema: {
        tags,
        description:
          'A member enters (alone, or for a team: teamName, teamMembers); an officer over the contest may enter a workplace (orgId, entrantName). 409 ACTIVITY_NOT_OPEN outside the window or once judging opened; accepts Idempotency-Key',
        params: s.idParams,
        body: s.submitEntryBody,
        response: { 201: s.entryView },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await submitEntry(ctx, signedIn(req.principal), req.params.id, req.body, idempotencyKey(req))),
  );
  r.get(
    '/api/v1/contests/:id/entries',
    {
      schema: {
        tags,
        description:
          "Officers and leaders: the entries with their entrants and judges' scores, newest first; 409 JUDGE_OF_CONTEST to a judge of the contest (who also runs or reads it) until judging closes",
        params: s.idParams,
        querystring: s.listEntriesQuery,
        response: { 200: s.entryPage },
      },
    },
    async (req) => listEntries(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.get(
    '/api/v1/me/contest-entries',
    {
      schema: {
        tags,
        description: "The member's own entries with their awards and certificate codes",
        querystring: myPage,
        response: { 200: s.entryPage },
      },
    },
    async (req) => myEntries(ctx, requireMember(req.principal), req.query),
  );
  r.get(
    '/api/v1/contest-entries/:id',
    {
      schema: {
        tags,
        description:
          'An assigned judge reads it blind (no entrant, team, member, union or file names: the second shape); officers and leaders over the contest, and its member, in full',
        params: s.idParams,
        response: { 200: z.union([s.entryView, s.blindEntryView]) },
      },
    },
    async (req) => getEntry(ctx, signedIn(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/contest-entries/:id/files/:fileId',
    {
      schema: {
        tags,
        description:
          'A file of the entry, to whoever reads the entry; judges get it under a neutral name (附件1.pdf); sandboxed, not cached',
        params: s.fileParams,
        produces: ['image/png', 'image/jpeg', 'application/pdf'],
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await entryFile(ctx, signedIn(req.principal), req.params.id, req.params.fileId),
        'private, no-store',
      ),
  );
  r.post(
    '/api/v1/contests/:id/judges',
    {
      schema: {
        tags,
        description:
          "Officers name judges while the contest takes entries: staff holding the judge role in the contest's subtree (400 not_in_scope / not_a_judge)",
        params: s.idParams,
        body: s.addJudgesBody,
        response: { 200: s.judgesView },
      },
    },
    async (req) => addJudges(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/contests/:id/judges',
    { schema: { tags, params: s.idParams, response: { 200: s.judgesView } } },
    async (req) => listJudges(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/contests/:id/judge-candidates',
    {
      schema: {
        tags,
        description: "Officers: the staff they may name as judges (the judge role, in the contest's subtree)",
        params: s.idParams,
        response: { 200: s.candidatesView },
      },
    },
    async (req) => judgeCandidates(ctx, requireStaff(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/contests/:id/assignments',
    {
      schema: {
        tags,
        description:
          "Assigns judges and opens judging: every entry gets judgesPerEntry judges, none from the entry's own organisation (回避), the load balanced; 409 NOT_ENOUGH_JUDGES (details.entries: those short of eligible judges) changes nothing",
        params: s.idParams,
        response: { 201: s.assignmentsReply },
      },
    },
    async (req, reply) => reply.status(201).send(await assignJudges(ctx, requireStaff(req.principal), req.params.id)),
  );
  r.post(
    '/api/v1/contests/:id/close',
    {
      schema: {
        tags,
        description: 'Officers close judging: scores become final and awards may be given',
        params: s.idParams,
        response: { 200: s.contestView },
      },
    },
    async (req) => closeJudging(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/judging/assignments',
    {
      schema: {
        tags,
        description: "A judge's queue: the entries assigned to them, blind, in every contest",
        response: { 200: s.judgingQueue },
      },
    },
    async (req) => judgingQueue(ctx, requireStaff(req.principal)),
  );
  r.put(
    '/api/v1/contest-entries/:id/scores',
    {
      schema: {
        tags,
        description:
          'An assigned judge scores every criterion (0..maxScore), replacing earlier scores until judging closes; 409 CONFLICT_OF_INTEREST for an entry of their own organisation, 404 for one not assigned to them',
        params: s.idParams,
        body: s.scoreBody,
        response: { 200: s.blindEntryView },
      },
    },
    async (req) => scoreEntry(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/contests/:id/ranking',
    {
      schema: {
        tags,
        description:
          "Final score = mean of the judges' weighted totals, without the single highest and lowest with 5 judges or more; ranks overall and per category (ties share a rank); incomplete entries unranked; 409 JUDGE_OF_CONTEST to a judge of the contest (who also runs or reads it) until judging closes",
        params: s.idParams,
        response: { 200: s.rankingView },
      },
    },
    async (req) => contestRanking(ctx, requireStaff(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/contests/:id/ranking.xlsx',
    {
      schema: {
        tags,
        description:
          'The ranking as Excel, every judge’s total in its own column; 409 JUDGE_OF_CONTEST to a judge of the contest (who also runs or reads it) until judging closes',
        params: s.idParams,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="contest-ranking.xlsx"; filename*=UTF-8''${encodeURIComponent('评审结果.xlsx')}`,
        )
        .send(await rankingWorkbook(ctx, requireStaff(req.principal), req.params.id)),
  );
  r.post(
    '/api/v1/contests/:id/awards',
    {
      schema: {
        tags,
        description:
          'Once judging is closed: {entryId, award} (null withdraws), or {tiers: {first, second, third, excellence}, per: category|overall} by rank; each award gets a certificate code',
        params: s.idParams,
        body: s.awardBody,
        response: { 200: s.awardsReply },
      },
    },
    async (req) => giveAwards(ctx, requireStaff(req.principal), req.params.id, req.body),
  );
  r.get(
    '/api/v1/public/certificates/:code',
    {
      schema: {
        tags,
        description: 'Public: a contest certificate by its verification code (who won which award for what)',
        params: s.certificateParams,
        response: { 200: s.certificateView },
      },
    },
    async (req) => certificate(ctx, req.params.code),
  );
}
