import { z } from 'zod';
import { reviewRatingLabels, suggestionStatusLabels } from '../../../../shared/labels.js';
import type { Actor } from '../../kernel/audit.js';
import { canSee } from '../../kernel/access.js';
import type { Membership, Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { checkDailyLimit } from '../../kernel/quota.js';
import { findOrg, isWithin, orgAncestry } from '../../kernel/org-tree.js';
import { decodeCursor, everyPage, paginate } from '../../kernel/pagination.js';
import { actorOf, audit, audited, inScope, orgInScope, scopeOf, workTime } from '../../kernel/use-case.js';
import {
  applyAction,
  availableActions,
  initialColumns,
  presentTimeline,
  recordStart,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { countMembersUnder } from '../members/index.js';
import {
  authorizeRunParticipation,
  canSeeSuggestion,
  isReviewOpen,
  mayAnswerReview,
  suggestionPartiesOf,
  supportRefusal,
} from './suggestions.policy.js';
import * as repo from './suggestions.repository.js';
import { tellMember } from './participation.notify.js';
import type {
  commentsQuery,
  createReviewBody,
  listReviewsQuery,
  ListSuggestionsQuery,
  myReviewsQuery,
  postSuggestionBody,
  respondBody,
  SuggestionActionBody,
} from './suggestions.schemas.js';
import { proposals, suggestionWorkflow, type SuggestionAction, type SuggestionState } from './suggestions.workflow.js';
import { maskName } from '../../kernel/pii.js';

validateDefinition(suggestionWorkflow);

type Member = WorkerPrincipal & { membership: Membership };

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
const supportsCursor = z.object({ supportCount: z.number().int(), id: z.uuid() });

const stepTitles: Partial<Record<SuggestionAction, string>> = {
  answer: '工会已答复您的建议',
  reject: '您的建议未被采纳',
  close: '您的建议已办结',
  take_up: '您的建议已被代表转为提案',
};

function tellAuthor(
  tx: Db,
  row: { id: string; authorMemberId: string; title: string },
  action: SuggestionAction,
  body?: string,
) {
  const title = stepTitles[action];
  if (!title) return Promise.resolve();
  return tellMember(tx, row.authorMemberId, {
    title,
    body: body ? `《${row.title}》：${body}` : `《${row.title}》`,
    link: `/suggestions/${row.id}`,
  });
}

function principalKey(principal: Principal): string {
  return principal.kind === 'worker' ? `worker:${principal.accountId}` : `staff:${principal.staffId}`;
}

// ——— 职工事大家议 suggestions ———

async function presentSuggestion(db: Db, principal: Principal, row: repo.SuggestionRow, withTimeline: boolean) {
  const parties = suggestionPartiesOf(principal, row);
  const mine = principal.kind === 'worker' && principal.membership?.memberId === row.authorMemberId;
  const timeline = withTimeline ? await timelineOf(db, suggestionWorkflow, row.id) : undefined;
  const supportedByMe = principal.kind === 'worker' && row.supportedByMe > 0;
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    author: {
      name: principal.kind === 'staff' || mine ? row.authorName : maskName(row.authorName),
      org: { id: row.authorOrgId, name: row.authorOrgName },
    },
    mine,
    title: row.title,
    body: row.body,
    status: row.status as SuggestionState,
    supportCount: row.supportCount,
    supportedByMe,
    mayBeSupported: !supportedByMe && supportRefusal(principal, row) === null,
    reply: row.reply && row.repliedAt ? { text: row.reply, at: row.repliedAt.toISOString() } : null,
    proposalId: row.proposalId,
    sourceProposalId: row.sourceProposalId,
    createdAt: row.createdAt.toISOString(),
    availableActions: availableActions(suggestionWorkflow, row.status, parties) as SuggestionAction[],
    ...(timeline ? { timeline: presentTimeline(timeline) } : {}),
  };
}

/**
 * A member posts a suggestion to their union, or to one above it (`orgId`); any other union is as if it did not
 * exist (404). A retry with the same Idempotency-Key gets the first answer; a daily limit per member and per address.
 */
export async function postSuggestion(
  ctx: AppContext,
  member: Member,
  input: z.infer<typeof postSuggestionBody>,
  idempotencyKey: string | undefined,
  clientAddress: string,
) {
  const answer = await runIdempotent(
    ctx.db,
    { principal: principalKey(member), scope: 'suggestion.post', key: idempotencyKey, payload: input },
    async (tx) => {
      // A staff queue: a daily limit per member and per client address (429 beyond it).
      const quota = await checkDailyLimit(tx, ctx.addressQuotas, {
        kind: 'suggestion',
        limit: ctx.config.queueLimits.suggestions,
        applicant: member.membership.memberId,
        address: clientAddress,
        now: ctx.clock.now(),
        countSince: (since) => repo.countSuggestionsSince(tx, member.membership.memberId, since),
      });
      const org = input.orgId ? await findOrg(tx, input.orgId) : null;
      if (input.orgId && (!org || !isWithin(member.membership.orgPath, org.path))) throw new AppError('NOT_FOUND');
      const orgId = org?.id ?? member.membership.orgId;
      const time = workTime(ctx);
      const id = await repo.insertSuggestion(tx, {
        orgId,
        authorMemberId: member.membership.memberId,
        authorOrgId: member.membership.orgId,
        title: input.title,
        body: input.body,
        createdAt: time.now,
        ...initialColumns(suggestionWorkflow, time),
      });
      await recordStart(tx, suggestionWorkflow, id, {
        action: 'post',
        actor: actorOf(member),
        parties: ['author'],
        orgId,
        time,
      });
      await quota.count();
      const row = (await repo.findSuggestion(tx, id, member.membership.memberId))!;
      return { statusCode: 201, body: await presentSuggestion(tx, member, row, true) };
    },
  );
  return answer.body;
}

/** The unions a member may address: their own first, then each one above it up to the root. */
export async function suggestionUnions(ctx: AppContext, member: Member) {
  const chain = await orgAncestry(ctx.db, member.membership.orgPath);
  return { items: chain.reverse().map((o) => ({ id: o.id, name: o.name })), nextCursor: null };
}

async function visibleSuggestion(ctx: AppContext, principal: Principal, id: string): Promise<repo.SuggestionRow> {
  if (principal.kind === 'worker' && !principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  const viewer = principal.kind === 'worker' ? principal.membership!.memberId : null;
  const row = await repo.findSuggestion(ctx.db, id, viewer);
  if (!row || !canSeeSuggestion(principal, row)) throw new AppError('NOT_FOUND');
  // Staff of the subtree without the role: 403.
  if (principal.kind === 'staff') authorizeRunParticipation(principal, row.orgPath);
  return row;
}

export async function getSuggestion(ctx: AppContext, principal: Principal, id: string) {
  return presentSuggestion(ctx.db, principal, await visibleSuggestion(ctx, principal, id), true);
}

/**
 * Members: what their union's members see (suggestions addressed to their union or above it) and their own; `orgId`
 * one union of theirs. Staff: those addressed to their subtree (or `orgId`'s). Newest or most supported first.
 */
export async function listSuggestions(ctx: AppContext, principal: Principal, q: ListSuggestionsQuery) {
  let filter: repo.SuggestionFilter;
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    const m = principal.membership;
    filter = { member: { memberId: m.memberId, orgPath: m.orgPath } };
    if (q.orgId) {
      const org = await findOrg(ctx.db, q.orgId);
      if (!org || !isWithin(m.orgPath, org.path)) throw new AppError('NOT_FOUND');
      filter.orgId = org.id;
    }
    if (q.mine === 'true') filter.authorMemberId = m.memberId;
  } else {
    filter = { scope: await scopeOf(ctx, principal, q.orgId, authorizeRunParticipation) };
  }
  if (q.status) filter.status = q.status;
  if (q.q) filter.q = q.q;
  const sort = q.sort ?? 'recent';
  const cursor = sort === 'supports' ? decodeCursor(q.cursor, supportsCursor) : decodeCursor(q.cursor, timeCursor);
  const rows = await repo.listSuggestions(ctx.db, filter, sort, q.limit, cursor);
  const page = paginate(rows, q.limit, (r): Record<string, string | number> =>
    sort === 'supports'
      ? { supportCount: r.supportCount, id: r.id }
      : { createdAt: r.createdAt.toISOString(), id: r.id },
  );
  return {
    items: await Promise.all(page.items.map((r) => presentSuggestion(ctx.db, principal, r, false))),
    nextCursor: page.nextCursor,
  };
}

const statusWords = suggestionStatusLabels['zh-CN'];

export async function exportSuggestions(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: Omit<ListSuggestionsQuery, 'limit' | 'cursor' | 'mine'>,
) {
  const rows = await everyPage(
    (cursor) => listSuggestions(ctx, principal, { ...q, limit: 100, cursor }),
    (s) => ({
      createdAt: s.createdAt,
      title: s.title,
      body: s.body,
      author: s.author.name,
      authorOrg: s.author.org.name,
      org: s.org.name,
      supports: s.supportCount,
      status: statusWords[s.status],
      reply: s.reply?.text ?? '',
      repliedAt: s.reply?.at ?? null,
    }),
  );
  await audit(ctx, principal, {
    action: 'suggestion.export',
    objectType: 'suggestion',
    objectId: null,
    orgId: principal.orgId,
    details: { rows: rows.length, ...q },
  });
  return workbookOf(
    '职工建议台账',
    [
      { header: '提出时间', key: 'createdAt', width: 17, kind: 'datetime' },
      { header: '标题', key: 'title', width: 30 },
      { header: '内容', key: 'body', width: 50 },
      { header: '提出人', key: 'author', width: 10 },
      { header: '提出人所在工会', key: 'authorOrg', width: 22 },
      { header: '提交至', key: 'org', width: 22 },
      { header: '附议人数', key: 'supports', width: 10 },
      { header: '状态', key: 'status', width: 12 },
      { header: '答复', key: 'reply', width: 50 },
      { header: '答复时间', key: 'repliedAt', width: 17, kind: 'datetime' },
    ],
    rows,
  );
}

/**
 * A member supports a suggestion they can see, once (409 ALREADY_SUPPORTED; the author's own counts as supported by
 * posting it), while it is still considered (409 INVALID_TRANSITION once closed, rejected or withdrawn).
 */
export async function supportSuggestion(ctx: AppContext, member: Member, id: string) {
  const row = await visibleSuggestion(ctx, member, id);
  return audited(
    ctx,
    member,
    async (tx) => {
      const status = await repo.lockSuggestion(tx, id);
      if (!status) throw new AppError('NOT_FOUND');
      const refusal = supportRefusal(member, { ...row, status });
      if (refusal === 'author') throw new AppError('ALREADY_SUPPORTED', { reason: 'author' });
      if (refusal !== null) throw new AppError('INVALID_TRANSITION', { status, action: 'support' });
      const supportCount = await repo.addSupport(tx, id, member.membership.memberId, ctx.clock.now());
      if (supportCount === null) throw new AppError('ALREADY_SUPPORTED');
      return { supportCount };
    },
    { action: 'suggestion.support', objectType: 'suggestion', objectId: id, orgId: row.orgId },
  );
}

/** answer {reply}, close, reject {reason} (the union's officers), withdraw (the author, before an answer). */
export async function actOnSuggestion(
  ctx: AppContext,
  principal: Principal,
  id: string,
  body: SuggestionActionBody,
  idempotencyKey: string | undefined,
) {
  const row = await visibleSuggestion(ctx, principal, id);
  const answer = await runIdempotent(
    ctx.db,
    { principal: principalKey(principal), scope: 'suggestion.action', key: idempotencyKey, payload: { id, body } },
    async (tx) => {
      const time = workTime(ctx);
      const note = body.action === 'answer' ? body.reply : body.action === 'reject' ? body.reason : (body.note ?? null);
      await applyAction(tx, suggestionWorkflow, id, body.action, {
        actor: actorOf(principal),
        parties: suggestionPartiesOf(principal, row),
        orgId: row.orgId,
        note,
        time,
      });
      if (body.action === 'answer')
        await repo.setReply(tx, id, body.reply, time.now, principal.kind === 'staff' ? principal.staffId : null);
      await tellAuthor(tx, row, body.action, note ?? undefined);
      const viewer = principal.kind === 'worker' ? principal.membership!.memberId : null;
      const updated = (await repo.findSuggestion(tx, id, viewer))!;
      return { statusCode: 200, body: await presentSuggestion(tx, principal, updated, true) };
    },
  );
  return answer.body;
}

/**
 * For the proposals part, inside the proposal's transaction `tx`: a representative's proposal takes the suggestion up
 * (open or answered → taken_up), the proposal is recorded on it and its author told. 409 INVALID_TRANSITION from any
 * other state; 404 for an unknown suggestion.
 */
export async function takeUpSuggestion(
  ctx: AppContext,
  tx: Db,
  suggestionId: string,
  proposalId: string,
  actor: Actor,
): Promise<void> {
  const row = await repo.findSuggestion(tx, suggestionId);
  if (!row) throw new AppError('NOT_FOUND');
  await applyAction(tx, suggestionWorkflow, suggestionId, 'take_up', {
    actor,
    parties: [proposals],
    orgId: row.orgId,
    data: { proposalId },
    time: workTime(ctx),
  });
  await repo.setProposal(tx, suggestionId, proposalId);
  await tellAuthor(tx, row, 'take_up');
}

/**
 * For the proposals part, inside the proposal's transaction `tx`: the suggestion a representative names to take up,
 * which they must be able to see (else 400 on `suggestionId`; whether its state allows it, take_up decides).
 */
export async function suggestionToTakeUp(tx: Db, worker: WorkerPrincipal, suggestionId: string) {
  const row = await repo.findSuggestion(tx, suggestionId);
  if (!row || !canSeeSuggestion(worker, row))
    throw validationFailed([{ path: 'suggestionId', code: 'not_found', message: '' }]);
  return row;
}

/**
 * For the proposals part, inside the proposal's transaction `tx`: the committee converts a proposal into a suggestion
 * (convert_to_suggestion). It opens addressed to `orgId`, in the name of the proposal's author, with a timeline entry
 * naming the proposal; the author is told. Answers the new suggestion's id.
 */
export async function openSuggestionFromProposal(
  ctx: AppContext,
  tx: Db,
  input: {
    orgId: string;
    authorMemberId: string;
    title: string;
    body: string;
    proposalId: string;
    actor: Actor;
  },
): Promise<string> {
  const member = await repo.findMember(tx, input.authorMemberId);
  if (!member) throw new AppError('NOT_FOUND');
  const time = workTime(ctx);
  const id = await repo.insertSuggestion(tx, {
    orgId: input.orgId,
    authorMemberId: member.id,
    authorOrgId: member.orgId,
    title: input.title,
    body: input.body,
    sourceProposalId: input.proposalId,
    createdAt: time.now,
    ...initialColumns(suggestionWorkflow, time),
  });
  await recordStart(tx, suggestionWorkflow, id, {
    action: 'convert_from_proposal',
    actor: input.actor,
    parties: [proposals],
    orgId: input.orgId,
    note: '由提案转为职工建议',
    data: { proposalId: input.proposalId },
    time,
  });
  await tellMember(tx, member.id, {
    title: '您的提案已转为职工建议',
    body: `《${input.title}》`,
    link: `/suggestions/${id}`,
  });
  return id;
}

// ——— 会员评家 union reviews ———

type QuestionRow = Awaited<ReturnType<typeof repo.questionsOf>>[number];

function presentReview(principal: Principal, row: repo.ReviewRow, questions: readonly QuestionRow[], now: Date) {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    title: row.title,
    description: row.description,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    open: isReviewOpen(row, now),
    questions: questions
      .filter((q) => q.reviewId === row.id)
      .map((q) => ({ id: q.id, position: q.position, text: q.text })),
    ...(principal.kind === 'staff' ? { responseCount: row.responseCount } : { respondedByMe: row.respondedByMe > 0 }),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createReview(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: z.infer<typeof createReviewBody>,
) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunParticipation);
  const opensAt = input.opensAt ? new Date(input.opensAt) : ctx.clock.now();
  const closesAt = input.closesAt ? new Date(input.closesAt) : new Date(opensAt.getTime() + 30 * 86_400_000);
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertReview(
        tx,
        {
          orgId: org.id,
          title: input.title,
          description: input.description ?? null,
          opensAt,
          closesAt,
          createdBy: principal.staffId,
          createdAt: ctx.clock.now(),
        },
        input.questions.map((q) => q.text),
      ),
    (reviewId) => ({
      action: 'union_review.create',
      objectType: 'union_review',
      objectId: reviewId,
      orgId: org.id,
      details: { questions: input.questions.length },
    }),
  );
  return getReview(ctx, principal, id);
}

