import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, ltree } from './types.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** The union hierarchy: 全国总工会 → 省总 → 市总 → 区县总 → 街道 → 基层工会, plus industry unions and service centres. */
export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    path: ltree('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    regionCode: text('region_code'),
    createdAt: createdAt(),
  },
  (t) => [
    index('orgs_path_gist').using('gist', t.path),
    index('orgs_parent_idx').on(t.parentId),
    index('orgs_region_idx').on(t.regionCode),
    uniqueIndex('orgs_parent_name_uq').on(t.parentId, t.name),
  ],
);

export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name'),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    roles: text('roles').array().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('staff_username_uq').on(sql`lower(${t.username})`), index('staff_org_idx').on(t.orgId)],
);

export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_user_at_idx').on(t.username, t.at)],
);

/** A person who signed in by phone: a member when member_id is set, otherwise a worker not (yet) in the registry. */
export const workerAccounts = pgTable(
  'worker_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phoneHash: text('phone_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    createdAt: createdAt(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('worker_accounts_phone_uq').on(t.phoneHash)],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_subject_idx').on(t.subjectKind, t.subjectId)],
);

export const smsCodes = pgTable(
  'sms_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    phoneHash: text('phone_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    clientAddress: text('client_address').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('sms_codes_phone_idx').on(t.phoneHash, t.sentAt),
    index('sms_codes_addr_idx').on(t.clientAddress, t.sentAt),
  ],
);

/** Append-only and hash-chained: each row's hash covers its content and the previous row's hash. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    orgId: uuid('org_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_object_idx').on(t.objectType, t.objectId), index('audit_org_idx').on(t.orgId, t.seq)],
);

/** One row per state change of any workflow object (legal case, membership application, proposal...). */
export const workflowTimeline = pgTable(
  'workflow_timeline',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflow: text('workflow').notNull(),
    objectId: uuid('object_id').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('workflow_timeline_object_idx').on(t.workflow, t.objectId, t.id)],
);

/**
 * Uploaded files' metadata; the bytes are in the file storage (kernel/storage.ts) under `storage_key`. Files uploaded
 * before there was a storage keep their bytes in `content` and are read from there (kernel/files.ts): exactly one of
 * the two is set.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerKind: text('owner_kind').notNull(),
    ownerId: text('owner_id').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key'),
    content: bytea('content'),
    createdAt: createdAt(),
  },
  (t) => [check('files_bytes_somewhere', sql`(${t.storageKey} is null) <> (${t.content} is null)`)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    body: jsonb('body').notNull(),
    createdAt: createdAt(),
  },
  // By scope: the answers of one sold-out campaign are read together (perks claims).
  (t) => [primaryKey({ columns: [t.principal, t.scope, t.key] }), index('idempotency_keys_scope_idx').on(t.scope)],
);

/** Long-running work (imports) with progress a client can poll. */
export const jobs = pgTable('jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  orgId: uuid('org_id').notNull(),
  createdBy: uuid('created_by').notNull(),
  status: text('status').notNull(),
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  succeeded: integer('succeeded').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  errors: jsonb('errors')
    .$type<
      Array<{
        row: number;
        field: string;
        code: string;
        message: string;
        details?: Record<string, string | number | boolean>;
      }>
    >()
    .notNull()
    .default([]),
  message: text('message'),
  inputFileId: uuid('input_file_id'),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** In-app notifications (站内消息); an adapter may also push them by SMS or WeChat. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientKind: text('recipient_kind').notNull(),
    recipientId: uuid('recipient_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_recipient_idx').on(t.recipientKind, t.recipientId, t.createdAt)],
);

/** The working calendar: public holidays and the weekend days worked instead (kernel/clock.ts). */
export const calendarDays = pgTable(
  'calendar_days',
  {
    day: date('day').primaryKey(),
    kind: text('kind').$type<'holiday' | 'workday'>().notNull(),
    name: text('name').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('calendar_days_kind', sql`${t.kind} in ('holiday', 'workday')`)],
);

/**
 * Counts of events per key and time window (rate limits, daily quotas per client address), shared by every
 * server process on the database (kernel/counters.ts). Rows outlive their window only until `expires_at`.
 */
export const rateCounters = pgTable(
  'rate_counters',
  {
    key: text('key').notNull(),
    period: bigint('period', { mode: 'number' }).notNull(),
    count: integer('count').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.period] }), index('rate_counters_expiry_idx').on(t.expiresAt)],
);
