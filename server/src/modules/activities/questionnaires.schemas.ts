import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { questionKinds } from './questionnaires.tables.js';

/** The contract of questionnaires 问卷 (API.md "Activities"): a union's questions to its members, results per union. */

export const idParams = z.object({ id: z.uuid() }).strict();
const ref = z.object({ id: z.uuid(), name: z.string() });
const at = z.iso.datetime({ offset: true });

const question = z
  .object({
    kind: z.enum(questionKinds).describe('single, multiple (choices), text (free text), rating (1 to 5 stars)'),
    text: z.string().trim().min(1).max(300),
    options: z
      .array(z.string().trim().min(1).max(100))
      .min(2)
      .max(20)
      .optional()
      .describe('the choices of a single or multiple question (2 to 20, distinct); none for text and rating'),
    required: z.boolean().optional().describe('default true; a question not required may be left out'),
  })
  .strict()
  .refine((q) => (q.kind === 'single' || q.kind === 'multiple') === (q.options !== undefined), {
    message: 'invalid',
    path: ['options'],
  })
  .refine((q) => q.options === undefined || new Set(q.options).size === q.options.length, {
    message: 'invalid',
    path: ['options'],
  });

export const createQuestionnaireBody = z
  .object({
    orgId: z.uuid().describe('the union sending it: members of its subtree answer'),
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000).optional(),
    questions: z.array(question).min(1).max(50),
    opensAt: at,
    closesAt: at,
    anonymous: z.boolean().optional().describe('results never name who wrote a text answer; default false'),
  })
  .strict()
  .refine((b) => Date.parse(b.closesAt) > Date.parse(b.opensAt), { message: 'too_small', path: ['closesAt'] });
export type CreateQuestionnaireBody = z.infer<typeof createQuestionnaireBody>;

export const updateQuestionnaireBody = z
  .object({
    title: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    questions: z
      .array(question)
      .min(1)
      .max(50)
      .optional()
      .describe('all the questions anew: only while nobody has answered (else 409 CONFLICT reason has_responses)'),
    opensAt: at.optional().describe('only before it opens (409 CONFLICT reason started), not in the past'),
    closesAt: at
      .optional()
      .describe('after now and after opensAt; not once closed (409 ACTIVITY_NOT_OPEN reason closed)'),
    anonymous: z.boolean().optional().describe('only while nobody has answered (409 CONFLICT reason has_responses)'),
  })
  .strict();
export type UpdateQuestionnaireBody = z.infer<typeof updateQuestionnaireBody>;

export const questionView = z.object({
  id: z.uuid(),
  position: z.number().int(),
  kind: z.enum(questionKinds),
  text: z.string(),
  options: z.array(z.string()),
  required: z.boolean(),
});

export const questionnaireView = z.object({
  id: z.uuid(),
  org: ref,
  title: z.string(),
  description: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  anonymous: z.boolean(),
  open: z.boolean().describe('now within [opensAt, closesAt)'),
  questions: z.array(questionView),
  responses: z.number().int().nullable().describe('staff: responses so far; null for members'),
  answeredByMe: z.boolean().nullable().describe('members: whether they answered; null for staff'),
  createdAt: z.string(),
});
export type QuestionnaireView = z.infer<typeof questionnaireView>;
export const questionnairePage = pageOf(questionnaireView);

export const listQuestionnairesQuery = pageQuery
  .extend({
    orgId: z
      .uuid()
      .optional()
      .describe("staff: a union of the caller's subtree (default their own); members: ignored (their union chain)"),
  })
  .strict();
export type ListQuestionnairesQuery = z.infer<typeof listQuestionnairesQuery>;

export const submitResponseBody = z
  .object({
    answers: z
      .array(
        z
          .object({
            questionId: z.uuid(),
            choices: z
              .array(z.number().int().min(0).max(19))
              .min(1)
              .max(20)
              .optional()
              .describe('single: one index; multiple: one or more distinct indexes of the options'),
            rating: z.number().int().min(1).max(5).optional(),
            text: z.string().trim().min(1).max(2000).optional(),
          })
          .strict(),
      )
      .max(50),
  })
  .strict();
export type SubmitResponseBody = z.infer<typeof submitResponseBody>;

export const responseReply = z.object({
  id: z.uuid(),
  questionnaireId: z.uuid(),
  org: ref.describe('the member’s union, where the results count the response'),
  createdAt: z.string(),
});

export const resultsQuery = z
  .object({
    orgId: z.uuid().optional().describe("a union within the questionnaire's (and the caller's) subtree: its results"),
  })
  .strict();

const rate = z.number().nullable().describe('0 to 1; null when there is nobody to count');

/** Anonymous questionnaires: a union's figures with fewer respondents than this are withheld (k-anonymity). */
export const minimumRespondents = 5;

const withheld =
  'anonymous questionnaires: null when withheld (fewer than 5 answered there, or withheld with such a union so it cannot be worked out by subtraction)';

export const resultsView = z.object({
  questionnaire: z.object({ id: z.uuid(), title: z.string(), open: z.boolean(), anonymous: z.boolean() }),
  org: ref,
  suppressed: z
    .boolean()
    .describe(
      'anonymous questionnaires only: true when this union (orgId) is withheld in its parent union’s breakdown (fewer than 5 respondents, or withheld alongside one): then responses, the rate and every question’s figures are null and no text answers are listed',
    ),
  members: z.number().int().describe('members of the subtree now'),
  responses: z.number().int().nullable().describe(`responses; ${withheld}`),
  responseRate: rate.describe('responses ÷ members of the subtree'),
  questions: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      kind: z.enum(questionKinds),
      text: z.string(),
      answered: z.number().int().nullable().describe(`responses that answered this question; ${withheld}`),
      options: z
        .array(z.object({ text: z.string(), count: z.number().int().nullable(), percentage: rate }))
        .describe('single and multiple: each choice, its count and count ÷ answered (multiple: may sum above 1)'),
      rating: z
        .object({ average: z.number().nullable(), counts: z.array(z.number().int()).describe('1 star to 5') })
        .nullable(),
      texts: z
        .array(
          z.object({
            text: z.string(),
            org: ref.nullable().describe('the respondent’s union; null when anonymous'),
            name: z.string().nullable().describe('the respondent; null when anonymous'),
            at: z.string().nullable().describe('when it was answered; null when anonymous'),
          }),
        )
        .describe(
          'text answers (at most 500 a question): newest first; anonymous questionnaires: sorted by text, with neither union, name nor time, so no answer can be linked to who wrote it',
        ),
    }),
  ),
  children: z
    .array(
      z.object({
        org: ref,
        members: z.number().int(),
        responses: z
          .number()
          .int()
          .nullable()
          .describe(
            `anonymous questionnaires: null (shown as "<5") when 1 to 4 of that union answered, and for the next smallest union too when the withheld ones add up to fewer than 5 (else the total would give them away); such a union cannot be drilled into`,
          ),
        responseRate: rate.describe('responses ÷ members of that union’s subtree; null when withheld'),
        suppressed: z.boolean().describe('anonymous questionnaires: the responses are withheld (fewer than 5)'),
      }),
    )
    .describe('each union directly below, then (when it has members) the union’s own members filed to it directly'),
});
export type ResultsView = z.infer<typeof resultsView>;
