import { and, asc, count, desc, eq, gte, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, containing, containsText, scalarNumber, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import {
  suggestions,
  suggestionSupports,
  unionReviewAnswers,
  unionReviewQuestions,
  unionReviewResponses,
  unionReviews,
} from './suggestions.tables.js';
import type { SuggestionState } from './suggestions.workflow.js';

const authorOrgs = alias(orgs, 'author_org');

// ——— suggestions ———

export async function insertSuggestion(tx: Db, values: typeof suggestions.$inferInsert): Promise<string> {
  const [row] = await tx.insert(suggestions).values(values).returning({ id: suggestions.id });
  return row!.id;
}

/** `viewerMemberId`: whose support `supportedByMe` answers (none for staff). */
function selectSuggestions(db: Db, viewerMemberId: string | null) {
  const s = suggestions;
  return db
    .select({
      id: s.id,
      orgId: s.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      authorMemberId: s.authorMemberId,
      authorName: members.name,
      authorOrgId: s.authorOrgId,
      authorOrgName: authorOrgs.name,
      title: s.title,
      body: s.body,
      supportCount: s.supportCount,
      reply: s.reply,
      repliedAt: s.repliedAt,
      proposalId: s.proposalId,
      sourceProposalId: s.sourceProposalId,
      status: s.status,
      createdAt: s.createdAt,
      supportedByMe: scalarNumber<number>(
        db.$count(
          suggestionSupports,
          and(
            eq(suggestionSupports.suggestionId, s.id),
            viewerMemberId ? eq(suggestionSupports.memberId, viewerMemberId) : sql`false`,
          ),
        ),
      ),
    })
    .from(s)
    .innerJoin(orgs, eq(orgs.id, s.orgId))
    .innerJoin(authorOrgs, eq(authorOrgs.id, s.authorOrgId))
    .innerJoin(members, eq(members.id, s.authorMemberId));
}

export type SuggestionRow = NonNullable<Awaited<ReturnType<typeof findSuggestion>>>;

export async function findSuggestion(db: Db, id: string, viewerMemberId: string | null = null) {
  const [row] = await selectSuggestions(db, viewerMemberId).where(eq(suggestions.id, id));
  return row ?? null;
}

export interface SuggestionFilter {
  /** Staff: suggestions addressed to this subtree. */
  scope?: string;
  /** Members: suggestions addressed to this union or above it, and the member's own. */
  member?: { memberId: string; orgPath: string };
  orgId?: string;
  authorMemberId?: string;
  status?: SuggestionState;
  q?: string;
}

export type SuggestionCursor = { createdAt: string; id: string } | { supportCount: number; id: string };

export async function listSuggestions(
  db: Db,
  f: SuggestionFilter,
  sort: 'recent' | 'supports',
  limit: number,
  cursor: SuggestionCursor | null,
) {
  const s = suggestions;
  const conditions: (SQL | undefined)[] = [
    f.scope !== undefined ? within(orgs.path, f.scope) : undefined,
    f.member ? or(containing(orgs.path, f.member.orgPath), eq(s.authorMemberId, f.member.memberId)) : undefined,
    f.orgId ? eq(s.orgId, f.orgId) : undefined,
    f.authorMemberId ? eq(s.authorMemberId, f.authorMemberId) : undefined,
    f.status ? eq(s.status, f.status) : undefined,
    f.q ? containsText(s.title, f.q) : undefined,
  ];
  if (cursor && 'supportCount' in cursor)
    conditions.push(sql`(${s.supportCount}, ${s.id}) < (${cursor.supportCount}::int, ${cursor.id}::uuid)`);
  else if (cursor) conditions.push(before(s.createdAt, s.id, cursor.createdAt, cursor.id));
  return selectSuggestions(db, f.member?.memberId ?? null)
    .where(and(...conditions))
    .orderBy(...(sort === 'supports' ? [desc(s.supportCount), desc(s.id)] : [desc(s.createdAt), desc(s.id)]))
    .limit(limit + 1);
}

/** The member's suggestions since `since`: what their daily limit counts. */
export async function countSuggestionsSince(db: Db, memberId: string, since: Date): Promise<number> {
  return db.$count(suggestions, and(eq(suggestions.authorMemberId, memberId), gte(suggestions.createdAt, since)));
}

export async function lockSuggestion(tx: Db, id: string): Promise<string | null> {
  const [row] = await tx
    .select({ status: suggestions.status })
    .from(suggestions)
    .where(eq(suggestions.id, id))
    .for('update');
  return row?.status ?? null;
}

/**
 * One support of a member, counted once: the row is inserted unless it exists (a concurrent one waits on the primary
 * key and then finds it), and only an inserted row adds to the count. Null when the member already supports it.
 */
export async function addSupport(tx: Db, suggestionId: string, memberId: string, at: Date): Promise<number | null> {
  const inserted = await tx
    .insert(suggestionSupports)
    .values({ suggestionId, memberId, createdAt: at })
    .onConflictDoNothing()
    .returning({ memberId: suggestionSupports.memberId });
  if (inserted.length === 0) return null;
  const [row] = await tx
    .update(suggestions)
    .set({ supportCount: sql`${suggestions.supportCount} + 1` })
    .where(eq(suggestions.id, suggestionId))
    .returning({ supportCount: suggestions.supportCount });
  return row!.supportCount;
}

export async function countSupports(db: Db, suggestionId: string): Promise<number> {
  return db.$count(suggestionSupports, eq(suggestionSupports.suggestionId, suggestionId));
}

export async function setReply(tx: Db, id: string, reply: string, at: Date, staffId: string | null): Promise<void> {
  await tx.update(suggestions).set({ reply, repliedAt: at, repliedBy: staffId }).where(eq(suggestions.id, id));
}

export async function setProposal(tx: Db, id: string, proposalId: string): Promise<void> {
  await tx.update(suggestions).set({ proposalId }).where(eq(suggestions.id, id));
}

/** The member's union, for a suggestion made for them (a proposal converted into one). */
export async function findMember(db: Db, id: string) {
  const [row] = await db
    .select({ id: members.id, orgId: members.orgId, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, id));
  return row ?? null;
}

// ——— 会员评家 union reviews ———

export async function insertReview(
  tx: Db,
  values: typeof unionReviews.$inferInsert,
  questions: readonly string[],
): Promise<string> {
  const [row] = await tx.insert(unionReviews).values(values).returning({ id: unionReviews.id });
  await tx
    .insert(unionReviewQuestions)
    .values(questions.map((text, i) => ({ reviewId: row!.id, position: i + 1, text })));
  return row!.id;
}

function selectReviews(db: Db, viewerMemberId: string | null) {
  const r = unionReviews;
  return db
    .select({
      id: r.id,
      orgId: r.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: r.title,
      description: r.description,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      createdAt: r.createdAt,
      responseCount: scalarNumber<number>(db.$count(unionReviewResponses, eq(unionReviewResponses.reviewId, r.id))),
      respondedByMe: scalarNumber<number>(
        db.$count(
          unionReviewResponses,
          and(
            eq(unionReviewResponses.reviewId, r.id),
            viewerMemberId ? eq(unionReviewResponses.memberId, viewerMemberId) : sql`false`,
          ),
        ),
      ),
    })
    .from(r)
    .innerJoin(orgs, eq(orgs.id, r.orgId));
}

export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>;

export async function findReview(db: Db, id: string, viewerMemberId: string | null = null) {
  const [row] = await selectReviews(db, viewerMemberId).where(eq(unionReviews.id, id));
  return row ?? null;
}

/** Staff: reviews run in `scope`; members: reviews run by their union or above it. Newest first. */
export async function listReviews(
  db: Db,
  f: { scope: string } | { memberId: string; orgPath: string },
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  const r = unionReviews;
  return selectReviews(db, 'memberId' in f ? f.memberId : null)
    .where(
      and(
        'scope' in f ? within(orgs.path, f.scope) : containing(orgs.path, f.orgPath),
        cursor ? before(r.createdAt, r.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(r.createdAt), desc(r.id))
    .limit(limit + 1);
}

/** The questions of many reviews in one query, in order. */
export async function questionsOf(db: Db, reviewIds: readonly string[]) {
  if (reviewIds.length === 0) return [];
  return db
    .select({
      id: unionReviewQuestions.id,
      reviewId: unionReviewQuestions.reviewId,
      position: unionReviewQuestions.position,
      text: unionReviewQuestions.text,
    })
    .from(unionReviewQuestions)
    .where(anyOf(unionReviewQuestions.reviewId, reviewIds, 'uuid'))
    .orderBy(asc(unionReviewQuestions.reviewId), asc(unionReviewQuestions.position));
}

/** The member's response, unless they have one (a concurrent one waits on the unique index): null then. */
export async function insertResponse(
  tx: Db,
  values: typeof unionReviewResponses.$inferInsert,
  answers: readonly { questionId: string; rating: (typeof unionReviewAnswers.$inferInsert)['rating'] }[],
): Promise<string | null> {
  const [row] = await tx
    .insert(unionReviewResponses)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: unionReviewResponses.id });
  if (!row) return null;
  await tx.insert(unionReviewAnswers).values(answers.map((a) => ({ responseId: row.id, ...a })));
  return row.id;
}

/** Responses to a review by the answering member's union, within `scope`. */
export async function responsesByOrg(db: Db, reviewId: string, scope: string) {
  return db
    .select({ orgPath: orgs.path, responses: count() })
    .from(unionReviewResponses)
    .innerJoin(orgs, eq(orgs.id, unionReviewResponses.orgId))
    .where(and(eq(unionReviewResponses.reviewId, reviewId), within(orgs.path, scope)))
    .groupBy(orgs.path);
}

/** Answers to a review by the answering member's union, question and rating, within `scope`. */
export async function answersByOrg(db: Db, reviewId: string, scope: string) {
  return db
    .select({
      orgPath: orgs.path,
      questionId: unionReviewAnswers.questionId,
      rating: unionReviewAnswers.rating,
      answers: count(),
    })
    .from(unionReviewAnswers)
    .innerJoin(unionReviewResponses, eq(unionReviewResponses.id, unionReviewAnswers.responseId))
    .innerJoin(orgs, eq(orgs.id, unionReviewResponses.orgId))
    .where(and(eq(unionReviewResponses.reviewId, reviewId), within(orgs.path, scope)))
    .groupBy(orgs.path, unionReviewAnswers.questionId, unionReviewAnswers.rating);
}

const grandchildren = alias(orgs, 'grandchild');

/** The unions directly below `orgId`, by name, each saying whether it has unions below it. */
export async function childrenOf(db: Db, orgId: string) {
  return db
    .select({
      id: orgs.id,
      name: orgs.name,
      path: orgs.path,
      below: scalarNumber<number>(
        db.select({ n: count() }).from(grandchildren).where(eq(grandchildren.parentId, orgs.id)),
      ),
    })
    .from(orgs)
    .where(eq(orgs.parentId, orgId))
    .orderBy(asc(orgs.name), asc(orgs.id));
}

/** The free-text comments within `scope`, newest first, without who wrote them. */
export async function listComments(
  db: Db,
  reviewId: string,
  scope: string,
  limit: number,
  cursor: { createdAt: string; id: string } | null,
) {
  const r = unionReviewResponses;
  return db
    .select({ id: r.id, comment: r.comment, orgId: orgs.id, orgName: orgs.name, createdAt: r.createdAt })
    .from(r)
    .innerJoin(orgs, eq(orgs.id, r.orgId))
    .where(
      and(
        eq(r.reviewId, reviewId),
        within(orgs.path, scope),
        isNotNull(r.comment),
        cursor ? before(r.createdAt, r.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(r.createdAt), desc(r.id))
    .limit(limit + 1);
}
