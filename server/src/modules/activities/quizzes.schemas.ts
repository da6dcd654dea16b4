import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { questionKinds } from './quizzes.tables.js';

/** The contract of quizzes 知识竞赛 (API.md "Activities": POST /api/v1/quizzes, attempts, submission). */

export const idParams = z.object({ id: z.uuid() }).strict();
export const questionParams = z.object({ id: z.uuid(), questionId: z.uuid() }).strict();
const ref = z.object({ id: z.uuid(), name: z.string() });
const instant = z.iso.datetime({ offset: true });

const quizFields = {
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).nullable().optional(),
  prizes: z.string().trim().max(500).nullable().optional().describe('what the prize draw gives, as members read it'),
  startsAt: instant,
  endsAt: instant,
  questionsPerAttempt: z.number().int().min(1).max(100).describe('drawn at random from the bank for each attempt'),
  timeLimitSeconds: z.number().int().min(30).max(7200).describe('the server refuses submissions after it (+10 s)'),
  attemptsPerDay: z.number().int().min(1).max(20).describe('attempts a member may start per Shanghai day'),
  passScore: z.number().int().min(0).max(100).describe('per cent of the served questions answered right to pass'),
};

const windowRule = (b: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  b.startsAt === undefined || b.endsAt === undefined || Date.parse(b.startsAt) < Date.parse(b.endsAt);
const windowIssue = { message: 'endsAt must be after startsAt', path: ['endsAt'] };

export const createQuizBody = z
  .object({ orgId: z.uuid().describe('the union running it: members of its subtree take part'), ...quizFields })
  .strict()
  .refine(windowRule, windowIssue);
export type CreateQuizBody = z.infer<typeof createQuizBody>;

export const updateQuizBody = z
  .object({
    title: quizFields.title.optional(),
    description: quizFields.description,
    prizes: quizFields.prizes,
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    questionsPerAttempt: quizFields.questionsPerAttempt.optional(),
    timeLimitSeconds: quizFields.timeLimitSeconds.optional(),
    attemptsPerDay: quizFields.attemptsPerDay.optional(),
    passScore: quizFields.passScore.optional(),
  })
  .strict()
  .refine(windowRule, windowIssue);
export type UpdateQuizBody = z.infer<typeof updateQuizBody>;

export const quizPhases = ['upcoming', 'open', 'ended'] as const;

export const quizView = z.object({
  id: z.uuid(),
  org: ref,
  title: z.string(),
  description: z.string().nullable(),
  prizes: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  phase: z.enum(quizPhases).describe('by the server’s time: before, within or after the window'),
  questionsPerAttempt: z.number().int(),
  timeLimitSeconds: z.number().int(),
  attemptsPerDay: z.number().int(),
  passScore: z.number().int(),
  questions: z.number().int().describe('questions in the bank (removed ones not counted)'),
  attempts: z.number().int().describe('attempts started'),
  participants: z.number().int().describe('members who started at least one attempt'),
  passed: z.number().int().describe('members with a passing attempt'),
  drawn: z.boolean().describe('whether the prize draw took place'),
  seedCommitment: z
    .string()
    .describe('SHA-256 (hex) of the prize draw’s seed, fixed when the quiz was made and revealed at the draw'),
  createdAt: z.string(),
});
export type QuizView = z.infer<typeof quizView>;
export const quizPage = pageOf(quizView);

export const listQuizzesQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("a union of the caller's subtree (default the caller's own): its subtree"),
    phase: z.enum(quizPhases).optional(),
  })
  .strict();
export type ListQuizzesQuery = z.infer<typeof listQuizzesQuery>;

// ——— the question bank ———

const optionText = z.string().trim().min(1).max(200);

