import crypto from 'node:crypto';
import { z } from 'zod';
import type { Membership, Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed, type FieldIssue } from '../../kernel/errors.js';
import { isWithin } from '../../kernel/org-tree.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { maskName } from '../../kernel/pii.js';
import { audit, audited, auditIn, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { authorizeReadActivities, authorizeRunActivities } from './activities.policy.js';
import {
  drawAlgorithm,
  drawAlgorithmDescription,
  drawAlgorithmV1Description,
  drawSeedOf,
  drawWinners,
  newSeed,
  seedCommitmentOf,
} from './quizzes.draw.js';
import { isProblem, kindWords, normalQuestion, optionKeys } from './quizzes.questions.js';
import * as repo from './quizzes.repository.js';
import type {
  AttemptView,
  CreateQuizBody,
  DrawBody,
  DrawView,
  ListQuizzesQuery,
  MyQuizzesQuery,
  QuestionBody,
  QuestionView,
  QuizView,
  SubmissionBody,
  UpdateQuizBody,
} from './quizzes.schemas.js';
import type { QuizAnswer, quizAttempts } from './quizzes.tables.js';

/**
 * 知识竞赛 quizzes. Staff of a union build a quiz and its question bank; members of the union's subtree take it in the
 * member app. The rules the server holds, whatever the client does:
 * - an attempt serves `questionsPerAttempt` questions drawn at random from the bank (all of them when the bank is
 *   smaller), never their right answers; a member starts at most `attemptsPerDay` attempts a Shanghai day (409
 *   ATTEMPTS_EXHAUSTED; two racing starts at the last one make one attempt: the (quiz, member, day, seq) index);
 *   outside the quiz's window 409 ACTIVITY_NOT_OPEN;
 * - the deadline is the server's start time + the time limit; a submission is accepted until `submissionGraceMs`
 *   after it (for the network), later it is refused (409 ATTEMPT_EXPIRED) and the attempt is marked expired with 0;
 * - the score is computed once, by the server (a second submission, or a racing one, 409 ALREADY_SUBMITTED): per cent
 *   of the served questions answered right, rounded; a multiple-choice question is right only when exactly the right
 *   options are chosen (all-or-nothing, no part marks); an unanswered question is wrong;
 * - after submission the member sees the right answers and explanations of that attempt's questions only.
 */

/** Time allowed after the deadline for a submission in flight (the network, a slow phone). */
export const submissionGraceMs = 10_000;

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
const positionCursor = z.object({ position: z.number().int() });

type Member = WorkerPrincipal & { membership: Membership };

function phaseOf(row: { startsAt: Date; endsAt: Date }, now: Date): repo.Phase {
  if (now < row.startsAt) return 'upcoming';
  if (now >= row.endsAt) return 'ended';
  return 'open';
}

function present(row: repo.QuizRow, now: Date): QuizView {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    title: row.title,
    description: row.description,
    prizes: row.prizes,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    phase: phaseOf(row, now),
    questionsPerAttempt: row.questionsPerAttempt,
    timeLimitSeconds: row.timeLimitSeconds,
    attemptsPerDay: row.attemptsPerDay,
    passScore: row.passScore,
    questions: row.questions,
    attempts: row.attempts,
    participants: row.participants,
    passed: row.passed,
    drawn: row.drawn,
    seedCommitment: seedCommitmentOf(row.drawSeed),
    createdAt: row.createdAt.toISOString(),
  };
}

async function quizInScope(ctx: AppContext, principal: StaffPrincipal, id: string, authorize = authorizeRunActivities) {
  return inScope(await repo.findQuiz(ctx.db, id), principal, authorize);
}

/** A quiz of the member's org chain (their union or one above it), else 404. */
async function quizForMember(ctx: AppContext, member: Member, id: string) {
  const row = await repo.findQuiz(ctx.db, id);
  if (!row || !isWithin(member.membership.orgPath, row.orgPath)) throw new AppError('NOT_FOUND');
  return row;
}

