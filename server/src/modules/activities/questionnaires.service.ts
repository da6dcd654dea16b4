import { z } from 'zod';
import { canSee } from '../../kernel/access.js';
import type { Membership, Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed, type FieldIssue } from '../../kernel/errors.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { findOrg, isWithin } from '../../kernel/org-tree.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { audit, audited, auditIn, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { countMembersUnder } from '../members/index.js';
import { authorizeReadActivities, authorizeRunActivities } from './activities.policy.js';
import * as repo from './questionnaires.repository.js';
import {
  minimumRespondents,
  type CreateQuestionnaireBody,
  type ListQuestionnairesQuery,
  type QuestionnaireView,
  type ResultsView,
  type SubmitResponseBody,
  type UpdateQuestionnaireBody,
} from './questionnaires.schemas.js';

/**
 * 问卷 questionnaires. A union sends one to the members of its subtree, open from `opensAt` (inclusive) to `closesAt`
 * (exclusive); each member answers once (UNIQUE (questionnaire, member): 409 ALREADY_SUBMITTED, also for two at
 * once; a retry with the same Idempotency-Key gets the first answer). Results count the response at the union the
 * member was in when answering: per question (counts and shares of those who answered it, text answers) and per
 * union directly below (response rate = responses ÷ members of that union's subtree now).
 */

type Member = WorkerPrincipal & { membership: Membership };

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
/** Text answers listed per question in the results (the export has the same). */
const textsPerQuestion = 500;

/** The rows a questionnaire's questions are stored as (position by order). */
const questionRows = (questions: CreateQuestionnaireBody['questions']) =>
  questions.map((q) => ({ kind: q.kind, text: q.text, options: q.options ?? [], required: q.required ?? true }));

function isOpen(row: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return row.opensAt.getTime() <= now.getTime() && now.getTime() < row.closesAt.getTime();
}

function present(
  principal: Principal,
  row: repo.QuestionnaireRow,
  questions: readonly repo.QuestionRow[],
  now: Date,
): QuestionnaireView {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    title: row.title,
    description: row.description,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    anonymous: row.anonymous,
    open: isOpen(row, now),
    questions: questions
      .filter((q) => q.questionnaireId === row.id)
      .map((q) => ({
        id: q.id,
        position: q.position,
        kind: q.kind,
        text: q.text,
        options: q.options,
        required: q.required,
      })),
    responses: principal.kind === 'staff' ? row.responses : null,
    answeredByMe: principal.kind === 'worker' ? row.answeredByMe > 0 : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Staff with a reading role over its union's subtree; members whose union is its union or below it. 404 otherwise. */
async function visibleQuestionnaire(ctx: AppContext, principal: Principal, id: string) {
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    const row = await repo.findQuestionnaire(ctx.db, id, principal.membership.memberId);
    if (!row || !isWithin(principal.membership.orgPath, row.orgPath)) throw new AppError('NOT_FOUND');
    return row;
  }
  return inScope(await repo.findQuestionnaire(ctx.db, id), principal, authorizeReadActivities);
}

/** An activity officer of the union (or above it) sends a questionnaire to its subtree. */
export async function createQuestionnaire(ctx: AppContext, principal: StaffPrincipal, input: CreateQuestionnaireBody) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunActivities);
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertQuestionnaire(
        tx,
        {
          orgId: org.id,
          title: input.title,
          description: input.description || null,
          opensAt: new Date(input.opensAt),
          closesAt: new Date(input.closesAt),
          anonymous: input.anonymous ?? false,
          createdBy: principal.staffId,
          createdAt: ctx.clock.now(),
        },
        questionRows(input.questions),
      ),
    (questionnaireId) => ({
      action: 'questionnaire.create',
      objectType: 'questionnaire',
      objectId: questionnaireId,
      orgId: org.id,
      details: { questions: input.questions.length, anonymous: input.anonymous ?? false },
    }),
  );
  return getQuestionnaire(ctx, principal, id);
}

/** The questionnaire to an activity officer over its union (404 outside the caller's subtree, 403 without the role). */
async function runQuestionnaire(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return inScope(await repo.findQuestionnaire(ctx.db, id), principal, authorizeRunActivities);
}

/**
 * An officer edits a questionnaire while it makes sense: title and description any time; the questions and whether it
 * is anonymous only while nobody has answered (409 CONFLICT reason has_responses: answers were given to those
 * questions under that promise); the opening only before it opens (409 CONFLICT reason started), not to a past time;
 * the closing after now and after the opening, not once closed (409 ACTIVITY_NOT_OPEN reason closed). Values sent
 * unchanged are not changes. The row is locked against responses being stored meanwhile. Audited with what changed.
 */
