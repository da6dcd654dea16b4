import { and, asc, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { files, orgs, workerAccounts } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, containing, scalarNumber, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { stories, storyCollections, storyLikes, storyPhotos } from './stories.tables.js';
import type { StoryState } from './stories.workflow.js';

const authorOrgs = alias(orgs, 'author_org');

export async function insertStory(tx: Db, values: typeof stories.$inferInsert): Promise<string> {
  const [row] = await tx.insert(stories).values(values).returning({ id: stories.id });
  return row!.id;
}

/** `viewerMemberId`: whose like `likedByMe` answers (none for staff and visitors). */
function selectStories(db: Db, viewerMemberId: string | null) {
  const s = stories;
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
      collectionId: s.collectionId,
      collectionTitle: storyCollections.title,
      title: s.title,
      body: s.body,
      videoUrl: s.videoUrl,
      rejectReason: s.rejectReason,
      likeCount: s.likeCount,
      publishedAt: s.publishedAt,
      status: s.status,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      likedByMe: scalarNumber<number>(
        db.$count(
          storyLikes,
          and(eq(storyLikes.storyId, s.id), viewerMemberId ? eq(storyLikes.memberId, viewerMemberId) : sql`false`),
        ),
      ),
    })
    .from(s)
    .innerJoin(orgs, eq(orgs.id, s.orgId))
    .innerJoin(authorOrgs, eq(authorOrgs.id, s.authorOrgId))
    .innerJoin(members, eq(members.id, s.authorMemberId))
    .leftJoin(storyCollections, eq(storyCollections.id, s.collectionId));
}

export type StoryRow = NonNullable<Awaited<ReturnType<typeof findStory>>>;

export async function findStory(db: Db, id: string, viewerMemberId: string | null = null) {
  const [row] = await selectStories(db, viewerMemberId).where(eq(stories.id, id));
  return row ?? null;
}

export interface StoryFilter {
  /** Staff: stories submitted to this subtree. */
  scope?: string;
  authorMemberId?: string;
  status?: StoryState;
}

export type TimeCursor = { createdAt: string; id: string };

/** Staff queue and the author's own list: newest first. */
export async function listStories(db: Db, f: StoryFilter, limit: number, cursor: TimeCursor | null) {
  const s = stories;
  return selectStories(db, null)
    .where(
      and(
        f.scope !== undefined ? within(orgs.path, f.scope) : undefined,
        f.authorMemberId ? eq(s.authorMemberId, f.authorMemberId) : undefined,
        f.status ? eq(s.status, f.status) : undefined,
        cursor ? before(s.createdAt, s.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(s.createdAt), desc(s.id))
    .limit(limit + 1);
}

export type PublicCursor = { publishedAt: string; id: string } | { likeCount: number; id: string };

/** The showcase: approved stories (of `scope`'s subtree), newest published or most liked first. */
export async function listApproved(
  db: Db,
  f: { scope?: string; collectionId?: string; viewerMemberId: string | null },
  sort: 'recent' | 'likes',
  limit: number,
  cursor: PublicCursor | null,
) {
  const s = stories;
  const conditions: (SQL | undefined)[] = [
    eq(s.status, 'approved'),
    f.scope !== undefined ? within(orgs.path, f.scope) : undefined,
    f.collectionId ? eq(s.collectionId, f.collectionId) : undefined,
  ];
  if (cursor && 'likeCount' in cursor)
    conditions.push(sql`(${s.likeCount}, ${s.id}) < (${cursor.likeCount}::int, ${cursor.id}::uuid)`);
  else if (cursor) conditions.push(before(s.publishedAt, s.id, cursor.publishedAt, cursor.id));
  return selectStories(db, f.viewerMemberId)
    .where(and(...conditions))
    .orderBy(...(sort === 'likes' ? [desc(s.likeCount), desc(s.id)] : [desc(s.publishedAt), desc(s.id)]))
    .limit(limit + 1);
}

/** The member's stories since `since`: what their daily limit counts. */
export async function countStoriesSince(db: Db, memberId: string, since: Date): Promise<number> {
  return db.$count(stories, and(eq(stories.authorMemberId, memberId), gte(stories.createdAt, since)));
}

/** Which of `ids` the member uploaded (POST /api/v1/stories/photos) and no story other than `storyId` holds. */
export async function attachableFileIds(
  db: Db,
  accountId: string,
  ids: string[],
  storyId: string | null,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id, heldBy: storyPhotos.storyId })
    .from(files)
    .leftJoin(storyPhotos, eq(storyPhotos.fileId, files.id))
    .where(and(eq(files.ownerKind, 'worker'), eq(files.ownerId, accountId), inArray(files.id, ids)));
  return new Set(rows.filter((r) => r.heldBy === null || r.heldBy === storyId).map((r) => r.id));
}

/** Sets a story's photos to `fileIds`, in that order (those left out are detached; their files stay the author's). */
export async function setPhotos(tx: Db, storyId: string, fileIds: string[]): Promise<void> {
  await tx.delete(storyPhotos).where(eq(storyPhotos.storyId, storyId));
  if (fileIds.length > 0)
    await tx.insert(storyPhotos).values(fileIds.map((fileId, position) => ({ storyId, fileId, position })));
}

