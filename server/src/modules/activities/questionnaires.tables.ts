import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/** single: one option; multiple: one or more; text: free text; rating: 1 to 5 stars. */
export const questionKinds = ['single', 'multiple', 'text', 'rating'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/**
 * 问卷: a union's questionnaire to the members of its subtree, open within a window; each member answers once. With
 * `anonymous` the results never name who wrote a text answer (only their union).
 */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('questionnaires_org_idx').on(t.orgId, t.createdAt),
    check('questionnaires_window_ck', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

export const questionnaireQuestions = pgTable(
  'questionnaire_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    position: integer('position').notNull(),
    kind: text('kind').$type<QuestionKind>().notNull(),
    text: text('text').notNull(),
    /** The choices of a single or multiple question, in order (answers name them by index); [] for the others. */
    options: jsonb('options').$type<string[]>().notNull(),
    required: boolean('required').notNull(),
  },
  (t) => [uniqueIndex('questionnaire_questions_position_uq').on(t.questionnaireId, t.position)],
);

/** One member's response: UNIQUE (questionnaire, member) → 409 ALREADY_SUBMITTED, whatever the concurrency. */
export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** The member's union when answering: the results per child union count the response there. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('questionnaire_responses_member_uq').on(t.questionnaireId, t.memberId),
    index('questionnaire_responses_org_idx').on(t.questionnaireId, t.orgId),
  ],
);

/** One answer: the chosen options' indexes (single, multiple), the stars (rating) or the text. */
export const questionnaireAnswers = pgTable(
  'questionnaire_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => questionnaireResponses.id),
    questionId: uuid('question_id')
      .notNull()
      .references(() => questionnaireQuestions.id),
    choices: integer('choices').array(),
    rating: smallint('rating'),
    text: text('text'),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionId] }),
    index('questionnaire_answers_question_idx').on(t.questionId),
    check('questionnaire_answers_rating_ck', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);