export async function updateQuestionnaire(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: UpdateQuestionnaireBody,
) {
  const row = await runQuestionnaire(ctx, principal, id);
  const now = ctx.clock.now();
  await audited(
    ctx,
    principal,
    async (tx) => {
      const current = await repo.lockQuestionnaire(tx, id, 'update');
      const opensAt = input.opensAt ? new Date(input.opensAt) : current.opensAt;
      const closesAt = input.closesAt ? new Date(input.closesAt) : current.closesAt;
      const moveOpen = opensAt.getTime() !== current.opensAt.getTime();
      const moveClose = closesAt.getTime() !== current.closesAt.getTime();
      const changeAnonymous = input.anonymous !== undefined && input.anonymous !== current.anonymous;
      if ((moveOpen || moveClose) && now >= current.closesAt)
        throw new AppError('ACTIVITY_NOT_OPEN', { reason: 'closed', closesAt: current.closesAt.toISOString() });
      if (moveOpen && now >= current.opensAt)
        throw new AppError('CONFLICT', { reason: 'started', opensAt: current.opensAt.toISOString() });
      if ((input.questions || changeAnonymous) && (await repo.countAllResponses(tx, id)) > 0)
        throw new AppError('CONFLICT', { reason: 'has_responses' });
      const issues: FieldIssue[] = [];
      if (moveOpen && opensAt < now) issues.push({ path: 'opensAt', code: 'past_date', message: '' });
      if (moveClose && closesAt <= now) issues.push({ path: 'closesAt', code: 'past_date', message: '' });
      else if (closesAt <= opensAt) issues.push({ path: 'closesAt', code: 'too_small', message: '' });
      if (issues.length > 0) throw validationFailed(issues);
      await repo.updateQuestionnaire(tx, id, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...(moveOpen ? { opensAt } : {}),
        ...(moveClose ? { closesAt } : {}),
        ...(changeAnonymous ? { anonymous: input.anonymous } : {}),
      });
      if (input.questions) await repo.replaceQuestions(tx, id, questionRows(input.questions));
      return {
        ...(input.title !== undefined && input.title !== row.title ? { title: input.title } : {}),
        ...(input.description !== undefined && (input.description || null) !== row.description
          ? { description: true }
          : {}),
        ...(moveOpen ? { opensAt: opensAt.toISOString() } : {}),
        ...(moveClose ? { closesAt: closesAt.toISOString() } : {}),
        ...(changeAnonymous ? { anonymous: input.anonymous } : {}),
        ...(input.questions ? { questions: input.questions.length } : {}),
      };
    },
    (changed) => ({
      action: 'questionnaire.update',
      objectType: 'questionnaire',
      objectId: id,
      orgId: row.orgId,
      details: changed,
    }),
  );
  return getQuestionnaire(ctx, principal, id);
}

/**
 * An officer closes an open questionnaire now (`closesAt` = now): no more responses. Not yet open or already closed:
 * 409 ACTIVITY_NOT_OPEN (reason not_open / closed).
 */
export async function closeQuestionnaire(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await runQuestionnaire(ctx, principal, id);
  const now = ctx.clock.now();
  await audited(
    ctx,
    principal,
    async (tx) => {
      const current = await repo.lockQuestionnaire(tx, id, 'update');
      const window = { opensAt: current.opensAt.toISOString(), closesAt: current.closesAt.toISOString() };
      if (now <= current.opensAt) throw new AppError('ACTIVITY_NOT_OPEN', { reason: 'not_open', ...window });
      if (now >= current.closesAt) throw new AppError('ACTIVITY_NOT_OPEN', { reason: 'closed', ...window });
      await repo.updateQuestionnaire(tx, id, { closesAt: now });
    },
    {
      action: 'questionnaire.close',
      objectType: 'questionnaire',
      objectId: id,
      orgId: row.orgId,
      details: { closesAt: now.toISOString(), plannedClosesAt: row.closesAt.toISOString() },
    },
  );
  return getQuestionnaire(ctx, principal, id);
}

export async function getQuestionnaire(ctx: AppContext, principal: Principal, id: string) {
  const row = await visibleQuestionnaire(ctx, principal, id);
  return present(principal, row, await repo.questionsOf(ctx.db, [id]), ctx.clock.now());
}

