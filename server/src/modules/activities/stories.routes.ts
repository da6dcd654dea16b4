import type { FastifyInstance } from 'fastify';
import { requireMember, requireSignedIn, requireStaff } from '../../kernel/auth.js';
import { sendStoredFile } from '../../kernel/files.js';
import { idempotencyKeyOf, uploadRoute, zodRoutes } from '../../kernel/http.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import * as s from './stories.schemas.js';
import {
  actOnStory,
  createStoryCollection,
  exportStories,
  listPublicStoryCollections,
  listStoryCollections,
  myStoryCollections,
  getPublicStory,
  getStory,
  likeStory,
  listPublicStories,
  listStories,
  maxStoryPhotoBytes,
  myStories,
  publicStoryPhoto,
  storyPhoto,
  submitStory,
  unlikeStory,
  uploadStoryPhoto,
} from './stories.service.js';

/** 职工故事: members' stories, their moderation, the public showcase and its likes. */
export async function storyRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['activities'];

  uploadRoute(
    app,
    '/api/v1/stories/photos',
    {
      tags,
      description:
        'multipart/form-data with one PNG or JPEG (10 MB at most, re-encoded without its metadata): a photo a member attaches by id to their story',
      reply: s.photoUploadReply,
      maxBytes: maxStoryPhotoBytes,
      caller: requireMember,
    },
    (caller, read) => uploadStoryPhoto(ctx, caller, read),
  );
  r.post(
    '/api/v1/stories',
    {
      schema: {
        tags,
        description:
          'A member submits a story (text, photos, an https video link) to their union or one above it: pending until an activity officer approves it; accepts Idempotency-Key',
        body: s.submitStoryBody,
        response: { 201: s.storyView },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await submitStory(ctx, requireMember(req.principal), req.body, idempotencyKeyOf(req), req.ip)),
  );
  r.get(
    '/api/v1/stories',
    {
      schema: {
        tags,
        description: 'Staff: the stories submitted to a subtree, newest first; status=pending is the moderation queue',
        querystring: s.listStoriesQuery,
        response: { 200: s.storyPage },
      },
    },
    async (req) => listStories(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/stories/export.xlsx',
    {
      schema: {
        tags,
        description: 'Staff: the stories list as an Excel workbook, with the same filters',
        querystring: s.exportStoriesQuery,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header(
          'content-disposition',
          `attachment; filename="stories.xlsx"; filename*=UTF-8''${encodeURIComponent('职工故事.xlsx')}`,
        )
        .send(await exportStories(ctx, requireStaff(req.principal), req.query)),
  );
  r.get(
    '/api/v1/me/stories',
    {
      schema: {
        tags,
        description: "The member's own stories in every state, with the reason of a rejection",
        querystring: s.myStoriesQuery,
        response: { 200: s.storyPage },
      },
    },
    async (req) => myStories(ctx, requireMember(req.principal), req.query),
  );
  r.get(
    '/api/v1/stories/:id',
    {
      schema: {
        tags,
        description: 'A story with its timeline, to its author and to staff over its union',
        params: s.storyIdParams,
        response: { 200: s.storyView },
      },
    },
    async (req) => getStory(ctx, requireSignedIn(req.principal), req.params.id),
  );
  r.get(
    '/api/v1/stories/:id/photos/:fileId',
    {
      schema: {
        tags,
        description: "A story's photo in any state, to its author and staff over its union; sandboxed, not cached",
        params: s.storyPhotoParams,
        produces: ['image/png', 'image/jpeg'],
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await storyPhoto(ctx, requireSignedIn(req.principal), req.params.id, req.params.fileId),
        'private, no-store',
      ),
  );
  r.post(
    '/api/v1/stories/:id/actions',
    {
      schema: {
        tags,
        description:
          'approve, reject {reason}, take_down {reason} (activity officers over its union); resubmit {title, body, photoIds?, videoUrl?} and withdraw (the author); accepts Idempotency-Key',
        params: s.storyIdParams,
        body: s.storyActionBody,
        response: { 200: s.storyView },
      },
    },
    async (req) => actOnStory(ctx, requireSignedIn(req.principal), req.params.id, req.body, idempotencyKeyOf(req)),
  );
  r.put(
    '/api/v1/stories/:id/like',
    {
      schema: {
        tags,
        description: 'A member likes an approved story, once: a repeat changes nothing',
        params: s.storyIdParams,
        response: { 200: s.likeReply },
      },
    },
    async (req) => likeStory(ctx, requireMember(req.principal), req.params.id),
  );
  r.delete(
    '/api/v1/stories/:id/like',
    {
      schema: {
        tags,
        description: 'A member takes their like back; without one it changes nothing',
        params: s.storyIdParams,
        response: { 200: s.likeReply },
      },
    },
    async (req) => unlikeStory(ctx, requireMember(req.principal), req.params.id),
  );

  r.get(
    '/api/v1/public/stories',
    {
      schema: {
        tags,
        description:
          'The showcase, no sign-in: approved stories, newest or most liked first, names masked and no identifiers',
        querystring: s.publicStoriesQuery,
        response: { 200: s.publicStoryPage },
      },
    },
    async (req) => listPublicStories(ctx, req.principal, req.query),
  );
  r.get(
    '/api/v1/public/stories/:id',
    {
      schema: {
        tags,
        description: 'An approved story, whole, no sign-in',
        params: s.storyIdParams,
        response: { 200: s.publicStoryView },
      },
    },
    async (req) => getPublicStory(ctx, req.principal, req.params.id),
  );
  r.get(
    '/api/v1/public/stories/:id/photos/:fileId',
    {
      schema: {
        tags,
        description: "An approved story's photo, no sign-in; sandboxed, cached briefly (a take-down ends it soon)",
        params: s.storyPhotoParams,
        produces: ['image/png', 'image/jpeg'],
      },
    },
    async (req, reply) =>
      sendStoredFile(reply, await publicStoryPhoto(ctx, req.params.id, req.params.fileId), 'public, max-age=300'),
  );

  r.post(
    '/api/v1/story-collections',
    {
      schema: {
        tags,
        description:
          "An activity officer opens a call for stories (征文活动) of their union or one below it, with a window: members of the union's subtree submit to it while it is open",
        body: s.createCollectionBody,
        response: { 201: s.collectionView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createStoryCollection(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/story-collections',
    {
      schema: {
        tags,
        description: 'Staff: the calls for stories run in a subtree, newest first',
        querystring: s.listCollectionsQuery,
        response: { 200: s.collectionPage },
      },
    },
    async (req) => listStoryCollections(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/me/story-collections',
    {
      schema: {
        tags,
        description: "The calls for stories open now that the member may submit to (their union's and those above it)",
        querystring: s.myCollectionsQuery,
        response: { 200: s.collectionPage },
      },
    },
    async (req) => myStoryCollections(ctx, requireMember(req.principal), req.query),
  );
  r.get(
    '/api/v1/public/story-collections',
    {
      schema: {
        tags,
        description: 'The calls for stories, no sign-in, newest first (of a union and below it)',
        querystring: s.listCollectionsQuery,
        response: { 200: s.collectionPage },
      },
    },
    async (req) => listPublicStoryCollections(ctx, req.query),
  );
}