// ——— quizzes ———

export async function createQuiz(ctx: AppContext, principal: StaffPrincipal, input: CreateQuizBody) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunActivities);
  const now = ctx.clock.now();
  const drawSeed = newSeed();
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertQuiz(tx, {
        orgId: org.id,
        title: input.title,
        description: input.description ?? null,
        prizes: input.prizes ?? null,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        questionsPerAttempt: input.questionsPerAttempt,
        timeLimitSeconds: input.timeLimitSeconds,
        attemptsPerDay: input.attemptsPerDay,
        passScore: input.passScore,
        drawSeed,
        createdBy: principal.staffId,
        createdAt: now,
        updatedAt: now,
      }),
    (quizId) => ({
      action: 'quiz.create',
      objectType: 'quiz',
      objectId: quizId,
      orgId: org.id,
      // The commitment in the audit chain too: what the quiz showed from its first moment.
      details: {
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        seedCommitment: seedCommitmentOf(drawSeed),
      },
    }),
  );
  return present((await repo.findQuiz(ctx.db, id))!, now);
}

export async function listQuizzes(ctx: AppContext, principal: StaffPrincipal, q: ListQuizzesQuery) {
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeReadActivities);
  const now = ctx.clock.now();
  const rows = await repo.listQuizzes(
    ctx.db,
    { scope, phase: q.phase, now },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return { items: page.items.map((r) => present(r, now)), nextCursor: page.nextCursor };
}

export async function getQuiz(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return present(await quizInScope(ctx, principal, id, authorizeReadActivities), ctx.clock.now());
}

/** Changes a quiz's settings; attempts already started keep their questions and deadline. */
export async function updateQuiz(ctx: AppContext, principal: StaffPrincipal, id: string, input: UpdateQuizBody) {
  const quiz = await quizInScope(ctx, principal, id);
  const startsAt = input.startsAt ? new Date(input.startsAt) : quiz.startsAt;
  const endsAt = input.endsAt ? new Date(input.endsAt) : quiz.endsAt;
  if (startsAt >= endsAt)
    throw validationFailed([{ path: input.endsAt ? 'endsAt' : 'startsAt', code: 'invalid_value', message: '' }]);
  const now = ctx.clock.now();
  await audited(
    ctx,
    principal,
    async (tx) => {
      await repo.lockQuiz(tx, id);
      await repo.updateQuiz(tx, id, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.prizes !== undefined ? { prizes: input.prizes } : {}),
        ...(input.questionsPerAttempt !== undefined ? { questionsPerAttempt: input.questionsPerAttempt } : {}),
        ...(input.timeLimitSeconds !== undefined ? { timeLimitSeconds: input.timeLimitSeconds } : {}),
        ...(input.attemptsPerDay !== undefined ? { attemptsPerDay: input.attemptsPerDay } : {}),
        ...(input.passScore !== undefined ? { passScore: input.passScore } : {}),
        startsAt,
        endsAt,
        updatedAt: now,
      });
    },
    { action: 'quiz.update', objectType: 'quiz', objectId: id, orgId: quiz.orgId, details: { ...input } },
  );
  return present((await repo.findQuiz(ctx.db, id))!, now);
}

// ——— the question bank ———

function presentQuestion(row: Awaited<ReturnType<typeof repo.findQuestion>> & object): QuestionView {
  return {
    id: row.id,
    kind: row.kind,
    text: row.text,
    options: row.options,
    correct: row.correct,
    explanation: row.explanation,
    createdAt: row.createdAt.toISOString(),
  };
}

function checkedQuestion(input: QuestionBody) {
  const normal = normalQuestion(input.kind, input.options, input.correct);
  if (isProblem(normal)) throw validationFailed([{ path: normal.field, code: normal.code, message: '' }]);
  return normal;
}