/** Staff: a subtree's questionnaires; members: those of their union and the unions above it. Newest first. */
export async function listQuestionnaires(ctx: AppContext, principal: Principal, q: ListQuestionnairesQuery) {
  let filter: { scope: string } | { memberId: string; memberOrgPath: string };
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    filter = { memberId: principal.membership.memberId, memberOrgPath: principal.membership.orgPath };
  } else {
    filter = { scope: await scopeOf(ctx, principal, q.orgId, authorizeReadActivities) };
  }
  const rows = await repo.listQuestionnaires(ctx.db, filter, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const questions = await repo.questionsOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  const now = ctx.clock.now();
  return { items: page.items.map((r) => present(principal, r, questions, now)), nextCursor: page.nextCursor };
}

/** Each answer checked against its question: the issues (path `answers.i.…`) and the rows to store. */
function checkAnswers(questions: readonly repo.QuestionRow[], input: SubmitResponseBody) {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const rows: { questionId: string; choices: number[] | null; rating: number | null; text: string | null }[] = [];
  input.answers.forEach((a, i) => {
    const q = byId.get(a.questionId);
    if (!q || seen.has(a.questionId)) {
      issues.push({ path: `answers.${i}.questionId`, code: 'invalid', message: '' });
      return;
    }
    seen.add(q.id);
    const choices = a.choices ?? [];
    const fits =
      q.kind === 'single'
        ? choices.length === 1 && a.rating === undefined && a.text === undefined
        : q.kind === 'multiple'
          ? choices.length >= 1 && a.rating === undefined && a.text === undefined
          : q.kind === 'rating'
            ? a.rating !== undefined && a.choices === undefined && a.text === undefined
            : a.text !== undefined && a.choices === undefined && a.rating === undefined;
    const choicesValid = new Set(choices).size === choices.length && choices.every((c) => c < q.options.length);
    if (!fits || !choicesValid) {
      issues.push({ path: `answers.${i}`, code: 'invalid', message: '' });
      return;
    }
    rows.push({
      questionId: q.id,
      choices: a.choices ? [...a.choices].sort((x, y) => x - y) : null,
      rating: a.rating ?? null,
      text: a.text ?? null,
    });
  });
  for (const q of questions)
    if (q.required && !seen.has(q.id))
      issues.push({ path: 'answers', code: 'required', message: `${q.position}. ${q.text}` });
  return { issues, rows };
}

/**
 * A member of the questionnaire's subtree answers it, once, while it is open (409 ACTIVITY_NOT_OPEN): every required
 * question, each answer fitting its question (400 naming the answer). Again: 409 ALREADY_SUBMITTED; a retry with the
 * same Idempotency-Key: the first answer.
 */
export async function submitResponse(
  ctx: AppContext,
  member: Member,
  id: string,
  input: SubmitResponseBody,
  idempotencyKey: string | undefined,
) {
  const row = await visibleQuestionnaire(ctx, member, id);
  const now = ctx.clock.now();
  if (!isOpen(row, now))
    throw new AppError('ACTIVITY_NOT_OPEN', {
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
    });
  const { issues } = checkAnswers(await repo.questionsOf(ctx.db, [id]), input);
  if (issues.length > 0) throw validationFailed(issues);
  const org = (await findOrg(ctx.db, member.membership.orgId))!;
  const answer = await runIdempotent(
    ctx.db,
    {
      principal: `worker:${member.accountId}`,
      scope: 'questionnaire.respond',
      key: idempotencyKey,
      payload: { questionnaireId: id, ...input },
    },
    async (tx) => {
      // Checked again under a shared lock: an officer's edit (new questions, a new closing time) waits for the
      // responses being stored, and a response stored after an edit is checked against what the edit left.
      const current = await repo.lockQuestionnaire(tx, id, 'share');
      if (!isOpen(current, now))
        throw new AppError('ACTIVITY_NOT_OPEN', {
          opensAt: current.opensAt.toISOString(),
          closesAt: current.closesAt.toISOString(),
        });
      const checked = checkAnswers(await repo.questionsOf(tx, [id]), input);
      if (checked.issues.length > 0) throw validationFailed(checked.issues);
      const responseId = await repo.insertResponse(
        tx,
        { questionnaireId: id, memberId: member.membership.memberId, orgId: org.id, createdAt: now },
        checked.rows,
      );
      if (!responseId) throw new AppError('ALREADY_SUBMITTED');
      await auditIn(ctx, tx, member, {
        action: 'questionnaire.respond',
        objectType: 'questionnaire',
        objectId: id,
        orgId: row.orgId,
        // An anonymous questionnaire's log keeps no handle on the response (only that the member answered).
        details: current.anonymous ? {} : { responseId },
      });
      return {
        statusCode: 201,
        body: {
          id: responseId,
          questionnaireId: id,
          org: { id: org.id, name: org.name },
          createdAt: now.toISOString(),
        },
      };
    },
  );
  return answer.body;
}

