import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, containing, scalarNumber, within } from '../../kernel/db/operators.js';
import { rawStatement, runRaw } from '../../kernel/db/raw.js';
import {
  questionnaireAnswers,
  questionnaireQuestions,
  questionnaireResponses,
  questionnaires,
} from './questionnaires.tables.js';

// ——— questionnaires ———

export async function insertQuestionnaire(
  tx: Db,
  values: typeof questionnaires.$inferInsert,
  questions: readonly Omit<typeof questionnaireQuestions.$inferInsert, 'questionnaireId' | 'position'>[],
): Promise<string> {
  const [row] = await tx.insert(questionnaires).values(values).returning({ id: questionnaires.id });
  await tx
    .insert(questionnaireQuestions)
    .values(questions.map((q, i) => ({ ...q, questionnaireId: row!.id, position: i + 1 })));
  return row!.id;
}

/**
 * The questionnaire's window, its row locked: `update` for a change (an edit, closing it), `share` while a response is
 * stored (many responses at once, but none while its questions or window change). With the responses so far.
 */
export async function lockQuestionnaire(tx: Db, id: string, mode: 'update' | 'share') {
  const q = questionnaires;
  const [row] = await tx
    .select({ opensAt: q.opensAt, closesAt: q.closesAt, anonymous: q.anonymous })
    .from(q)
    .where(eq(q.id, id))
    .for(mode);
  return row!;
}

export async function countAllResponses(tx: Db, id: string): Promise<number> {
  return tx.$count(questionnaireResponses, eq(questionnaireResponses.questionnaireId, id));
}

export async function updateQuestionnaire(
  tx: Db,
  id: string,
  set: Partial<
    Pick<typeof questionnaires.$inferInsert, 'title' | 'description' | 'opensAt' | 'closesAt' | 'anonymous'>
  >,
): Promise<void> {
  if (Object.keys(set).length > 0) await tx.update(questionnaires).set(set).where(eq(questionnaires.id, id));
}

/** Replaces the questions of a questionnaire nobody has answered (no answer refers to them). */
export async function replaceQuestions(
  tx: Db,
  id: string,
  questions: readonly Omit<typeof questionnaireQuestions.$inferInsert, 'questionnaireId' | 'position'>[],
): Promise<void> {
  await tx.delete(questionnaireQuestions).where(eq(questionnaireQuestions.questionnaireId, id));
  await tx
    .insert(questionnaireQuestions)
    .values(questions.map((q, i) => ({ ...q, questionnaireId: id, position: i + 1 })));
}

function selectQuestionnaires(db: Db, memberId: string | null) {
  const q = questionnaires;
  const r = questionnaireResponses;
  return db
    .select({
      id: q.id,
      orgId: q.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: q.title,
      description: q.description,
      opensAt: q.opensAt,
      closesAt: q.closesAt,
      anonymous: q.anonymous,
      createdAt: q.createdAt,
      responses: scalarNumber<number>(db.$count(r, eq(r.questionnaireId, q.id))),
      answeredByMe: scalarNumber<number>(
        db.$count(
          r,
          and(eq(r.questionnaireId, q.id), eq(r.memberId, memberId ?? '00000000-0000-0000-0000-000000000000')),
        ),
      ),
    })
    .from(q)
    .innerJoin(orgs, eq(orgs.id, q.orgId));
}

export type QuestionnaireRow = NonNullable<Awaited<ReturnType<typeof findQuestionnaire>>>;

export async function findQuestionnaire(db: Db, id: string, memberId: string | null = null) {
  const [row] = await selectQuestionnaires(db, memberId).where(eq(questionnaires.id, id));
  return row ?? null;
}

/** Newest first: a subtree's questionnaires (staff), or those of a member's union and the unions above it. */
export async function listQuestionnaires(
  db: Db,
  f: { scope: string } | { memberId: string; memberOrgPath: string },
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  const q = questionnaires;
  return selectQuestionnaires(db, 'memberId' in f ? f.memberId : null)
    .where(
      and(
        'scope' in f ? within(orgs.path, f.scope) : containing(orgs.path, f.memberOrgPath),
        cursor ? before(q.createdAt, q.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(q.createdAt), desc(q.id))
    .limit(limit + 1);
}

/** The questions of many questionnaires, in order. */
export async function questionsOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const qq = questionnaireQuestions;
  return db
    .select({
      id: qq.id,
      questionnaireId: qq.questionnaireId,
      position: qq.position,
      kind: qq.kind,
      text: qq.text,
      options: qq.options,
      required: qq.required,
    })
    .from(qq)
    .where(anyOf(qq.questionnaireId, ids, 'uuid'))
    .orderBy(asc(qq.questionnaireId), asc(qq.position));
}

export type QuestionRow = Awaited<ReturnType<typeof questionsOf>>[number];

// ——— responses ———

/** The member's response with its answers, unless they have one (a concurrent one waits on the unique index): null. */
export async function insertResponse(
  tx: Db,
  values: typeof questionnaireResponses.$inferInsert,
  answers: readonly Omit<typeof questionnaireAnswers.$inferInsert, 'responseId'>[],
): Promise<string | null> {
  const [row] = await tx
    .insert(questionnaireResponses)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: questionnaireResponses.id });
  if (!row) return null;
  if (answers.length > 0)
    await tx.insert(questionnaireAnswers).values(answers.map((a) => ({ ...a, responseId: row.id })));
  return row.id;
}

