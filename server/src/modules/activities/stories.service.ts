import { z } from 'zod';
import { canSee, holdsAnyRole } from '../../kernel/access.js';
import type { Membership, Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { checkUpload, readStoredFile, storeFile, withStagedFile, type FileToServe } from '../../kernel/files.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { notify } from '../../kernel/notifications.js';
import { findOrg, isWithin } from '../../kernel/org-tree.js';
import { decodeCursor, everyPage, paginate } from '../../kernel/pagination.js';
import { maskName } from '../../kernel/pii.js';
import { checkDailyLimit, type DailyLimit } from '../../kernel/quota.js';
import { actorOf, audit, audited, orgInScope, scopeOf, workTime } from '../../kernel/use-case.js';
import { workbookOf } from '../../kernel/xlsx.js';
import {
  applyAction,
  availableActions,
  initialColumns,
  presentTimeline,
  recordStart,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import { authorizeReadActivities, authorizeRunActivities } from './activities.policy.js';
import * as repo from './stories.repository.js';
import type {
  CreateCollectionBody,
  ListCollectionsQuery,
  ListStoriesQuery,
  myCollectionsQuery,
  myStoriesQuery,
  PublicStoriesQuery,
  StoryActionBody,
  SubmitStoryBody,
} from './stories.schemas.js';
import { storyAuthor, storyOfficer, storyWorkflow, type StoryAction, type StoryState } from './stories.workflow.js';

validateDefinition(storyWorkflow);

type Member = WorkerPrincipal & { membership: Membership };

/** A photo's bytes at most: a phone's camera photo, before it is re-encoded without its metadata. */
export const maxStoryPhotoBytes = 10 * 1024 * 1024;
/** Stories fill a moderation queue: a member's and a client address's a day (429 beyond). */
export const storyDailyLimit: DailyLimit = { perApplicant: 10, perAddress: 200 };
/** How much of a story's text a showcase list carries. */
const excerptLength = 140;

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
const publishedCursor = z.object({ publishedAt: z.string(), id: z.uuid() });
const likesCursor = z.object({ likeCount: z.number().int(), id: z.uuid() });

function principalKey(principal: Principal): string {
  return principal.kind === 'worker' ? `worker:${principal.accountId}` : `staff:${principal.staffId}`;
}

function isAuthor(principal: Principal, row: { authorMemberId: string }): boolean {
  return principal.kind === 'worker' && principal.membership?.memberId === row.authorMemberId;
}

/** The parties the caller stands for on a story, for the workflow engine. */
export function storyPartiesOf(principal: Principal, row: { orgPath: string; authorMemberId: string }): string[] {
  if (principal.kind === 'worker') return isAuthor(principal, row) ? [storyAuthor] : [];
  return canSee(principal, row.orgPath) && holdsAnyRole(principal, ['activity_officer']) ? [storyOfficer] : [];
}

// ——— presenting ———

function collectionOf(row: repo.StoryRow) {
  return row.collectionId && row.collectionTitle ? { id: row.collectionId, title: row.collectionTitle } : null;
}

function presentStory(principal: Principal, row: repo.StoryRow, photoIds: string[]) {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    author: { name: row.authorName, org: { id: row.authorOrgId, name: row.authorOrgName } },
    mine: isAuthor(principal, row),
    collection: collectionOf(row),
    title: row.title,
    body: row.body,
    photos: photoIds.map((id) => ({ id, url: `/api/v1/stories/${row.id}/photos/${id}` })),
    videoUrl: row.videoUrl,
    status: row.status as StoryState,
    rejectReason: row.status === 'rejected' ? row.rejectReason : null,
    likeCount: row.likeCount,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    availableActions: availableActions(storyWorkflow, row.status, storyPartiesOf(principal, row)) as StoryAction[],
  };
}

async function presentOne(db: Db, principal: Principal, id: string) {
  const viewer = principal.kind === 'worker' ? (principal.membership?.memberId ?? null) : null;
  const row = (await repo.findStory(db, id, viewer))!;
  const photos = (await repo.photosOf(db, [id])).get(id) ?? [];
  const timeline = await timelineOf(db, storyWorkflow, id);
  return { ...presentStory(principal, row, photos), timeline: presentTimeline(timeline) };
}

/** What the showcase shows of an approved story: no ids of the author, the name masked, the text whole or cut. */
function presentPublic(row: repo.StoryRow, photoIds: string[], whole: boolean) {
  const chars = [...row.body];
  return {
    id: row.id,
    collection: collectionOf(row),
    title: row.title,
    body: whole || chars.length <= excerptLength ? row.body : `${chars.slice(0, excerptLength).join('')}…`,
    author: { name: maskName(row.authorName), org: row.authorOrgName },
    photos: photoIds.map((id) => ({ id, url: `/api/v1/public/stories/${row.id}/photos/${id}` })),
    videoUrl: row.videoUrl,
    likeCount: row.likeCount,
    likedByMe: row.likedByMe > 0,
    publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
  };
}

// ——— notifying the author ———

async function tellAuthor(
  tx: Db,
  row: { id: string; authorMemberId: string; title: string },
  message: { title: string; body: string; link: string },
): Promise<void> {
  const accountId = await repo.workerAccountOfMember(tx, row.authorMemberId);
  if (accountId) await notify(tx, { recipientKind: 'worker', recipientId: accountId, ...message });
}

function noticeOf(row: { id: string; title: string }, action: StoryAction, reason: string | null) {
  if (action === 'approve')
    return {
      title: '您的职工故事已通过审核',
      body: `《${row.title}》已在故事展示中发布`,
      link: `/p/stories/${row.id}`,
    };
  if (action === 'reject')
    return { title: '您的职工故事未通过审核', body: `《${row.title}》：${reason ?? ''}`, link: '/stories/mine' };
  if (action === 'take_down')
    return { title: '您的职工故事已被撤下', body: `《${row.title}》：${reason ?? ''}`, link: '/stories/mine' };
  return null;
}

// ——— photos ———

/** A photo for a story (PNG or JPEG, re-encoded without its metadata), uploaded by a member before the story cites it. */
export async function uploadStoryPhoto(
  ctx: AppContext,
  member: Member,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  const upload = await checkUpload(await readUpload(), { allowed: ['png', 'jpeg'], maxBytes: maxStoryPhotoBytes });
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      member,
      (tx) => storeFile(tx, staged, { ownerKind: 'worker', ownerId: member.accountId }),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, for: 'story' },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

/** Only the member's own uploads that no other story holds: else 400 on the id's path. */
async function checkPhotos(tx: Db, member: Member, photoIds: string[], storyId: string | null): Promise<void> {
  const attachable = await repo.attachableFileIds(tx, member.accountId, photoIds, storyId);
  const foreign = photoIds.findIndex((p) => !attachable.has(p));
  if (foreign >= 0) throw validationFailed([{ path: `photoIds.${foreign}`, code: 'invalid', message: '' }]);
}

// ——— submitting ———

/**
 * A member submits a story to their union, or to one above it (`orgId`; any other is as if it did not exist: 404);
 * it waits for the union's activity officers (pending). A retry with the same Idempotency-Key gets the first answer;
 * a daily limit per member and per client address (429).
 */
export async function submitStory(
  ctx: AppContext,
  member: Member,
  input: SubmitStoryBody,
  idempotencyKey: string | undefined,
  clientAddress: string,
) {
  const photoIds = [...new Set(input.photoIds ?? [])];
  const answer = await runIdempotent(
    ctx.db,
    { principal: principalKey(member), scope: 'story.submit', key: idempotencyKey, payload: input },
    async (tx) => {
      const quota = await checkDailyLimit(tx, ctx.addressQuotas, {
        kind: 'story',
        limit: storyDailyLimit,
        applicant: member.membership.memberId,
        address: clientAddress,
        now: ctx.clock.now(),
        countSince: (since) => repo.countStoriesSince(tx, member.membership.memberId, since),
      });
      const org = input.orgId ? await findOrg(tx, input.orgId) : null;
      if (input.orgId && (!org || !isWithin(member.membership.orgPath, org.path))) throw new AppError('NOT_FOUND');
      const collection = input.collectionId ? await collectionFor(ctx, tx, member, input.collectionId) : null;
      if (collection && org && org.id !== collection.orgId)
        throw validationFailed([{ path: 'orgId', code: 'not_the_collections_union', message: '' }]);
      const orgId = collection?.orgId ?? org?.id ?? member.membership.orgId;
      await checkPhotos(tx, member, photoIds, null);
      const time = workTime(ctx);
      const id = await repo.insertStory(tx, {
        orgId,
        authorMemberId: member.membership.memberId,
        authorOrgId: member.membership.orgId,
        collectionId: collection?.id ?? null,
        title: input.title,
        body: input.body,
        videoUrl: input.videoUrl ?? null,
        createdAt: time.now,
        updatedAt: time.now,
        ...initialColumns(storyWorkflow, time),
      });
      await repo.setPhotos(tx, id, photoIds);
      await recordStart(tx, storyWorkflow, id, {
        action: 'submit',
        actor: actorOf(member),
        parties: [storyAuthor],
        orgId,
        data: { photos: photoIds.length, video: input.videoUrl !== undefined, collectionId: collection?.id ?? null },
        time,
      });
      await quota.count();
      return { statusCode: 201, body: await presentOne(tx, member, id) };
    },
  );
  return answer.body;
}

// ——— reading (author and staff) ———

/** The author, and staff over the story's union (403 without an activities role); 404 to everyone else. */
async function visibleStory(ctx: AppContext, principal: Principal, id: string): Promise<repo.StoryRow> {
  if (principal.kind === 'worker' && !principal.membership) throw new AppError('MEMBERSHIP_REQUIRED');
  const row = await repo.findStory(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (principal.kind === 'worker') {
    if (!isAuthor(principal, row)) throw new AppError('NOT_FOUND');
    return row;
  }
  authorizeReadActivities(principal, row.orgPath);
  return row;
}

export async function getStory(ctx: AppContext, principal: Principal, id: string) {
  await visibleStory(ctx, principal, id);
  return presentOne(ctx.db, principal, id);
}

async function pageOfStories(
  ctx: AppContext,
  principal: Principal,
  filter: repo.StoryFilter,
  q: { limit: number; cursor?: string | undefined },
) {
  const rows = await repo.listStories(ctx.db, filter, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const photos = await repo.photosOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return {
    items: page.items.map((r) => presentStory(principal, r, photos.get(r.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}

/** Staff: the stories submitted to their subtree (or `orgId`'s), newest first; `status=pending` is the queue. */
export async function listStories(ctx: AppContext, principal: StaffPrincipal, q: ListStoriesQuery) {
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeReadActivities);
  return pageOfStories(ctx, principal, { scope, ...(q.status ? { status: q.status } : {}) }, q);
}

const statusWords: Record<StoryState, string> = {
  pending: '待审核',
  approved: '已发布',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** The staff list as a workbook (the same filters), every page of it; the export is audited. */
export async function exportStories(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: Omit<ListStoriesQuery, 'limit' | 'cursor'>,
) {
  const rows = await everyPage(
    (cursor) => listStories(ctx, principal, { ...q, limit: 100, cursor }),
    (s) => ({
      createdAt: s.createdAt,
      title: s.title,
      author: s.author.name,
      authorOrg: s.author.org.name,
      org: s.org.name,
      collection: s.collection?.title ?? '',
      status: statusWords[s.status],
      photos: s.photos.length,
      video: s.videoUrl ?? '',
      likes: s.likeCount,
      publishedAt: s.publishedAt,
      reason: s.rejectReason ?? '',
    }),
  );
  await audit(ctx, principal, {
    action: 'story.export',
    objectType: 'story',
    objectId: null,
    orgId: principal.orgId,
    details: { rows: rows.length, ...q },
  });
  return workbookOf(
    '职工故事',
    [
      { header: '提交时间', key: 'createdAt', width: 17, kind: 'datetime' },
      { header: '标题', key: 'title', width: 30 },
      { header: '作者', key: 'author', width: 10 },
      { header: '作者所在工会', key: 'authorOrg', width: 22 },
      { header: '提交至', key: 'org', width: 22 },
      { header: '征文活动', key: 'collection', width: 20 },
      { header: '状态', key: 'status', width: 10 },
      { header: '照片', key: 'photos', width: 8 },
      { header: '视频链接', key: 'video', width: 30 },
      { header: '点赞', key: 'likes', width: 8 },
      { header: '发布时间', key: 'publishedAt', width: 17, kind: 'datetime' },
      { header: '未通过原因', key: 'reason', width: 30 },
    ],
    rows,
  );
}

/** The member's own stories in every state, newest first, with the reason of a rejection. */
export async function myStories(ctx: AppContext, member: Member, q: z.infer<typeof myStoriesQuery>) {
  return pageOfStories(ctx, member, { authorMemberId: member.membership.memberId }, q);
}

// ——— moderation and editing ———

/**
 * approve, reject {reason}, take_down {reason} (the union's activity officers); resubmit {title, body, photoIds?,
 * videoUrl?} (the author edits a rejected story: pending again), withdraw (the author, while pending or rejected).
 * The author is told of approval, rejection and take-down, with the reason.
 */
export async function actOnStory(
  ctx: AppContext,
  principal: Principal,
  id: string,
  body: StoryActionBody,
  idempotencyKey: string | undefined,
) {
  const row = await visibleStory(ctx, principal, id);
  const photoIds = body.action === 'resubmit' ? [...new Set(body.photoIds ?? [])] : [];
  const answer = await runIdempotent(
    ctx.db,
    { principal: principalKey(principal), scope: 'story.action', key: idempotencyKey, payload: { id, body } },
    async (tx) => {
      const time = workTime(ctx);
      const reason = body.action === 'reject' || body.action === 'take_down' ? body.reason : null;
      const note = body.action === 'approve' || body.action === 'withdraw' ? (body.note ?? null) : reason;
      if (body.action === 'resubmit' && principal.kind === 'worker' && principal.membership)
        await checkPhotos(tx, principal as Member, photoIds, id);
      await applyAction(tx, storyWorkflow, id, body.action, {
        actor: actorOf(principal),
        parties: storyPartiesOf(principal, row),
        orgId: row.orgId,
        note,
        time,
      });
      if (body.action === 'approve') await repo.setPublished(tx, id, time.now);
      if (reason !== null) await repo.setRejectReason(tx, id, reason);
      if (body.action === 'resubmit') {
        await repo.setContent(tx, id, {
          title: body.title,
          body: body.body,
          videoUrl: body.videoUrl ?? null,
          updatedAt: time.now,
        });
        await repo.setPhotos(tx, id, photoIds);
      }
      const notice = noticeOf(row, body.action, reason);
      if (notice) await tellAuthor(tx, row, notice);
      return { statusCode: 200, body: await presentOne(tx, principal, id) };
    },
  );
  return answer.body;
}

// ——— likes ———

/** An approved story, to like it: any other is as if it did not exist (404). */
async function likeable(tx: Db, id: string): Promise<void> {
  if ((await repo.lockStoryStatus(tx, id)) !== 'approved') throw new AppError('NOT_FOUND');
}

/** A member likes an approved story, once: a repeat changes nothing and answers the same. */
export async function likeStory(ctx: AppContext, member: Member, id: string) {
  return ctx.db.transaction(async (tx) => {
    await likeable(tx, id);
    const likeCount = await repo.addLike(tx, id, member.membership.memberId, ctx.clock.now());
    return { liked: true, likeCount };
  });
}

/** A member takes their like back; without one it changes nothing. */
export async function unlikeStory(ctx: AppContext, member: Member, id: string) {
  return ctx.db.transaction(async (tx) => {
    await likeable(tx, id);
    const likeCount = await repo.removeLike(tx, id, member.membership.memberId);
    return { liked: false, likeCount };
  });
}

// ——— the public showcase ———

function viewerOf(principal: Principal | null): string | null {
  return principal?.kind === 'worker' ? (principal.membership?.memberId ?? null) : null;
}

/**
 * The showcase (no sign-in): approved stories, newest published first or most liked first, of the whole federation
 * or of `orgId`'s subtree; names masked, no identifiers of the author. A signed-in member sees which they like.
 */
export async function listPublicStories(ctx: AppContext, principal: Principal | null, q: PublicStoriesQuery) {
  let scope: string | undefined;
  if (q.orgId) {
    const org = await findOrg(ctx.db, q.orgId);
    if (!org) throw new AppError('NOT_FOUND');
    scope = org.path;
  }
  const sort = q.sort ?? 'recent';
  const cursor = sort === 'likes' ? decodeCursor(q.cursor, likesCursor) : decodeCursor(q.cursor, publishedCursor);
  const rows = await repo.listApproved(
    ctx.db,
    { scope, viewerMemberId: viewerOf(principal), ...(q.collectionId ? { collectionId: q.collectionId } : {}) },
    sort,
    q.limit,
    cursor,
  );
  const page = paginate(rows, q.limit, (r): Record<string, string | number> =>
    sort === 'likes'
      ? { likeCount: r.likeCount, id: r.id }
      : { publishedAt: (r.publishedAt ?? r.updatedAt).toISOString(), id: r.id },
  );
  const photos = await repo.photosOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return {
    items: page.items.map((r) => presentPublic(r, photos.get(r.id) ?? [], false)),
    nextCursor: page.nextCursor,
  };
}

/** One approved story, whole (no sign-in); any other is 404. */
export async function getPublicStory(ctx: AppContext, principal: Principal | null, id: string) {
  const row = await repo.findStory(ctx.db, id, viewerOf(principal));
  if (!row || row.status !== 'approved') throw new AppError('NOT_FOUND');
  return presentPublic(row, (await repo.photosOf(ctx.db, [id])).get(id) ?? [], true);
}

/** A photo of an approved story, to anyone; else 404. */
export async function publicStoryPhoto(ctx: AppContext, id: string, fileId: string): Promise<FileToServe> {
  const row = await repo.findStory(ctx.db, id);
  const file =
    row && row.status === 'approved' && (await repo.isPhotoOf(ctx.db, id, fileId))
      ? await readStoredFile(ctx.db, ctx.fileStorage, fileId)
      : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

/** A photo of a story in any state, to its author and to staff over its union; else 404. */
export async function storyPhoto(ctx: AppContext, principal: Principal, id: string, fileId: string) {
  await visibleStory(ctx, principal, id);
  const file = (await repo.isPhotoOf(ctx.db, id, fileId))
    ? await readStoredFile(ctx.db, ctx.fileStorage, fileId)
    : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

// ——— 征文活动 calls for stories ———

/** A call is open from `opensAt` (inclusive) to `closesAt` (exclusive). */
export function isCollectionOpen(c: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return c.opensAt.getTime() <= now.getTime() && now.getTime() < c.closesAt.getTime();
}

/**
 * The call a member submits to: run by their union or one above it (else 404, as if it did not exist), and open now
 * (else 409 ACTIVITY_NOT_OPEN). A rejected story resubmitted later stays in its call, open or not.
 */
async function collectionFor(ctx: AppContext, tx: Db, member: Member, id: string): Promise<repo.CollectionRow> {
  const collection = await repo.findCollection(tx, id);
  if (!collection || !isWithin(member.membership.orgPath, collection.orgPath)) throw new AppError('NOT_FOUND');
  if (!isCollectionOpen(collection, ctx.clock.now())) throw new AppError('ACTIVITY_NOT_OPEN');
  return collection;
}

function presentCollection(row: repo.CollectionRow, now: Date) {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    title: row.title,
    description: row.description,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    open: isCollectionOpen(row, now),
    storyCount: row.storyCount,
    createdAt: row.createdAt.toISOString(),
  };
}

/** An activity officer opens a call for stories (征文活动) of their union or one below it, with its window. */
export async function createStoryCollection(ctx: AppContext, principal: StaffPrincipal, input: CreateCollectionBody) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunActivities);
  const opensAt = input.opensAt ? new Date(input.opensAt) : ctx.clock.now();
  const closesAt = input.closesAt ? new Date(input.closesAt) : new Date(opensAt.getTime() + 30 * 86_400_000);
  if (closesAt.getTime() <= opensAt.getTime())
    throw validationFailed([{ path: 'closesAt', code: 'before_opening', message: '' }]);
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertCollection(tx, {
        orgId: org.id,
        title: input.title,
        description: input.description ?? null,
        opensAt,
        closesAt,
        createdBy: principal.staffId,
        createdAt: ctx.clock.now(),
      }),
    (collectionId) => ({
      action: 'story_collection.create',
      objectType: 'story_collection',
      objectId: collectionId,
      orgId: org.id,
    }),
  );
  return presentCollection((await repo.findCollection(ctx.db, id))!, ctx.clock.now());
}

async function pageOfCollections(
  ctx: AppContext,
  filter: Parameters<typeof repo.listCollections>[1],
  q: { limit: number; cursor?: string | undefined },
) {
  const rows = await repo.listCollections(ctx.db, filter, q.limit, decodeCursor(q.cursor, timeCursor));
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  const now = ctx.clock.now();
  return { items: page.items.map((r) => presentCollection(r, now)), nextCursor: page.nextCursor };
}

/** Staff: the calls run in their subtree (or `orgId`'s), newest first. */
export async function listStoryCollections(ctx: AppContext, principal: StaffPrincipal, q: ListCollectionsQuery) {
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeReadActivities);
  return pageOfCollections(ctx, { scope }, q);
}

/** The calls open now that the member may submit to: their union's and those above it. */
export async function myStoryCollections(ctx: AppContext, member: Member, q: z.infer<typeof myCollectionsQuery>) {
  return pageOfCollections(ctx, { memberOrgPath: member.membership.orgPath, openAt: ctx.clock.now() }, q);
}

/** The public list (no sign-in): every call of the federation, or of `orgId`'s subtree, newest first. */
export async function listPublicStoryCollections(ctx: AppContext, q: ListCollectionsQuery) {
  const org = q.orgId ? await findOrg(ctx.db, q.orgId) : null;
  if (q.orgId && !org) throw new AppError('NOT_FOUND');
  return pageOfCollections(ctx, org ? { scope: org.path } : {}, q);
}