export async function addQuestion(ctx: AppContext, principal: StaffPrincipal, quizId: string, input: QuestionBody) {
  const quiz = await quizInScope(ctx, principal, quizId);
  const normal = checkedQuestion(input);
  const now = ctx.clock.now();
  const [row] = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertQuestions(tx, [
        { quizId, ...normal, text: input.text, explanation: input.explanation ?? null, createdAt: now, updatedAt: now },
      ]),
    (rows) => ({
      action: 'quiz.question_add',
      objectType: 'quiz',
      objectId: quizId,
      orgId: quiz.orgId,
      details: { questionId: rows[0]!.id },
    }),
  );
  return presentQuestion(row!);
}

/** Several questions at once (the demo's bank, a script): all or none, each checked as `addQuestion` does. */
export async function addQuestions(
  ctx: AppContext,
  principal: StaffPrincipal,
  quizId: string,
  inputs: readonly QuestionBody[],
) {
  const quiz = await quizInScope(ctx, principal, quizId);
  const issues: FieldIssue[] = [];
  const normals = inputs.map((input, i) => {
    const normal = normalQuestion(input.kind, input.options, input.correct);
    if (isProblem(normal)) issues.push({ path: `${i}.${normal.field}`, code: normal.code, message: '' });
    return normal;
  });
  if (issues.length > 0) throw validationFailed(issues);
  const now = ctx.clock.now();
  const rows = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertQuestions(
        tx,
        inputs.map((input, i) => ({
          quizId,
          ...(normals[i] as Exclude<(typeof normals)[number], { code: string }>),
          text: input.text,
          explanation: input.explanation ?? null,
          createdAt: now,
          updatedAt: now,
        })),
      ),
    (added) => ({
      action: 'quiz.questions_add',
      objectType: 'quiz',
      objectId: quizId,
      orgId: quiz.orgId,
      details: { added: added.length },
    }),
  );
  return rows.map(presentQuestion);
}

export async function listQuestions(
  ctx: AppContext,
  principal: StaffPrincipal,
  quizId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  await quizInScope(ctx, principal, quizId);
  const rows = await repo.listQuestions(ctx.db, quizId, q.limit, decodeCursor(q.cursor, positionCursor));
  const page = paginate(rows, q.limit, (r) => ({ position: r.position }));
  return { items: page.items.map(presentQuestion), nextCursor: page.nextCursor };
}

async function questionInScope(ctx: AppContext, principal: StaffPrincipal, quizId: string, questionId: string) {
  const quiz = await quizInScope(ctx, principal, quizId);
  const question = await repo.findQuestion(ctx.db, quizId, questionId);
  if (!question) throw new AppError('NOT_FOUND');
  return { quiz, question };
}

export async function updateQuestion(
  ctx: AppContext,
  principal: StaffPrincipal,
  quizId: string,
  questionId: string,
  input: QuestionBody,
) {
  const { quiz } = await questionInScope(ctx, principal, quizId, questionId);
  const normal = checkedQuestion(input);
  await audited(
    ctx,
    principal,
    (tx) =>
      repo.updateQuestion(tx, questionId, {
        ...normal,
        text: input.text,
        explanation: input.explanation ?? null,
        updatedAt: ctx.clock.now(),
      }),
    {
      action: 'quiz.question_update',
      objectType: 'quiz',
      objectId: quizId,
      orgId: quiz.orgId,
      details: { questionId },
    },
  );
  return presentQuestion((await repo.findQuestion(ctx.db, quizId, questionId))!);
}

/** Takes a question out of the bank: never served again; attempts that served it keep it for their review. */
export async function removeQuestion(ctx: AppContext, principal: StaffPrincipal, quizId: string, questionId: string) {
  const { quiz } = await questionInScope(ctx, principal, quizId, questionId);
  await audited(ctx, principal, (tx) => repo.updateQuestion(tx, questionId, { removedAt: ctx.clock.now() }), {
    action: 'quiz.question_remove',
    objectType: 'quiz',
    objectId: quizId,
    orgId: quiz.orgId,
    details: { questionId },
  });
}