/** The photos of several stories in one query (a page of stories), by story id, in order. */
export async function photosOf(db: Db, storyIds: string[]): Promise<Map<string, string[]>> {
  const byStory = new Map<string, string[]>(storyIds.map((id) => [id, []]));
  if (storyIds.length === 0) return byStory;
  const rows = await db
    .select({ storyId: storyPhotos.storyId, fileId: storyPhotos.fileId })
    .from(storyPhotos)
    .where(anyOf(storyPhotos.storyId, storyIds, 'uuid'))
    .orderBy(asc(storyPhotos.storyId), asc(storyPhotos.position));
  for (const r of rows) byStory.get(r.storyId)?.push(r.fileId);
  return byStory;
}

export async function isPhotoOf(db: Db, storyId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ fileId: storyPhotos.fileId })
    .from(storyPhotos)
    .where(and(eq(storyPhotos.storyId, storyId), eq(storyPhotos.fileId, fileId)));
  return row !== undefined;
}

export async function setContent(
  tx: Db,
  id: string,
  values: { title: string; body: string; videoUrl: string | null; updatedAt: Date },
): Promise<void> {
  await tx
    .update(stories)
    .set({ ...values, rejectReason: null })
    .where(eq(stories.id, id));
}

export async function setRejectReason(tx: Db, id: string, reason: string | null): Promise<void> {
  await tx.update(stories).set({ rejectReason: reason }).where(eq(stories.id, id));
}

export async function setPublished(tx: Db, id: string, at: Date): Promise<void> {
  await tx.update(stories).set({ publishedAt: at, rejectReason: null }).where(eq(stories.id, id));
}

/**
 * The story's status, its row locked until the transaction ends: a story's likes and unlikes queue here (they change
 * its count anyway), and a like cannot slip in beside a concurrent take-down.
 */
export async function lockStoryStatus(tx: Db, id: string): Promise<string | null> {
  const [row] = await tx
    .select({ status: stories.status })
    .from(stories)
    .where(eq(stories.id, id))
    .for('no key update');
  return row?.status ?? null;
}

/**
 * One like of a member, counted once: the row is inserted unless it exists (a concurrent one waits on the primary
 * key and then finds it), and only an inserted row adds to the count. Answers the count after it.
 */
export async function addLike(tx: Db, storyId: string, memberId: string, at: Date): Promise<number> {
  const inserted = await tx
    .insert(storyLikes)
    .values({ storyId, memberId, createdAt: at })
    .onConflictDoNothing()
    .returning({ memberId: storyLikes.memberId });
  return bumpLikes(tx, storyId, inserted.length);
}

/** Takes a member's like back, counted once: only a deleted row takes from the count. */
export async function removeLike(tx: Db, storyId: string, memberId: string): Promise<number> {
  const deleted = await tx
    .delete(storyLikes)
    .where(and(eq(storyLikes.storyId, storyId), eq(storyLikes.memberId, memberId)))
    .returning({ memberId: storyLikes.memberId });
  return bumpLikes(tx, storyId, -deleted.length);
}

async function bumpLikes(tx: Db, storyId: string, by: number): Promise<number> {
  if (by === 0) {
    const [row] = await tx.select({ likeCount: stories.likeCount }).from(stories).where(eq(stories.id, storyId));
    return row!.likeCount;
  }
  const [row] = await tx
    .update(stories)
    .set({ likeCount: sql`${stories.likeCount} + ${by}` })
    .where(eq(stories.id, storyId))
    .returning({ likeCount: stories.likeCount });
  return row!.likeCount;
}

export async function countLikes(db: Db, storyId: string): Promise<number> {
  return db.$count(storyLikes, eq(storyLikes.storyId, storyId));
}

/** The member's account in the app (once they have signed in), to tell them what became of their story. */
export async function workerAccountOfMember(db: Db, memberId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: workerAccounts.id })
    .from(members)
    .innerJoin(workerAccounts, eq(workerAccounts.phoneHash, members.phoneHash))
    .where(eq(members.id, memberId));
  return row?.id ?? null;
}

// ——— 征文活动 calls for stories ———

export async function insertCollection(tx: Db, values: typeof storyCollections.$inferInsert): Promise<string> {
  const [row] = await tx.insert(storyCollections).values(values).returning({ id: storyCollections.id });
  return row!.id;
}

function selectCollections(db: Db) {
  const c = storyCollections;
  return db
    .select({
      id: c.id,
      orgId: c.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: c.title,
      description: c.description,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      createdAt: c.createdAt,
      storyCount: scalarNumber<number>(
        db.$count(stories, and(eq(stories.collectionId, c.id), eq(stories.status, 'approved'))),
      ),
    })
    .from(c)
    .innerJoin(orgs, eq(orgs.id, c.orgId));
}

export type CollectionRow = NonNullable<Awaited<ReturnType<typeof findCollection>>>;

export async function findCollection(db: Db, id: string) {
  const [row] = await selectCollections(db).where(eq(storyCollections.id, id));
  return row ?? null;
}

/**
 * Calls for stories, newest first: run in `scope`'s subtree (staff, the public list; none: all), or by the member's union or one
 * above it and open at `openAt` (what a member may submit to).
 */
export async function listCollections(
  db: Db,
  f: { scope?: string } | { memberOrgPath: string; openAt: Date },
  limit: number,
  cursor: TimeCursor | null,
) {
  const c = storyCollections;
  return selectCollections(db)
    .where(
      and(
        ...('memberOrgPath' in f
          ? [
              containing(orgs.path, f.memberOrgPath),
              sql`${c.opensAt} <= ${f.openAt.toISOString()}::timestamptz`,
              sql`${c.closesAt} > ${f.openAt.toISOString()}::timestamptz`,
            ]
          : [f.scope !== undefined ? within(orgs.path, f.scope) : undefined]),
        cursor ? before(c.createdAt, c.id, cursor.createdAt, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(limit + 1);
}