/** Staff of the review's subtree with the role; members whose union is the review's or below it. 404 otherwise. */
async function visibleReview(ctx: AppContext, principal: Principal, id: string): Promise<repo.ReviewRow> {
  if (principal.kind === 'worker') {
    if (!principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
    const row = await repo.findReview(ctx.db, id, principal.membership.memberId);
    if (!row || !mayAnswerReview(principal.membership.orgPath, row.orgPath)) throw new AppError('NOT_FOUND');
    return row;
  }
  return inScope(await repo.findReview(ctx.db, id), principal, authorizeRunParticipation);
}

export async function getReview(ctx: AppContext, principal: Principal, id: string) {
  const row = await visibleReview(ctx, principal, id);
  return presentReview(principal, row, await repo.questionsOf(ctx.db, [id]), ctx.clock.now());
}

async function pageOfReviews(
  ctx: AppContext,
  principal: Principal,
  filter: Parameters<typeof repo.listReviews>[1],
  q: { limit: number; cursor?: string | undefined },
) {
  const rows = await repo.listReviews(ctx.db, filter, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const questions = await repo.questionsOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  const now = ctx.clock.now();
  return { items: page.items.map((r) => presentReview(principal, r, questions, now)), nextCursor: page.nextCursor };
}

export async function listReviews(ctx: AppContext, principal: StaffPrincipal, q: z.infer<typeof listReviewsQuery>) {
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeRunParticipation);
  return pageOfReviews(ctx, principal, { scope }, q);
}

/** The reviews run by the member's union or one above it, newest first, each saying whether they answered. */
export async function myReviews(ctx: AppContext, member: Member, q: z.infer<typeof myReviewsQuery>) {
  return pageOfReviews(ctx, member, { memberId: member.membership.memberId, orgPath: member.membership.orgPath }, q);
}

/**
 * A member answers every question once, within the window (409 REVIEW_NOT_OPEN), once (409 ALREADY_RESPONDED, also
 * for two at once: the unique index decides). The member's union is kept on the response.
 */
export async function respondToReview(ctx: AppContext, member: Member, id: string, input: z.infer<typeof respondBody>) {
  const row = await visibleReview(ctx, member, id);
  const now = ctx.clock.now();
  if (!isReviewOpen(row, now)) throw new AppError('REVIEW_NOT_OPEN');
  const questions = await repo.questionsOf(ctx.db, [id]);
  const asked = new Set(questions.map((q) => q.id));
  const seen = new Set<string>();
  input.answers.forEach((a, i) => {
    if (!asked.has(a.questionId) || seen.has(a.questionId))
      throw validationFailed([{ path: `answers.${i}.questionId`, code: 'invalid', message: '' }]);
    seen.add(a.questionId);
  });
  const missing = questions.findIndex((q) => !seen.has(q.id));
  if (missing >= 0) throw validationFailed([{ path: 'answers', code: 'too_small', message: questions[missing]!.id }]);
  const responseId = await audited(
    ctx,
    member,
    async (tx) => {
      const inserted = await repo.insertResponse(
        tx,
        {
          reviewId: id,
          memberId: member.membership.memberId,
          orgId: member.membership.orgId,
          comment: input.comment ? input.comment : null,
          createdAt: now,
        },
        input.answers,
      );
      if (!inserted) throw new AppError('ALREADY_RESPONDED');
      return inserted;
    },
    (rid) => ({
      action: 'union_review.respond',
      objectType: 'union_review',
      objectId: id,
      orgId: row.orgId,
      details: { responseId: rid },
    }),
  );
  const org = (await findOrg(ctx.db, member.membership.orgId))!;
  return { id: responseId, reviewId: id, org: { id: org.id, name: org.name }, createdAt: now.toISOString() };
}

interface Tally {
  responses: number;
  satisfied: number;
  fairlySatisfied: number;
  dissatisfied: number;
}

const emptyTally = (): Tally => ({ responses: 0, satisfied: 0, fairlySatisfied: 0, dissatisfied: 0 });

function addRating(t: Tally, rating: string, n: number) {
  if (rating === 'satisfied') t.satisfied += n;
  else if (rating === 'fairly_satisfied') t.fairlySatisfied += n;
  else t.dissatisfied += n;
}

function rates(t: Omit<Tally, 'responses'>) {
  const answers = t.satisfied + t.fairlySatisfied + t.dissatisfied;
  return {
    answers,
    satisfied: t.satisfied,
    fairlySatisfied: t.fairlySatisfied,
    dissatisfied: t.dissatisfied,
    satisfactionRate: answers === 0 ? null : (t.satisfied + t.fairlySatisfied) / answers,
  };
}

function tallyView(t: Tally, members: number) {
  return {
    members,
    responses: t.responses,
    participationRate: members === 0 ? null : t.responses / members,
    ...rates(t),
  };
}

/** The review to staff with the role, and the subtree counted: `orgId` within the review's and the caller's (404). */
async function resultScope(ctx: AppContext, principal: StaffPrincipal, id: string, orgId: string | undefined) {
  const review = await visibleReview(ctx, principal, id);
  if (!orgId) return { review, org: { id: review.orgId, name: review.orgName, path: review.orgPath } };
  const org = await findOrg(ctx.db, orgId);
  if (!org || !isWithin(org.path, review.orgPath) || !canSee(principal, org.path)) throw new AppError('NOT_FOUND');
  return { review, org };
}

/**
 * 会员评家 results for the subtree of `orgId` (default the review's union): members now, responses (counted at the
 * union the member was in when answering), participation and satisfaction, per question, and the same per union
 * directly below so staff drill down.
 */
export async function reviewResult(ctx: AppContext, principal: StaffPrincipal, id: string, orgId: string | undefined) {
  const { review, org } = await resultScope(ctx, principal, id, orgId);
  const [questions, responses, answers, children] = await Promise.all([
    repo.questionsOf(ctx.db, [id]),
    repo.responsesByOrg(ctx.db, id, org.path),
    repo.answersByOrg(ctx.db, id, org.path),
    repo.childrenOf(ctx.db, org.id),
  ]);
  const overall = emptyTally();
  const perQuestion = new Map(questions.map((q) => [q.id, emptyTally()]));
  const perChild = new Map(children.map((c) => [c.id, emptyTally()]));
  const childOf = (path: string) => children.find((c) => isWithin(path, c.path));
  for (const r of responses) {
    overall.responses += r.responses;
    const child = childOf(r.orgPath);
    if (child) perChild.get(child.id)!.responses += r.responses;
  }
  for (const a of answers) {
    addRating(overall, a.rating, a.answers);
    const q = perQuestion.get(a.questionId);
    if (q) addRating(q, a.rating, a.answers);
    const child = childOf(a.orgPath);
    if (child) addRating(perChild.get(child.id)!, a.rating, a.answers);
  }
  // Members counted as the members module counts them, for the subtree and each union below it.
  const [members, ...childMembers] = await Promise.all([
    countMembersUnder(ctx.db, org.path),
    ...children.map((c) => countMembersUnder(ctx.db, c.path)),
  ]);
  return {
    review: { id: review.id, title: review.title, open: isReviewOpen(review, ctx.clock.now()) },
    org: { id: org.id, name: org.name },
    overall: tallyView(overall, members!),
    questions: questions.map((q) => ({
      id: q.id,
      position: q.position,
      text: q.text,
      ...rates(perQuestion.get(q.id)!),
    })),
    children: children.map((c, i) => ({
      org: { id: c.id, name: c.name },
      hasChildren: c.below > 0,
      ...tallyView(perChild.get(c.id)!, childMembers[i]!),
    })),
  };
}

const percent = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`);

/** The result as a workbook: the subtree, then each union below it; then the questions. */
export async function reviewResultWorkbook(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  orgId: string | undefined,
) {
  const result = await reviewResult(ctx, principal, id, orgId);
  const words = reviewRatingLabels['zh-CN'];
  const line = (name: string, t: ReturnType<typeof tallyView>) => ({
    name,
    members: t.members,
    responses: t.responses,
    participation: percent(t.participationRate),
    satisfied: t.satisfied,
    fairly: t.fairlySatisfied,
    dissatisfied: t.dissatisfied,
    satisfaction: percent(t.satisfactionRate),
  });
  const rows = [
    line(`${result.org.name}（合计）`, result.overall),
    ...result.children.map((c) => line(c.org.name, c)),
    ...result.questions.map((q) => ({
      name: `第${q.position}题 ${q.text}`,
      members: '',
      responses: '',
      participation: '',
      satisfied: q.satisfied,
      fairly: q.fairlySatisfied,
      dissatisfied: q.dissatisfied,
      satisfaction: percent(q.satisfactionRate),
    })),
  ];
  await audit(ctx, principal, {
    action: 'union_review.export',
    objectType: 'union_review',
    objectId: id,
    orgId: result.org.id,
    details: { rows: rows.length },
  });
  return workbookOf(
    '会员评家结果',
    [
      { header: '工会 / 题目', key: 'name', width: 36 },
      { header: '会员数', key: 'members', width: 10 },
      { header: '参评人数', key: 'responses', width: 10 },
      { header: '参评率', key: 'participation', width: 10 },
      { header: words.satisfied, key: 'satisfied', width: 10 },
      { header: words.fairly_satisfied, key: 'fairly', width: 10 },
      { header: words.dissatisfied, key: 'dissatisfied', width: 10 },
      { header: '满意率', key: 'satisfaction', width: 10 },
    ],
    rows,
  );
}

/** The free-text comments of the subtree, newest first, with the union but never the member. */
export async function listReviewComments(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  q: z.infer<typeof commentsQuery>,
) {
  const { org } = await resultScope(ctx, principal, id, q.orgId);
  const rows = await repo.listComments(ctx.db, id, org.path, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return {
    items: page.items.map((r) => ({
      comment: r.comment ?? '',
      org: { id: r.orgId, name: r.orgName },
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}