const rateOf = (n: number, of: number) => (of === 0 ? null : n / of);

/** The questionnaire to staff with a reading role, and the subtree counted: `orgId` within its and the caller's. */
async function resultScope(ctx: AppContext, principal: StaffPrincipal, id: string, orgId: string | undefined) {
  const row = await visibleQuestionnaire(ctx, principal, id);
  if (!orgId) return { row, org: { id: row.orgId, name: row.orgName, path: row.orgPath } };
  const org = await findOrg(ctx.db, orgId);
  if (!org || !isWithin(org.path, row.orgPath) || !canSee(principal, org.path)) throw new AppError('NOT_FOUND');
  return { row, org };
}

/**
 * The cells of a union's breakdown (responses by path: each union directly below, and the union itself for its own
 * members) that an anonymous questionnaire withholds: those of 1 to 4 respondents; and, while the withheld ones add up
 * to 1 to 4 (the total minus the cells shown would give them away), the smallest shown cell with respondents too.
 */
export function withheldCells(cells: ReadonlyMap<string, number>): Set<string> {
  const out = new Set([...cells].filter(([, n]) => n > 0 && n < minimumRespondents).map(([path]) => path));
  const withheldSum = () => [...out].reduce((sum, path) => sum + cells.get(path)!, 0);
  while (withheldSum() > 0 && withheldSum() < minimumRespondents) {
    const next = [...cells]
      .filter(([path, n]) => n > 0 && !out.has(path))
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (!next) break;
    out.add(next[0]);
  }
  return out;
}

/**
 * An anonymous questionnaire's results for a union below its own are withheld when that union, or one between it and
 * the questionnaire's, is withheld in its parent's breakdown: drilling down must not show what a few people answered.
 */
async function scopeWithheld(ctx: AppContext, id: string, rootPath: string, scopePath: string): Promise<boolean> {
  const labels = scopePath.split('.');
  for (let depth = rootPath.split('.').length; depth < labels.length; depth++) {
    const parent = labels.slice(0, depth).join('.');
    const cells = new Map((await repo.responsesByChild(ctx.db, id, parent)).map((r) => [r.path, r.responses]));
    if (withheldCells(cells).has(labels.slice(0, depth + 1).join('.'))) return true;
  }
  return false;
}

const byText = (a: { text: string }, b: { text: string }) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);

/**
 * The results in the subtree of `orgId` (default the questionnaire's union): per question and per union below. An
 * anonymous questionnaire's text answers carry neither union, name nor time and come sorted by text; its breakdown
 * withholds unions of fewer than 5 respondents (`withheldCells`), and a withheld union's own results are withheld.
 */
