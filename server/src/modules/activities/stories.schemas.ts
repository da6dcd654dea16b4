import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { timelineView } from '../../kernel/workflow.js';
import { storyActions, storyStates } from './stories.workflow.js';

export const storyIdParams = z.object({ id: z.uuid() }).strict();
export const storyPhotoParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();
const ref = z.object({ id: z.uuid(), name: z.string() });

/** At most this many photos to a story. */
export const maxStoryPhotos = 9;

/**
 * A video link: https only, a host name with a dot, no credentials in it. The server never fetches it; the apps show
 * it as a link that opens in a new tab (the video platforms' own players).
 */
export function isVideoLink(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname.includes('.') && url.username === '' && url.password === '';
}

const videoUrl = z
  .string()
  .trim()
  .max(500)
  .refine(isVideoLink, { message: 'https_only' })
  .describe('an https link to the video (视频号, 抖音, B站…): never fetched by the server');

const content = {
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(10_000).describe('plain text; every client shows it as text'),
  photoIds: z
    .array(z.uuid())
    .max(maxStoryPhotos)
    .optional()
    .describe(
      `photos uploaded by the caller through POST /api/v1/stories/photos (at most ${maxStoryPhotos}), in order`,
    ),
  videoUrl: videoUrl.optional(),
};

export const submitStoryBody = z
  .object({
    ...content,
    orgId: z.uuid().optional().describe("the union it is submitted to: the member's own (default) or one above it"),
    collectionId: z
      .uuid()
      .optional()
      .describe(
        "an open call for stories (征文活动) of the member's union or one above it: the story goes to its union",
      ),
  })
  .strict();
export type SubmitStoryBody = z.infer<typeof submitStoryBody>;

const reason = z.string().trim().min(1).max(1000);
const note = z.string().trim().max(1000).optional();

export const storyActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), note }).strict(),
  z.object({ action: z.literal('reject'), reason }).strict(),
  z.object({ action: z.literal('take_down'), reason }).strict(),
  z
    .object({ action: z.literal('resubmit'), ...content })
    .strict()
    .describe('the author sends the edited story (its whole content: what is left out is removed)'),
  z.object({ action: z.literal('withdraw'), note }).strict(),
]);
export type StoryActionBody = z.infer<typeof storyActionBody>;

export const storyPhotoView = z.object({
  id: z.uuid(),
  url: z.string().describe('where the photo is served (public once the story is approved)'),
});

/** A story as its author and staff read it. */
export const storyView = z.object({
  id: z.uuid(),
  org: ref.describe('the union it is submitted to'),
  author: z.object({
    name: z.string().describe('staff and the author read the name; it is masked (张*明) everywhere else'),
    org: ref.describe("the author's union when submitting"),
  }),
  mine: z.boolean(),
  collection: z.object({ id: z.uuid(), title: z.string() }).nullable().describe('the call for stories it answers'),
  title: z.string(),
  body: z.string(),
  photos: z.array(storyPhotoView),
  videoUrl: z.string().nullable(),
  status: z.enum(storyStates),
  rejectReason: z.string().nullable().describe('why it was rejected or taken down (while rejected)'),
  likeCount: z.number().int(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  availableActions: z.array(z.enum(storyActions)).describe('what the caller may do now'),
  timeline: timelineView.optional(),
});
export const storyPage = pageOf(storyView.omit({ timeline: true }));

export const listStoriesQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("the subtree (default the caller's)"),
    status: z.enum(storyStates).optional().describe('pending: the moderation queue'),
  })
  .strict();
export type ListStoriesQuery = z.infer<typeof listStoriesQuery>;
export const exportStoriesQuery = listStoriesQuery.omit({ limit: true, cursor: true });
export const myStoriesQuery = pageQuery.strict();

/** A story in the public showcase: no identifiers of the author, the name masked. */
export const publicStoryView = z.object({
  id: z.uuid(),
  collection: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  title: z.string(),
  body: z.string().describe('the whole text on the story page; its first 140 characters in lists'),
  author: z.object({ name: z.string().describe('masked: 张*明'), org: z.string().describe("the author's union") }),
  photos: z.array(storyPhotoView),
  videoUrl: z.string().nullable(),
  likeCount: z.number().int(),
  likedByMe: z.boolean().describe('a signed-in member likes it; false for everyone else'),
  publishedAt: z.string(),
});
export const publicStoryPage = pageOf(publicStoryView);
export const publicStoriesQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe('stories submitted to this union or below it'),
    collectionId: z.uuid().optional().describe('the stories of one call for stories'),
    sort: z.enum(['recent', 'likes']).optional().describe('recent (default): newest first; likes: most liked first'),
  })
  .strict();
export type PublicStoriesQuery = z.infer<typeof publicStoriesQuery>;

export const likeReply = z.object({ liked: z.boolean(), likeCount: z.number().int() });

export const photoUploadReply = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
});

// ——— 征文活动 calls for stories ———

const isoTime = z.iso.datetime({ offset: true });

export const createCollectionBody = z
  .object({
    orgId: z.uuid().describe('the union running it: members of its subtree submit to it'),
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000).optional(),
    opensAt: isoTime.optional().describe('default now'),
    closesAt: isoTime.optional().describe('default 30 days after it opens'),
  })
  .strict()
  .refine(
    (v) =>
      !v.opensAt ||
      !v.closesAt ||
      Number.isNaN(Date.parse(v.opensAt)) ||
      Date.parse(v.closesAt) > Date.parse(v.opensAt),
    { path: ['closesAt'], message: 'invalid' },
  );
export type CreateCollectionBody = z.infer<typeof createCollectionBody>;

export const collectionView = z.object({
  id: z.uuid(),
  org: z.object({ id: z.uuid(), name: z.string() }),
  title: z.string(),
  description: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean().describe('stories are taken now'),
  storyCount: z.number().int().describe('its approved stories'),
  createdAt: z.string(),
});
export const collectionPage = pageOf(collectionView);
export const listCollectionsQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("staff: the subtree (default the caller's); public: the union and below"),
  })
  .strict();
export type ListCollectionsQuery = z.infer<typeof listCollectionsQuery>;
export const myCollectionsQuery = pageQuery.strict();