/** The columns of the bank's workbook: the export, the import's template and what the import reads. */
export const questionSheetColumns = [
  { header: '题型', key: 'kind', width: 8, note: '单选、多选或判断' },
  { header: '题目', key: 'text', width: 50 },
  ...optionKeys.map((k) => ({
    header: `选项${k}`,
    key: `option${k}`,
    width: 18,
    ...(k === 'A' ? { note: '单选、多选至少两个选项；判断题不填（A 正确，B 错误）' } : {}),
  })),
  { header: '正确答案', key: 'correct', width: 10, note: '选项字母，多选如 ACD；判断题填 对 或 错' },
  { header: '解析', key: 'explanation', width: 40, note: '选填：答题后显示' },
];

/** The bank as a workbook in the import's columns: exported, edited, imported into another quiz. */
export async function exportQuestions(ctx: AppContext, principal: StaffPrincipal, quizId: string) {
  const quiz = await quizInScope(ctx, principal, quizId);
  const rows = await repo.allQuestions(ctx.db, quizId);
  await audit(ctx, principal, {
    action: 'quiz.questions_export',
    objectType: 'quiz',
    objectId: quizId,
    orgId: quiz.orgId,
    details: { rows: rows.length },
  });
  return workbookOf(
    '题库',
    questionSheetColumns.map(({ note: _note, ...c }) => c),
    rows.map((r) => ({
      kind: kindWords[r.kind],
      text: r.text,
      ...Object.fromEntries(
        optionKeys.map((k) => [
          `option${k}`,
          r.kind === 'true_false' ? '' : (r.options.find((o) => o.key === k)?.text ?? ''),
        ]),
      ),
      correct: r.kind === 'true_false' ? (r.correct[0] === 'A' ? '对' : '错') : r.correct.join(''),
      explanation: r.explanation ?? '',
    })),
  );
}

// ——— the member's quizzes ———

function presentForMember(row: repo.QuizRow, now: Date, mine: Awaited<ReturnType<typeof repo.attemptsOfMember>>) {
  const today = shanghaiDate(now);
  const attemptsToday = mine.filter((a) => a.day === today).length;
  const open = mine.find((a) => a.status === 'open' && now.getTime() <= a.deadline.getTime() + submissionGraceMs);
  const scores = mine.filter((a) => a.score !== null && a.status === 'submitted').map((a) => a.score!);
  const view = present(row, now);
  return {
    id: view.id,
    org: view.org,
    title: view.title,
    description: view.description,
    prizes: view.prizes,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    phase: view.phase,
    questionsPerAttempt: view.questionsPerAttempt,
    timeLimitSeconds: view.timeLimitSeconds,
    attemptsPerDay: view.attemptsPerDay,
    passScore: view.passScore,
    drawn: view.drawn,
    seedCommitment: view.seedCommitment,
    attemptsLeftToday: Math.max(0, row.attemptsPerDay - attemptsToday),
    openAttemptId: open?.id ?? null,
    bestScore: scores.length > 0 ? Math.max(...scores) : null,
    passed: mine.some((a) => a.passed === true),
    attempts: mine.slice(0, 20).map((a) => ({
      id: a.id,
      status: expiredNow(a, now) ? ('expired' as const) : a.status,
      startedAt: a.startedAt.toISOString(),
      score: a.score,
      passed: a.passed,
    })),
  };
}

/** An open attempt past its deadline and grace is expired, whether or not a late submission has marked it yet. */
function expiredNow(a: { status: string; deadline: Date }, now: Date): boolean {
  return a.status === 'open' && now.getTime() > a.deadline.getTime() + submissionGraceMs;
}

