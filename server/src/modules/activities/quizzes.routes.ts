import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireMember, requireStaff, type Principal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { readSingleUpload, zodRoutes } from '../../kernel/http.js';
import { jobView, maxImportBytes } from '../../kernel/imports.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import {
  getQuestionImport,
  questionImportErrors,
  questionImportTemplate,
  startQuestionImport,
} from './quizzes.import.js';
import * as s from './quizzes.schemas.js';
import {
  addQuestion,
  createQuiz,
  drawPrizes,
  exportQuestions,
  getAttempt,
  getQuiz,
  listQuestions,
  listQuizzes,
  myQuiz,
  myQuizzes,
  publicDraw,
  quizLeaderboard,
  removeQuestion,
  startAttempt,
  submitAttempt,
  updateQuestion,
  updateQuiz,
} from './quizzes.service.js';

function attachment(ascii: string, fileName: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

function signedIn(principal: Principal | null): Principal {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

/** 知识竞赛: quizzes and their question banks (staff), attempts and submissions (members), leaderboard, prize draw. */
export async function quizRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['activities'];

  // ——— staff: quizzes ———
  r.post(
    '/api/v1/quizzes',
    {
      schema: {
        tags,
        description:
          "A union's quiz (activity_officer over orgId): window, questions per attempt, time limit, attempts per day, pass score",
        body: s.createQuizBody,
        response: { 201: s.quizView },
      },
    },
    async (req, reply) => reply.status(201).send(await createQuiz(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/quizzes',
    {
      schema: {
        tags,
        description: 'The quizzes of a subtree, newest first, with their figures',
        querystring: s.listQuizzesQuery,
        response: { 200: s.quizPage },
      },
    },
    async (req) => listQuizzes(ctx, requireStaff(req.principal), req.query),
  );
  r.get('/api/v1/quizzes/:id', { schema: { tags, params: s.idParams, response: { 200: s.quizView } } }, async (req) =>
    getQuiz(ctx, requireStaff(req.principal), req.params.id),
  );
  r.patch(
    '/api/v1/quizzes/:id',
    {
      schema: {
        tags,
        description: 'Changes settings; attempts already started keep their questions and deadline',
        params: s.idParams,
        body: s.updateQuizBody,
        response: { 200: s.quizView },
      },
    },
    async (req) => updateQuiz(ctx, requireStaff(req.principal), req.params.id, req.body),
  );

  // ——— staff: the question bank ———
  r.get(
    '/api/v1/quizzes/:id/questions',
    {
      schema: {
        tags,
        description: 'The bank with the right answers (staff only), oldest first',
        params: s.idParams,
        querystring: s.listQuestionsQuery,
        response: { 200: s.questionPage },
      },
    },
    async (req) => listQuestions(ctx, requireStaff(req.principal), req.params.id, req.query),
  );
  r.post(
    '/api/v1/quizzes/:id/questions',
    {
      schema: {
        tags,
        description:
          'A question: single 单选 (one right option), multiple 多选 (one or more; scored all-or-nothing), true_false 判断 (options A 正确, B 错误)',
        params: s.idParams,
        body: s.questionBody,
        response: { 201: s.questionView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addQuestion(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.put(
    '/api/v1/quizzes/:id/questions/:questionId',
    { schema: { tags, params: s.questionParams, body: s.questionBody, response: { 200: s.questionView } } },
    async (req) => updateQuestion(ctx, requireStaff(req.principal), req.params.id, req.params.questionId, req.body),
  );
  r.delete(
    '/api/v1/quizzes/:id/questions/:questionId',
    {
      schema: {
        tags,
        description: 'Takes the question out of the bank (never served again; past attempts keep it)',
        params: s.questionParams,
      },
    },
    async (req, reply) => {
      await removeQuestion(ctx, requireStaff(req.principal), req.params.id, req.params.questionId);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/v1/quizzes/:id/questions/export.xlsx',
    {
      schema: {
        tags,
        description: 'The bank in the import’s columns (题型, 题目, 选项A–F, 正确答案, 解析); audited',
        params: s.idParams,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('quiz-questions.xlsx', '题库.xlsx'))
        .send(await exportQuestions(ctx, requireStaff(req.principal), req.params.id)),
  );
  r.post(
    '/api/v1/quizzes/:id/question-imports',
    {
      schema: {
        tags,
        description:
          'multipart/form-data with one .xlsx file field (题型, 题目, 选项A–F, 正确答案, 解析): rows run in the background, poll the job; each bad row is reported with its number, column and code',
        consumes: ['multipart/form-data'],
        params: s.idParams,
        response: { 202: jobView },
      },
    },
    async (req, reply) => {
      const job = await startQuestionImport(ctx, requireStaff(req.principal), req.params.id, () =>
        readSingleUpload(req, maxImportBytes),
      );
      return reply.status(202).send(job);
    },
  );
  r.get(
    '/api/v1/quiz-question-imports/template.xlsx',
    { schema: { tags, produces: [xlsxMediaType] } },
    async (req, reply) => {
      requireStaff(req.principal);
      return reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('quiz-questions-template.xlsx', '题库导入模板.xlsx'))
        .send(await questionImportTemplate());
    },
  );
  r.get(
    '/api/v1/quiz-question-imports/:id',
    { schema: { tags, params: s.idParams, response: { 200: jobView } } },
    async (req) => getQuestionImport(ctx, requireStaff(req.principal), req.params.id, req.locale),
  );
  r.get(
    '/api/v1/quiz-question-imports/:id/errors.xlsx',
    { schema: { tags, params: s.idParams, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('quiz-question-import-errors.xlsx', '题库导入错误.xlsx'))
        .send(await questionImportErrors(ctx, requireStaff(req.principal), req.params.id, req.locale)),
  );

  // ——— members ———
  r.get(
    '/api/v1/me/quizzes',
    {
      schema: {
        tags,
        description:
          "Quizzes of the member's union and the unions above it (default: upcoming and open), with my attempts",
        querystring: s.myQuizzesQuery,
        response: { 200: s.memberQuizPage },
      },
    },
    async (req) => myQuizzes(ctx, requireMember(req.principal), req.query),
  );
  r.get(
    '/api/v1/me/quizzes/:id',
    { schema: { tags, params: s.idParams, response: { 200: s.memberQuizView } } },
    async (req) => myQuiz(ctx, requireMember(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/quizzes/:id/attempts',
    {
      schema: {
        tags,
        description:
          'Starts an attempt (member): questions drawn at random, without answers, and the deadline; 409 ACTIVITY_NOT_OPEN outside the window, 409 ATTEMPTS_EXHAUSTED past the attempts of the day (Asia/Shanghai); one attempt is open at a time: while one is, 200 with that attempt (resumed); accepts Idempotency-Key (a retried start is the same attempt)',
        params: s.idParams,
        response: { 200: s.attemptView, 201: s.attemptView },
      },
    },
    async (req, reply) => {
      const started = await startAttempt(ctx, requireMember(req.principal), req.params.id, idempotencyKey(req));
      return reply.status(started.resumed ? 200 : 201).send(started.attempt);
    },
  );
  r.get(
    '/api/v1/quiz-attempts/:id',
    {
      schema: {
        tags,
        description:
          'My attempt: while open without answers; once submitted or expired with the right answers, unless withheld (reviewWithheld: the quiz is running and attempts are left today)',
        params: s.idParams,
        response: { 200: s.attemptView },
      },
    },
    async (req) => getAttempt(ctx, requireMember(req.principal), req.params.id),
  );
  r.post(
    '/api/v1/quiz-attempts/:id/submission',
    {
      schema: {
        tags,
        description:
          'Scores the attempt once (again: 409 ALREADY_SUBMITTED); after the deadline + 10 s 409 ATTEMPT_EXPIRED (the attempt scores 0); answers only for the served questions (else 400)',
        params: s.idParams,
        body: s.submissionBody,
        response: { 200: s.attemptView },
      },
    },
    async (req) => submitAttempt(ctx, requireMember(req.principal), req.params.id, req.body),
  );

  // ——— results ———
  r.get(
    '/api/v1/quizzes/:id/leaderboard',
    {
      schema: {
        tags,
        description:
          'Best attempt per member: score, then the shortest time. Staff see names in full; members of the subtree masked (张*明)',
        params: s.idParams,
        querystring: s.leaderboardQuery,
        response: { 200: s.leaderboardView },
      },
    },
    async (req) => quizLeaderboard(ctx, signedIn(req.principal), req.params.id, req.query.limit),
  );
  r.post(
    '/api/v1/quizzes/:id/draws',
    {
      schema: {
        tags,
        description:
          'The prize draw among members who passed, after the quiz ends (before: 409 INVALID_TRANSITION), once (again: 409 CONFLICT); verifiable from what GET /public/quizzes/{id}/draw publishes',
        params: s.idParams,
        body: s.drawBody,
        response: { 201: s.drawView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await drawPrizes(ctx, requireStaff(req.principal), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/public/quizzes/:id/draw',
    {
      schema: {
        tags,
        description:
          'The published draw, no sign-in: algorithm, seed, list hash, candidates (tickets, masked names), winners',
        params: s.idParams,
        response: { 200: s.drawView },
      },
    },
    async (req) => publicDraw(ctx, req.params.id),
  );
}