// ——— results ———

/** Responses in the subtree `scope`. */
export async function countResponses(db: Db, id: string, scope: string): Promise<number> {
  const r = questionnaireResponses;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(r)
    .innerJoin(orgs, eq(orgs.id, r.orgId))
    .where(and(eq(r.questionnaireId, id), within(orgs.path, scope)));
  return row?.n ?? 0;
}

/** Per question: how many answered it, and how many chose each option (`choice`) or gave each rating, in `scope`. */
export const tallyStatement = rawStatement(
  z.strictObject({
    questionId: z.uuid(),
    choice: z.number().int().nullable(),
    rating: z.number().int().nullable(),
    n: z.number().int(),
  }),
  (id: string, scope: string) =>
    sql`with a as (
          select a.question_id, a.choices, a.rating
            from questionnaire_answers a
            join questionnaire_responses r on r.id = a.response_id
            join orgs o on o.id = r.org_id
           where r.questionnaire_id = ${id}::uuid and o.path <@ ${scope}::ltree
        )
        select question_id as "questionId", null::int as choice, null::int as rating, count(*)::int as n
          from a group by question_id
        union all
        select a.question_id, c.choice, null::int, count(*)::int
          from a cross join lateral unnest(a.choices) as c(choice) group by a.question_id, c.choice
        union all
        select question_id, null::int, rating::int, count(*)::int
          from a where rating is not null group by question_id, rating`,
);

export function tally(db: Db, id: string, scope: string) {
  return runRaw(db, tallyStatement, id, scope);
}

/** The text answers in `scope`, newest first, at most `perQuestion` a question, with the union and the member's name. */
export const textsStatement = rawStatement(
  z.strictObject({
    questionId: z.uuid(),
    text: z.string(),
    orgId: z.uuid(),
    orgName: z.string(),
    memberName: z.string(),
    atMs: z.number(),
  }),
  (id: string, scope: string, perQuestion: number) =>
    sql`select t."questionId", t.text, t."orgId", t."orgName", t."memberName", t."atMs" from (
          select a.question_id as "questionId", a.text, o.id as "orgId", o.name as "orgName", m.name as "memberName",
                 (extract(epoch from r.created_at) * 1000)::float8 as "atMs",
                 row_number() over (partition by a.question_id order by r.created_at desc, r.id desc) as n
            from questionnaire_answers a
            join questionnaire_responses r on r.id = a.response_id
            join orgs o on o.id = r.org_id
            join members m on m.id = r.member_id
           where r.questionnaire_id = ${id}::uuid and o.path <@ ${scope}::ltree and a.text is not null
        ) t where t.n <= ${perQuestion}
        order by t."questionId", t."atMs" desc`,
);

export function texts(db: Db, id: string, scope: string, perQuestion: number) {
  return runRaw(db, textsStatement, id, scope, perQuestion);
}

/** The unions directly below `scope`, by name. */
export async function childrenOf(db: Db, scope: string) {
  return db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(within(orgs.path, scope), sql`nlevel(${orgs.path}) = nlevel(${scope}::ltree) + 1`))
    .orderBy(asc(orgs.name), asc(orgs.id));
}

/**
 * Responses per union directly below `scope` (a response from the union itself counts under it): the group is the
 * prefix of the response's org path one level below `scope` (ltree), so raw.
 */
export const responsesByChildStatement = rawStatement(
  z.strictObject({ path: z.string(), responses: z.number().int() }),
  (id: string, scope: string) =>
    sql`select subpath(o.path, 0, least(nlevel(o.path), nlevel(${scope}::ltree) + 1))::text as path,
               count(*)::int as responses
          from questionnaire_responses r join orgs o on o.id = r.org_id
         where r.questionnaire_id = ${id}::uuid and o.path <@ ${scope}::ltree
         group by 1`,
);

export function responsesByChild(db: Db, id: string, scope: string) {
  return runRaw(db, responsesByChildStatement, id, scope);
}