export async function questionnaireResults(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  orgId: string | undefined,
): Promise<ResultsView> {
  const { row, org } = await resultScope(ctx, principal, id, orgId);
  const [questions, responses, tallies, texts, children, byChild, suppressed] = await Promise.all([
    repo.questionsOf(ctx.db, [id]),
    repo.countResponses(ctx.db, id, org.path),
    repo.tally(ctx.db, id, org.path),
    repo.texts(ctx.db, id, org.path, textsPerQuestion),
    repo.childrenOf(ctx.db, org.path),
    repo.responsesByChild(ctx.db, id, org.path),
    row.anonymous ? scopeWithheld(ctx, id, row.orgPath, org.path) : Promise.resolve(false),
  ]);
  const [members, ...childMembers] = await Promise.all([
    countMembersUnder(ctx.db, org.path),
    ...children.map((c) => countMembersUnder(ctx.db, c.path)),
  ]);
  const responsesAt = new Map(byChild.map((r) => [r.path, r.responses]));
  const withheld = suppressed
    ? new Set([...children.map((c) => c.path), org.path])
    : row.anonymous
      ? withheldCells(responsesAt)
      : new Set<string>();
  const cell = (path: string, n: number, of: number) =>
    withheld.has(path)
      ? { responses: null, responseRate: null, suppressed: true }
      : { responses: n, responseRate: rateOf(n, of), suppressed: false };
  const childRows = children.map((c, i) => ({
    org: { id: c.id, name: c.name },
    members: childMembers[i]!,
    ...cell(c.path, responsesAt.get(c.path) ?? 0, childMembers[i]!),
  }));
  // Members filed to the union itself, not to a union below it: a line of their own when there are any.
  const directMembers = members! - childMembers.reduce((sum, n) => sum + n!, 0);
  const directResponses = responsesAt.get(org.path) ?? 0;
  if (directMembers > 0 || directResponses > 0)
    childRows.push({
      org: { id: org.id, name: org.name },
      members: directMembers,
      ...cell(org.path, directResponses, directMembers),
    });
  return {
    questionnaire: { id: row.id, title: row.title, open: isOpen(row, ctx.clock.now()), anonymous: row.anonymous },
    org: { id: org.id, name: org.name },
    suppressed,
    members: members!,
    responses: suppressed ? null : responses,
    responseRate: suppressed ? null : rateOf(responses, members!),
    questions: questions.map((q) => {
      const mine = tallies.filter((t) => t.questionId === q.id);
      const answered = mine.find((t) => t.choice === null && t.rating === null)?.n ?? 0;
      const ratingCounts = [1, 2, 3, 4, 5].map((stars) => mine.find((t) => t.rating === stars)?.n ?? 0);
      const stars = ratingCounts.reduce((sum, n, i) => sum + n * (i + 1), 0);
      const textAnswers = texts.filter((t) => t.questionId === q.id);
      return {
        id: q.id,
        position: q.position,
        kind: q.kind,
        text: q.text,
        answered: suppressed ? null : answered,
        options: q.options.map((text, i) => {
          const count = mine.find((t) => t.choice === i)?.n ?? 0;
          return suppressed
            ? { text, count: null, percentage: null }
            : { text, count, percentage: rateOf(count, answered) };
        }),
        rating:
          q.kind === 'rating' && !suppressed
            ? { average: answered === 0 ? null : Math.round((stars / answered) * 100) / 100, counts: ratingCounts }
            : null,
        texts: suppressed
          ? []
          : row.anonymous
            ? textAnswers.map((t) => ({ text: t.text, org: null, name: null, at: null })).sort(byText)
            : textAnswers.map((t) => ({
                text: t.text,
                org: { id: t.orgId, name: t.orgName },
                name: t.memberName,
                at: new Date(t.atMs).toISOString(),
              })),
      };
    }),
    children: childRows,
  };
}

const percent = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`);
/** A withheld count in the workbook. */
const fewer = `<${minimumRespondents}`;

/** The results as a workbook: response rates per union, then each question's counts and its text answers; audited. */
export async function questionnaireWorkbook(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  orgId: string | undefined,
) {
  const r = await questionnaireResults(ctx, principal, id, orgId);
  const rows: Record<string, string | number>[] = [
    { a: `${r.org.name}（合计）`, b: r.members, c: r.responses ?? fewer, d: percent(r.responseRate) },
    ...r.children.map((c) => ({ a: c.org.name, b: c.members, c: c.responses ?? fewer, d: percent(c.responseRate) })),
    {},
  ];
  if (r.suppressed)
    rows.push({ a: `答卷不足${minimumRespondents}份，匿名问卷不显示该单位的结果`, b: '', c: '', d: '' });
  for (const q of r.suppressed ? [] : r.questions) {
    const answered = q.answered ?? 0;
    rows.push({ a: `第${q.position}题 ${q.text}`, b: '', c: answered, d: '' });
    q.options.forEach((o) => rows.push({ a: `  ${o.text}`, b: '', c: o.count ?? '', d: percent(o.percentage) }));
    if (q.rating) {
      q.rating.counts.forEach((n, i) =>
        rows.push({ a: `  ${i + 1} 星`, b: '', c: n, d: percent(rateOf(n, answered)) }),
      );
      rows.push({ a: '  平均分', b: '', c: q.rating.average ?? '', d: '' });
    }
    q.texts.forEach((t) =>
      rows.push({
        a: `  ${t.text}`,
        b: t.org ? (t.name ? `${t.name}（${t.org.name}）` : t.org.name) : '',
        c: '',
        d: '',
      }),
    );
  }
  await audit(ctx, principal, {
    action: 'questionnaire.export',
    objectType: 'questionnaire',
    objectId: id,
    orgId: r.org.id,
    details: { rows: rows.length },
  });
  return workbookOf(
    '问卷结果',
    [
      { header: '工会 / 题目 / 选项', key: 'a', width: 48 },
      { header: '会员数 / 填写人', key: 'b', width: 24 },
      { header: '答卷数 / 人数', key: 'c', width: 14 },
      { header: '答卷率 / 占比', key: 'd', width: 14 },
    ],
    rows,
  );
}
