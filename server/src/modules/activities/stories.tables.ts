import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files, orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/**
 * 征文活动: a call for stories on a theme (西安's 我的十年故事 column), run by a union's activity officers within a
 * window; members of the union's subtree submit stories to it while it is open.
 */
export const storyCollections = pgTable(
  'story_collections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('story_collections_org_idx').on(t.orgId, t.opensAt),
    check('story_collections_window_ck', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/**
 * 职工故事: a member's story (text, photos, a video link) submitted to their union or one above it. The union's
 * activity officers moderate it (stories.workflow.ts); approved, it is shown in the public showcase and liked.
 */
export const stories = pgTable(
  'stories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The union it is submitted to: the author's own (default) or an ancestor. Its officers moderate it. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    authorMemberId: uuid('author_member_id')
      .notNull()
      .references(() => members.id),
    /** The author's union when submitting: the showcase names it beside the masked name. */
    authorOrgId: uuid('author_org_id')
      .notNull()
      .references(() => orgs.id),
    /** The call for stories (征文活动) it answers, if any: its union is the story's. */
    collectionId: uuid('collection_id').references(() => storyCollections.id),
    title: text('title').notNull(),
    /** Plain text: stored as typed, shown as text (never as HTML) by every client. */
    body: text('body').notNull(),
    /** An https link to a video (the platforms' players); never fetched by the server. */
    videoUrl: text('video_url'),
    /** The reason of the last rejection or take-down, for the author; cleared when resubmitted. */
    rejectReason: text('reject_reason'),
    /** How many members like it: kept with the likes in one transaction (a row there, ±1 here). */
    likeCount: integer('like_count').notNull().default(0),
    /** When it was last approved: the showcase's order. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    status: text('status').notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stories_org_status_idx').on(t.orgId, t.status, t.createdAt),
    index('stories_author_idx').on(t.authorMemberId, t.createdAt),
    index('stories_published_idx').on(t.status, t.publishedAt),
    index('stories_collection_idx').on(t.collectionId, t.status),
    check('stories_like_count_ck', sql`${t.likeCount} >= 0`),
  ],
);

/** A story's photos, in the author's order; each uploaded file belongs to one story. */
export const storyPhotos = pgTable(
  'story_photos',
  {
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.fileId] }), uniqueIndex('story_photos_file_uq').on(t.fileId)],
);

/** One member's like of a story: the primary key makes it once, whatever the concurrency. */
export const storyLikes = pgTable(
  'story_likes',
  {
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.memberId] })],
);