export const questionBody = z
  .object({
    kind: z.enum(questionKinds).describe('single 单选, multiple 多选, true_false 判断'),
    text: z.string().trim().min(1).max(1000),
    options: z
      .array(optionText)
      .min(2)
      .max(6)
      .optional()
      .describe('the options’ texts, lettered A–F in this order; none for true_false (A 正确, B 错误)'),
    correct: z
      .array(z.string().regex(/^[A-F]$/))
      .min(1)
      .max(6)
      .describe('the letters of the right options: one for single and true_false, one or more for multiple'),
    explanation: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export type QuestionBody = z.infer<typeof questionBody>;

const optionView = z.object({ key: z.string(), text: z.string() });

export const questionView = z.object({
  id: z.uuid(),
  kind: z.enum(questionKinds),
  text: z.string(),
  options: z.array(optionView),
  correct: z.array(z.string()),
  explanation: z.string().nullable(),
  createdAt: z.string(),
});
export type QuestionView = z.infer<typeof questionView>;
export const questionPage = pageOf(questionView);

export const listQuestionsQuery = pageQuery.strict();

// ——— attempts ———

/** A served question as the member sees it before submitting: no `correct`, no explanation. */
export const servedQuestion = z.object({
  id: z.uuid(),
  kind: z.enum(questionKinds),
  text: z.string(),
  options: z.array(optionView),
});

/** After submission, while the review is withheld: what the member chose. */
export const answeredQuestion = servedQuestion.extend({
  choices: z.array(z.string()),
});

/** After submission: what the member chose, the right options and why. */
export const reviewedQuestion = answeredQuestion.extend({
  correct: z.array(z.string()),
  right: z.boolean(),
  explanation: z.string().nullable(),
});

export const attemptStatuses = ['open', 'submitted', 'expired'] as const;

export const attemptView = z.object({
  id: z.uuid(),
  quiz: z.object({ id: z.uuid(), title: z.string(), passScore: z.number().int() }),
  status: z
    .enum(attemptStatuses)
    .describe('open until submitted; expired: not submitted within the time limit (scores 0)'),
  startedAt: z.string(),
  deadline: z.string().describe('start + the time limit, by the server’s clock'),
  serverTime: z.string().describe('the server’s time when answering: the countdown runs from it'),
  questions: z
    .array(z.union([reviewedQuestion, answeredQuestion, servedQuestion]))
    .describe('in serving order; the right answers only once submitted and the review not withheld'),
  reviewWithheld: z
    .boolean()
    .describe(
      'true while the right answers of a finished attempt are withheld: the quiz is running and the member may start another attempt today (they come once the day’s attempts are used or the quiz has ended)',
    ),
  submittedAt: z.string().nullable(),
  correctCount: z.number().int().nullable(),
  score: z.number().int().nullable().describe('per cent of the questions answered right'),
  passed: z.boolean().nullable(),
  durationSeconds: z.number().nullable(),
});
export type AttemptView = z.infer<typeof attemptView>;

export const submissionBody = z
  .object({
    answers: z
      .array(
        z
          .object({
            questionId: z.uuid(),
            choices: z
              .array(z.string().regex(/^[A-F]$/))
              .max(6)
              .describe('the letters chosen; none: unanswered'),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();
export type SubmissionBody = z.infer<typeof submissionBody>;

// ——— the member's quizzes ———

export const memberQuizView = quizView
  .pick({
    id: true,
    org: true,
    title: true,
    description: true,
    prizes: true,
    startsAt: true,
    endsAt: true,
    phase: true,
    questionsPerAttempt: true,
    timeLimitSeconds: true,
    attemptsPerDay: true,
    passScore: true,
    drawn: true,
    seedCommitment: true,
  })
  .extend({
    attemptsLeftToday: z.number().int(),
    openAttemptId: z.uuid().nullable().describe('an attempt still running (its deadline not passed)'),
    bestScore: z.number().int().nullable(),
    passed: z.boolean().describe('whether one of my attempts passed'),
    attempts: z
      .array(
        z.object({
          id: z.uuid(),
          status: z.enum(attemptStatuses),
          startedAt: z.string(),
          score: z.number().int().nullable(),
          passed: z.boolean().nullable(),
        }),
      )
      .describe('my attempts, newest first (at most 20)'),
  });
export const memberQuizPage = pageOf(memberQuizView);
export const myQuizzesQuery = pageQuery
  .extend({ phase: z.enum(quizPhases).optional().describe('default: upcoming and open') })
  .strict();
export type MyQuizzesQuery = z.infer<typeof myQuizzesQuery>;

// ——— leaderboard and draw ———

export const leaderboardQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict();

export const leaderboardEntry = z.object({
  rank: z.number().int(),
  name: z.string().describe('masked (张*明) for members; in full for staff'),
  org: z.string(),
  score: z.number().int(),
  durationSeconds: z.number(),
  me: z.boolean(),
});
export const leaderboardView = z.object({
  quizId: z.uuid(),
  items: z.array(leaderboardEntry),
  mine: leaderboardEntry.nullable().describe('the caller’s own line (members), wherever it ranks'),
  participants: z.number().int(),
});

export const drawBody = z
  .object({
    prizes: z.number().int().min(1).max(1000).describe('how many winners'),
    seed: z
      .string()
      .trim()
      .min(8)
      .max(200)
      .optional()
      .describe(
        'public randomness announced after the quiz ended (a lottery’s numbers), mixed with the quiz’s committed seed; default: the committed seed alone',
      ),
  })
  .strict();
export type DrawBody = z.infer<typeof drawBody>;

export const drawView = z.object({
  quiz: z.object({ id: z.uuid(), title: z.string(), org: z.string() }),
  algorithm: z.string(),
  algorithmDescription: z.string(),
  seed: z.string().describe('the HMAC key: committedSeed, or committedSeed + ":" + externalSeed'),
  seedSource: z.enum(['officer', 'server']).describe('officer: public randomness given at the draw mixed in'),
  committedSeed: z.string().nullable().describe('revealed at the draw; null for draws made before commitments'),
  seedCommitment: z.string().nullable().describe('SHA-256 (hex) of committedSeed, as shown on the quiz beforehand'),
  externalSeed: z.string().nullable(),
  listHash: z.string().describe('SHA-256 (hex) of the tickets in the order below, joined by "\\n"'),
  candidates: z
    .array(z.object({ ticket: z.string(), name: z.string() }))
    .describe('members who passed, ordered by ticket; names masked'),
  prizes: z.number().int(),
  winners: z.array(z.object({ place: z.number().int(), ticket: z.string(), name: z.string() })),
  drawnAt: z.string(),
});
export type DrawView = z.infer<typeof drawView>;