/** The quizzes of the member's union and the unions above it: upcoming and open by default. */
export async function myQuizzes(ctx: AppContext, member: Member, q: MyQuizzesQuery) {
  const now = ctx.clock.now();
  const rows = await repo.quizzesForMember(
    ctx.db,
    { memberOrgPath: member.membership.orgPath, phase: q.phase, now },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const attempts = await repo.attemptsOfMember(
    ctx.db,
    member.membership.memberId,
    page.items.map((r) => r.id),
  );
  return {
    items: page.items.map((r) =>
      presentForMember(
        r,
        now,
        attempts.filter((a) => a.quizId === r.id),
      ),
    ),
    nextCursor: page.nextCursor,
  };
}

export async function myQuiz(ctx: AppContext, member: Member, id: string) {
  const row = await quizForMember(ctx, member, id);
  return presentForMember(row, ctx.clock.now(), await repo.attemptsOfMember(ctx.db, member.membership.memberId, [id]));
}

// ——— attempts ———

/** A uniformly random choice of `n` of `ids` (Fisher–Yates with the system's cryptographic generator). */
function drawQuestions(ids: readonly string[], n: number): string[] {
  const pool = [...ids];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

/**
 * Starts an attempt: within the quiz's window (409 ACTIVITY_NOT_OPEN, also when the bank is empty), at most
 * `attemptsPerDay` a Shanghai day (409 ATTEMPTS_EXHAUSTED). One attempt is open at a time: while one is, starting
 * answers that one (`resumed`) — a second attempt open beside it could be submitted blank to read the answers. The
 * attempt takes the day's next sequence number; a racing start that took it first makes this one try the next, until
 * the day's allowance is used up.
 */
export async function startAttempt(
  ctx: AppContext,
  member: Member,
  quizId: string,
  idempotencyKey?: string,
): Promise<{ resumed: boolean; attempt: AttemptView }> {
  const quiz = await quizForMember(ctx, member, quizId);
  const now = ctx.clock.now();
  if (phaseOf(quiz, now) !== 'open') throw new AppError('ACTIVITY_NOT_OPEN');
  const bank = await repo.activeQuestionIds(ctx.db, quizId);
  if (bank.length === 0) throw new AppError('ACTIVITY_NOT_OPEN', { reason: 'no_questions' });
  const day = shanghaiDate(now);
  const memberId = member.membership.memberId;
  const questionIds = drawQuestions(bank, quiz.questionsPerAttempt);
  const deadline = new Date(now.getTime() + quiz.timeLimitSeconds * 1000);
  const answer = await runIdempotent(
    ctx.db,
    {
      principal: `worker:${member.accountId}`,
      scope: 'quiz.attempt_start',
      key: idempotencyKey,
      payload: { quizId },
    },
    async (tx) => {
      const next = await insertNextAttempt(
        tx,
        { quizId, memberId, day, questionIds, startedAt: now, deadline, status: 'open' },
        quiz.attemptsPerDay,
      );
      if (next.resumed) return { statusCode: 200, body: next };
      await auditIn(ctx, tx, member, {
        action: 'quiz.attempt_start',
        objectType: 'quiz_attempt',
        objectId: next.attemptId,
        orgId: member.membership.orgId,
        details: { quizId, questions: questionIds.length },
      });
      return { statusCode: 201, body: next };
    },
  );
  return { resumed: answer.body.resumed, attempt: await attemptView(ctx, answer.body.attemptId) };
}

/**
 * The day's next attempt, or the member's open one (`resumed`), or 409 ATTEMPTS_EXHAUSTED when the day's `limit` is
 * used up (racing starts included). Attempts left open past their deadline and grace are marked expired first.
 */
async function insertNextAttempt(
  tx: Db,
  values: Omit<typeof quizAttempts.$inferInsert, 'seq'> & { day: string; startedAt: Date },
  limit: number,
): Promise<{ attemptId: string; resumed: boolean }> {
  const { quizId, memberId } = values;
  await repo.expireStaleAttempts(tx, quizId, memberId, new Date(values.startedAt.getTime() - submissionGraceMs));
  for (let seq = (await repo.attemptsToday(tx, quizId, memberId, values.day)) + 1; seq <= limit; seq++) {
    const open = await repo.openAttemptId(tx, quizId, memberId);
    if (open) return { attemptId: open, resumed: true };
    const inserted = await repo.insertAttempt(tx, { ...values, seq });
    if (inserted) return { attemptId: inserted, resumed: false };
  }
  const open = await repo.openAttemptId(tx, quizId, memberId);
  if (open) return { attemptId: open, resumed: true };
  throw new AppError('ATTEMPTS_EXHAUSTED', { attemptsPerDay: limit });
}

async function attemptOfMember(ctx: AppContext, member: Member, id: string) {
  const row = await repo.findAttempt(ctx.db, id);
  if (!row || row.attempt.memberId !== member.membership.memberId) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * The attempt as its member sees it: while open, the questions without their answers; once submitted (or expired),
 * with what they chose, and the right options and the explanations — unless the quiz is running and the member may
 * start another attempt today: a review read then would answer the next attempt's questions (the bank is shared).
 */
async function attemptView(ctx: AppContext, id: string): Promise<AttemptView> {
  const row = (await repo.findAttempt(ctx.db, id))!;
  const a = row.attempt;
  const now = ctx.clock.now();
  const status = expiredNow(a, now) ? 'expired' : a.status;
  const reviewWithheld =
    status !== 'open' &&
    now < row.endsAt &&
    (await repo.attemptsToday(ctx.db, a.quizId, a.memberId, shanghaiDate(now))) < row.attemptsPerDay;
  const byId = new Map((await repo.questionsByIds(ctx.db, a.questionIds)).map((q) => [q.id, q]));
  const chosen = new Map((a.answers ?? []).map((x) => [x.questionId, x.choices]));
  const questions = a.questionIds.map((qid) => {
    const q = byId.get(qid)!;
    const served = { id: q.id, kind: q.kind, text: q.text, options: q.options };
    if (status === 'open') return served;
    const choices = chosen.get(qid) ?? [];
    if (reviewWithheld) return { ...served, choices };
    return { ...served, choices, correct: q.correct, right: isRight(choices, q.correct), explanation: q.explanation };
  });
  return {
    id: a.id,
    quiz: { id: a.quizId, title: row.quizTitle, passScore: row.passScore },
    status,
    startedAt: a.startedAt.toISOString(),
    deadline: a.deadline.toISOString(),
    serverTime: now.toISOString(),
    questions,
    reviewWithheld,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    correctCount: status === 'expired' ? (a.correctCount ?? 0) : a.correctCount,
    score: status === 'expired' ? (a.score ?? 0) : a.score,
    passed: status === 'expired' ? (a.passed ?? false) : a.passed,
    durationSeconds: a.durationMs === null ? null : a.durationMs / 1000,
  };
}

export async function getAttempt(ctx: AppContext, member: Member, id: string) {
  await attemptOfMember(ctx, member, id);
  return attemptView(ctx, id);
}

/** All-or-nothing: right only when exactly the right options are chosen (none chosen: wrong). */
export function isRight(choices: readonly string[], correct: readonly string[]): boolean {
  const chosen = new Set(choices);
  return chosen.size === correct.length && correct.every((k) => chosen.has(k));
}

/** Per cent of the served questions answered right, rounded to the nearest whole. */
export function scoreOf(rightCount: number, served: number): number {
  return served === 0 ? 0 : Math.round((100 * rightCount) / served);
}

/**
 * Scores the attempt, once. The answers may name only the attempt's questions, each once, with the letters of its
 * options (else 400, nothing recorded). After the deadline and its grace the attempt is marked expired with 0 (that
 * is kept) and the submission refused (409 ATTEMPT_EXPIRED).
 */
export async function submitAttempt(ctx: AppContext, member: Member, id: string, input: SubmissionBody) {
  const row = await attemptOfMember(ctx, member, id);
  const questions = new Map((await repo.questionsByIds(ctx.db, row.attempt.questionIds)).map((q) => [q.id, q]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.answers.forEach((answer, i) => {
    const q = questions.get(answer.questionId);
    if (!q) issues.push({ path: `answers.${i}.questionId`, code: 'not_served', message: '' });
    else if (seen.has(answer.questionId))
      issues.push({ path: `answers.${i}.questionId`, code: 'duplicate_answer', message: '' });
    else if (
      answer.choices.some((c) => !q.options.some((o) => o.key === c)) ||
      (q.kind !== 'multiple' && answer.choices.length > 1)
    )
      issues.push({ path: `answers.${i}.choices`, code: 'invalid_value', message: '' });
    seen.add(answer.questionId);
  });
  if (issues.length > 0) throw validationFailed(issues);

  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx: Db) => {
    const locked = (await repo.lockAttempt(tx, id))!;
    if (locked.status === 'submitted') return 'already' as const;
    if (locked.status === 'expired') return 'expired' as const;
    if (now.getTime() > locked.deadline.getTime() + submissionGraceMs) {
      await repo.finishAttempt(tx, id, {
        status: 'expired',
        answers: null,
        submittedAt: now,
        correctCount: 0,
        score: 0,
        passed: false,
        durationMs: null,
      });
      await auditIn(ctx, tx, member, {
        action: 'quiz.attempt_expire',
        objectType: 'quiz_attempt',
        objectId: id,
        orgId: member.membership.orgId,
        details: { quizId: locked.quizId, lateMs: now.getTime() - locked.deadline.getTime() },
      });
      return 'expired' as const;
    }
    const answers: QuizAnswer[] = locked.questionIds.map((qid) => ({
      questionId: qid,
      choices: [...new Set(input.answers.find((x) => x.questionId === qid)?.choices ?? [])].sort(),
    }));
    const rightCount = answers.filter((x) => isRight(x.choices, questions.get(x.questionId)!.correct)).length;
    const score = scoreOf(rightCount, locked.questionIds.length);
    const passed = score >= row.passScore;
    await repo.finishAttempt(tx, id, {
      status: 'submitted',
      answers,
      submittedAt: now,
      correctCount: rightCount,
      score,
      passed,
      durationMs: now.getTime() - locked.startedAt.getTime(),
    });
    await auditIn(ctx, tx, member, {
      action: 'quiz.attempt_submit',
      objectType: 'quiz_attempt',
      objectId: id,
      orgId: member.membership.orgId,
      details: { quizId: locked.quizId, score, passed },
    });
    return 'scored' as const;
  });
  if (outcome === 'already') throw new AppError('ALREADY_SUBMITTED');
  if (outcome === 'expired') throw new AppError('ATTEMPT_EXPIRED');
  return attemptView(ctx, id);
}

// ——— leaderboard ———

/**
 * Each participant's best submitted attempt, ranked by score, then the shortest time, then who got there first.
 * Staff who read the quiz's union see names in full; members of its subtree see them masked (张*明) and their own line.
 */
export async function quizLeaderboard(ctx: AppContext, principal: Principal, quizId: string, limit: number) {
  let memberId: string | null = null;
  let masked = true;
  if (principal.kind === 'staff') {
    await quizInScope(ctx, principal, quizId, authorizeReadActivities);
    masked = false;
  } else {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    await quizForMember(ctx, principal as Member, quizId);
    memberId = principal.membership.memberId;
  }
  const rows = await repo.leaderboard(ctx.db, quizId);
  const lines = rows.map((r, i) => ({
    rank: i + 1,
    name: masked ? maskName(r.name) : r.name,
    org: r.org,
    score: r.score ?? 0,
    durationSeconds: (r.durationMs ?? 0) / 1000,
    me: r.memberId === memberId,
  }));
  return {
    quizId,
    items: lines.slice(0, limit),
    mine: lines.find((l) => l.me) ?? null,
    participants: lines.length,
  };
}

// ——— the prize draw ———

/**
 * Draws the winners among the members who passed, once the quiz has ended (before: 409 INVALID_TRANSITION), once
 * (again: 409 CONFLICT). What is needed to check it is published (quizzes.draw.ts).
 */
export async function drawPrizes(ctx: AppContext, principal: StaffPrincipal, quizId: string, input: DrawBody) {
  const quiz = await quizInScope(ctx, principal, quizId);
  const now = ctx.clock.now();
  if (phaseOf(quiz, now) !== 'ended') throw new AppError('INVALID_TRANSITION', { reason: 'quiz_not_ended' });
  const externalSeed = input.seed ?? null;
  const seed = drawSeedOf(quiz.drawSeed, externalSeed);
  await audited(
    ctx,
    principal,
    async (tx) => {
      await repo.lockQuiz(tx, quizId);
      if (await repo.findDraw(tx, quizId)) throw new AppError('CONFLICT', { reason: 'already_drawn' });
      const passed = await repo.passedMembers(tx, quizId);
      const result = drawWinners(
        quizId,
        passed.map((p) => ({ memberId: p.memberId, name: maskName(p.name) })),
        seed,
        input.prizes,
      );
      const inserted = await repo.insertDraw(tx, {
        quizId,
        algorithm: drawAlgorithm,
        seed,
        seedSource: externalSeed === null ? 'server' : 'officer',
        externalSeed,
        listHash: result.listHash,
        candidates: result.candidates.map((c) => ({ ticket: c.ticket, memberId: c.memberId, name: c.name })),
        prizes: input.prizes,
        winners: result.winners,
        drawnBy: principal.staffId,
        drawnAt: now,
      });
      if (!inserted) throw new AppError('CONFLICT', { reason: 'already_drawn' });
      return result;
    },
    (result) => ({
      action: 'quiz.draw',
      objectType: 'quiz',
      objectId: quizId,
      orgId: quiz.orgId,
      details: {
        prizes: input.prizes,
        candidates: result.candidates.length,
        listHash: result.listHash,
        seed,
        seedCommitment: seedCommitmentOf(quiz.drawSeed),
      },
    }),
  );
  return publicDraw(ctx, quizId);
}

/** The draw as published, no sign-in: seed, list hash, the candidates (tickets, masked names), the winners. */
export async function publicDraw(ctx: AppContext, quizId: string): Promise<DrawView> {
  const quiz = await repo.findQuiz(ctx.db, quizId);
  const draw = quiz ? await repo.findDraw(ctx.db, quizId) : null;
  if (!quiz || !draw) throw new AppError('NOT_FOUND');
  const names = new Map(draw.candidates.map((c) => [c.ticket, c.name]));
  return {
    quiz: { id: quiz.id, title: quiz.title, org: quiz.orgName },
    algorithm: draw.algorithm,
    algorithmDescription: draw.algorithm === drawAlgorithm ? drawAlgorithmDescription : drawAlgorithmV1Description,
    seed: draw.seed,
    seedSource: draw.seedSource,
    ...(draw.algorithm === drawAlgorithm
      ? {
          committedSeed: quiz.drawSeed,
          seedCommitment: seedCommitmentOf(quiz.drawSeed),
          externalSeed: draw.externalSeed,
        }
      : { committedSeed: null, seedCommitment: null, externalSeed: null }),
    listHash: draw.listHash,
    candidates: draw.candidates.map((c) => ({ ticket: c.ticket, name: c.name })),
    prizes: draw.prizes,
    winners: draw.winners.map((ticket, i) => ({ place: i + 1, ticket, name: names.get(ticket) ?? '' })),
    drawnAt: draw.drawnAt.toISOString(),
  };
}
