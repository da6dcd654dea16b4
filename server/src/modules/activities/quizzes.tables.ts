import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/** The kinds of question of a quiz's bank: 单选, 多选, 判断. */
export const questionKinds = ['single', 'multiple', 'true_false'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** An answer option: its letter (A–F) and its text. */
export interface QuizOption {
  key: string;
  text: string;
}

/**
 * 知识竞赛: a union's online quiz for the members of its subtree, open between `starts_at` and `ends_at`. Each attempt
 * serves `questions_per_attempt` questions drawn at random from the quiz's own bank, to be answered within
 * `time_limit_seconds`; a member may start `attempts_per_day` attempts a Shanghai day. An attempt passes with a score
 * (per cent of the questions answered right) of at least `pass_score`.
 */
export const quizzes = pgTable(
  'quizzes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description'),
    /** What the prize draw among those who passed gives (一等奖 10 名…): text shown to members. */
    prizes: text('prizes'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    questionsPerAttempt: smallint('questions_per_attempt').notNull(),
    timeLimitSeconds: integer('time_limit_seconds').notNull(),
    attemptsPerDay: smallint('attempts_per_day').notNull(),
    /** Per cent, 0–100. */
    passScore: smallint('pass_score').notNull(),
    /**
     * The prize draw's seed, drawn when the quiz is made and kept secret until the draw; its SHA-256 is shown from the
     * start (commit-reveal), so the seed cannot be chosen once the list of those who passed is known.
     */
    drawSeed: text('draw_seed')
      .notNull()
      .default(sql`encode(gen_random_bytes(32), 'hex')`),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('quizzes_org_idx').on(t.orgId, t.createdAt),
    index('quizzes_window_idx').on(t.endsAt, t.startsAt),
    check('quizzes_window_ck', sql`${t.startsAt} < ${t.endsAt}`),
    check('quizzes_pass_ck', sql`${t.passScore} between 0 and 100`),
  ],
);

/**
 * A question of a quiz's bank (题库). `correct` holds the keys of the right options (one for single choice and
 * true/false, one or more for multiple choice). A removed question (`removed_at`) is never served again; attempts that
 * served it keep it for their review.
 */
export const quizQuestions = pgTable(
  'quiz_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order the bank was built in (a file's rows in their order): the bank lists by it. */
    position: bigint('position', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => quizzes.id),
    kind: text('kind').$type<QuestionKind>().notNull(),
    text: text('text').notNull(),
    options: jsonb('options').$type<QuizOption[]>().notNull(),
    correct: text('correct').array().notNull(),
    /** Why the answer is right (解析), shown after submission. */
    explanation: text('explanation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [index('quiz_questions_quiz_idx').on(t.quizId, t.position)],
);

/** What a member chose for one served question. */
export interface QuizAnswer {
  questionId: string;
  choices: string[];
}

/**
 * One member's attempt: the questions served (in order), its deadline (start + the time limit), and once submitted
 * the answers and the score the server computed. `seq` numbers the member's attempts of a Shanghai `day`: the unique
 * index makes two simultaneous starts at the last allowed attempt end with one attempt. `status`: open → submitted, or
 * expired (submitted after the deadline and its grace, or left open past it when the member starts the next: scores
 * 0).
 */
export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => quizzes.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    day: date('day', { mode: 'string' }).notNull(),
    seq: smallint('seq').notNull(),
    questionIds: uuid('question_ids').array().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    status: text('status').$type<'open' | 'submitted' | 'expired'>().notNull(),
    answers: jsonb('answers').$type<QuizAnswer[]>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    correctCount: smallint('correct_count'),
    score: smallint('score'),
    passed: boolean('passed'),
    /** Milliseconds from start to submission: the leaderboard's tie-break. */
    durationMs: integer('duration_ms'),
  },
  (t) => [
    uniqueIndex('quiz_attempts_day_seq_uq').on(t.quizId, t.memberId, t.day, t.seq),
    // One open attempt per member and quiz: a second one, open beside it, could be submitted blank to read the answers.
    uniqueIndex('quiz_attempts_one_open_uq')
      .on(t.quizId, t.memberId)
      .where(sql`${t.status} = 'open'`),
    index('quiz_attempts_board_idx').on(t.quizId, t.status, t.score),
    index('quiz_attempts_member_idx').on(t.memberId, t.startedAt),
  ],
);

/**
 * The prize draw of a quiz (抽奖), once: the candidates (members who passed) as published, the seed, and the winners,
 * so that anyone can re-derive the winners (quizzes.draw.ts).
 */
export const quizDraws = pgTable('quiz_draws', {
  quizId: uuid('quiz_id')
    .primaryKey()
    .references(() => quizzes.id),
  algorithm: text('algorithm').notNull(),
  /** The HMAC key the tickets were ranked by: the committed seed, or it and the external seed joined by ":". */
  seed: text('seed').notNull(),
  /**
   * `server`: the quiz's committed seed alone; `officer`: with public randomness the officer gave at the draw (a
   * lottery's numbers announced after the quiz ended). Draws of hmac-sha256-rank-v1 used the officer's or a fresh seed.
   */
  seedSource: text('seed_source').$type<'officer' | 'server'>().notNull(),
  /** The officer's public randomness (v2, `officer`), else null. */
  externalSeed: text('external_seed'),
  /** SHA-256 (hex) of the candidates' tickets in canonical order, one a line. */
  listHash: text('list_hash').notNull(),
  /** The candidates in canonical order: ticket (opaque, stable), member and masked name. */
  candidates: jsonb('candidates').$type<{ ticket: string; memberId: string; name: string }[]>().notNull(),
  prizes: smallint('prizes').notNull(),
  /** The winning tickets, first prize first. */
  winners: text('winners').array().notNull(),
  drawnBy: uuid('drawn_by')
    .notNull()
    .references(() => staff.id),
  drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull(),
});
