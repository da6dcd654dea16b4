import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { pgArray, type Db } from '../../kernel/db/client.js';
import { files, orgs } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, containing, containsText, scalarNumber, within } from '../../kernel/db/operators.js';
import { rawStatement } from '../../kernel/db/raw.js';
import {
  pollBallots,
  pollBursts,
  pollEntries,
  pollEntryVotes,
  pollFlags,
  pollMemberDays,
  polls,
} from './polls.tables.js';

export type NewPoll = typeof polls.$inferInsert;
export type NewEntry = typeof pollEntries.$inferInsert;

const next = alias(polls, 'next_poll');

/** An entry's live count: the sum of its shards. */
const votesOf = (entryId: SQLColumn) =>
  scalarNumber<number>(
    sql`select coalesce(sum(${pollEntryVotes.votes}), 0) from ${pollEntryVotes} where ${pollEntryVotes.entryId} = ${entryId}`,
  );
type SQLColumn = typeof pollEntries.id;

function selectPolls(db: Db) {
  const p = polls;
  return db
    .select({
      id: p.id,
      orgId: p.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      title: p.title,
      description: p.description,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      ballotsPerMemberPerDay: p.ballotsPerMemberPerDay,
      perEntryPerDay: p.perEntryPerDay,
      round: p.round,
      previousPollId: p.previousPollId,
      nextPollId: next.id,
      createdAt: p.createdAt,
    })
    .from(p)
    .innerJoin(orgs, eq(orgs.id, p.orgId))
    .leftJoin(next, eq(next.previousPollId, p.id))
    .$dynamic();
}
export type PollRow = Awaited<ReturnType<typeof selectPolls>>[number];

export async function insertPoll(db: Db, row: NewPoll): Promise<string> {
  const [created] = await db.insert(polls).values(row).returning({ id: polls.id });
  return created!.id;
}

export async function updatePoll(db: Db, id: string, set: Partial<NewPoll>): Promise<void> {
  await db.update(polls).set(set).where(eq(polls.id, id));
}

export async function findPoll(db: Db, id: string): Promise<PollRow | null> {
  const [row] = await selectPolls(db).where(eq(polls.id, id));
  return row ?? null;
}

/** Many polls in one query: what a burst of ballots needs to know before they join a batch. */
export async function findPolls(db: Db, ids: readonly string[]): Promise<PollRow[]> {
  if (ids.length === 0) return [];
  return selectPolls(db).where(anyOf(polls.id, ids, 'uuid'));
}

export type PollCursor = { startsAt: string; id: string } | null;

function pollPage(db: Db, where: ReturnType<typeof and>, limit: number, after: PollCursor) {
  return selectPolls(db)
    .where(and(where, after ? before(polls.startsAt, polls.id, after.startsAt, after.id) : undefined))
    .orderBy(desc(polls.startsAt), desc(polls.id))
    .limit(limit + 1);
}

/** Polls whose union is `scope` or below it (staff). */
export function pollsInScope(db: Db, scope: string, q: string | undefined, limit: number, after: PollCursor) {
  return pollPage(db, and(within(orgs.path, scope), q ? containsText(polls.title, q) : undefined), limit, after);
}

/** Polls whose union is the member's or one above it (members vote in those). */
export function pollsForMember(db: Db, memberOrgPath: string, q: string | undefined, limit: number, after: PollCursor) {
  return pollPage(
    db,
    and(containing(orgs.path, memberOrgPath), q ? containsText(polls.title, q) : undefined),
    limit,
    after,
  );
}

export interface PollFigures {
  liveEntries: number;
  pendingEntries: number;
  totalVotes: number;
  openFlags: number;
}

/** Entries by state, live votes and open flags of several polls in three queries. */
export async function figuresOf(db: Db, pollIds: string[]): Promise<Map<string, PollFigures>> {
  const figures = new Map<string, PollFigures>(
    pollIds.map((id) => [id, { liveEntries: 0, pendingEntries: 0, totalVotes: 0, openFlags: 0 }]),
  );
  if (pollIds.length === 0) return figures;
  const e = pollEntries;
  const [entries, votes, flags] = await Promise.all([
    db
      .select({ pollId: e.pollId, status: e.status, n: count() })
      .from(e)
      .where(anyOf(e.pollId, pollIds, 'uuid'))
      .groupBy(e.pollId, e.status),
    db
      .select({ pollId: e.pollId, votes: sql<string>`coalesce(sum(${pollEntryVotes.votes}), 0)` })
      .from(pollEntryVotes)
      .innerJoin(e, eq(e.id, pollEntryVotes.entryId))
      .where(and(anyOf(e.pollId, pollIds, 'uuid'), eq(e.status, 'live')))
      .groupBy(e.pollId),
    db
      .select({ pollId: pollFlags.pollId, n: count() })
      .from(pollFlags)
      .where(and(anyOf(pollFlags.pollId, pollIds, 'uuid'), eq(pollFlags.status, 'open')))
      .groupBy(pollFlags.pollId),
  ]);
  for (const r of entries) {
    const f = figures.get(r.pollId)!;
    if (r.status === 'live') f.liveEntries = r.n;
    if (r.status === 'pending') f.pendingEntries = r.n;
  }
  for (const r of votes) figures.get(r.pollId)!.totalVotes = Number(r.votes);
  for (const r of flags) figures.get(r.pollId)!.openFlags = r.n;
  return figures;
}

// ——— entries ———

function selectEntries(db: Db) {
  const e = pollEntries;
  return db
    .select({
      id: e.id,
      pollId: e.pollId,
      title: e.title,
      description: e.description,
      photoIds: e.photoIds,
      nominatedBy: e.nominatedBy,
      nominatorAccountId: e.nominatorAccountId,
      sourceEntryId: e.sourceEntryId,
      status: e.status,
      createdAt: e.createdAt,
      votes: votesOf(e.id),
    })
    .from(e)
    .$dynamic();
}
export type EntryRow = Awaited<ReturnType<typeof selectEntries>>[number];

export async function insertEntries(db: Db, rows: NewEntry[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const created = await db.insert(pollEntries).values(rows).returning({ id: pollEntries.id });
  return created.map((c) => c.id);
}

export async function findEntry(db: Db, id: string): Promise<EntryRow | null> {
  const [row] = await selectEntries(db).where(eq(pollEntries.id, id));
  return row ?? null;
}

export type EntryCursor = { createdAt: string; id: string } | null;

/** A poll's entries, oldest first (the order they were added: a ballot page keeps its order as votes come in). */
export async function entriesOf(
  db: Db,
  pollId: string,
  filter: { status?: string | undefined; nominatedBy?: string | undefined; q?: string | undefined },
  limit: number,
  after: EntryCursor,
) {
  const e = pollEntries;
  return selectEntries(db)
    .where(
      and(
        eq(e.pollId, pollId),
        filter.status ? eq(e.status, filter.status) : undefined,
        filter.nominatedBy ? eq(e.nominatedBy, filter.nominatedBy) : undefined,
        filter.q ? or(containsText(e.title, filter.q), containsText(e.description, filter.q)) : undefined,
        after ? sql`(${e.createdAt}, ${e.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(e.createdAt), asc(e.id))
    .limit(limit + 1);
}

/** A poll's live entries with their votes, most votes first (ties: the entry added first). Counters, no count(*). */
export async function resultsOf(db: Db, pollId: string) {
  const e = pollEntries;
  const votes = sql<string>`coalesce(sum(${pollEntryVotes.votes}), 0)`;
  const rows = await db
    .select({ entryId: e.id, title: e.title, votes, photoIds: e.photoIds, description: e.description })
    .from(e)
    .leftJoin(pollEntryVotes, eq(pollEntryVotes.entryId, e.id))
    .where(and(eq(e.pollId, pollId), eq(e.status, 'live')))
    .groupBy(e.id)
    .orderBy(desc(votes), asc(e.createdAt), asc(e.id));
  return rows.map((r) => ({ ...r, votes: Number(r.votes) }));
}

export async function voidedVotesOf(db: Db, pollId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(${pollFlags.voidedBallots}), 0)` })
    .from(pollFlags)
    .where(eq(pollFlags.pollId, pollId));
  return Number(row?.n ?? 0);
}

/** The caller's ballots today, by entry (members' views). */
export async function memberDay(db: Db, pollId: string, memberId: string, day: string) {
  const [row] = await db
    .select({ votes: pollMemberDays.votes, byEntry: pollMemberDays.byEntry })
    .from(pollMemberDays)
    .where(and(eq(pollMemberDays.pollId, pollId), eq(pollMemberDays.memberId, memberId), eq(pollMemberDays.day, day)));
  return row ?? { votes: 0, byEntry: {} as Record<string, number> };
}

export async function memberDays(db: Db, pollIds: string[], memberId: string, day: string) {
  if (pollIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ pollId: pollMemberDays.pollId, votes: pollMemberDays.votes })
    .from(pollMemberDays)
    .where(
      and(
        anyOf(pollMemberDays.pollId, pollIds, 'uuid'),
        eq(pollMemberDays.memberId, memberId),
        eq(pollMemberDays.day, day),
      ),
    );
  return new Map(rows.map((r) => [r.pollId, r.votes]));
}

/** Photos the caller uploaded and that no entry uses yet. */
export async function attachablePhotoIds(db: Db, owner: { kind: string; id: string }, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(
      and(
        eq(files.ownerKind, owner.kind),
        eq(files.ownerId, owner.id),
        inArray(files.id, ids),
        sql`not exists (select 1 from ${pollEntries} where ${files.id} = any(${pollEntries.photoIds}))`,
      ),
    );
  return new Set(rows.map((r) => r.id));
}

// ——— ballots (the batch, polls.ballots.ts) ———

/** Inside a batch: whether the poll is open at `now`, its limits, and the state of the entries the batch names. */
export const ballotTargets = rawStatement(
  z.object({
    entryId: z.string(),
    status: z.string(),
    open: z.boolean(),
    ballotsPerMemberPerDay: z.number().int(),
    perEntryPerDay: z.number().int(),
  }),
  (pollId: string, entryIds: readonly string[], now: Date) =>
    sql`select e.id as "entryId", e.status,
               (p.starts_at <= ${now.toISOString()}::timestamptz and ${now.toISOString()}::timestamptz < p.ends_at) as open,
               p.ballots_per_member_per_day as "ballotsPerMemberPerDay", p.per_entry_per_day as "perEntryPerDay"
          from poll_entries e join polls p on p.id = e.poll_id
         where e.poll_id = ${pollId} and e.id = any(${pgArray(entryIds)}::uuid[])`,
);

/**
 * Locks the members' rows of the day (made when missing) and answers their committed counts: an upsert that sets
 * nothing new waits for any other transaction holding the row and then reads its latest version. Rows in member order,
 * so two batches sharing members wait for each other rather than deadlock.
 */
export const lockMemberDays = rawStatement(
  z.object({ memberId: z.string(), votes: z.number().int(), byEntry: z.record(z.string(), z.number().int()) }),
  (pollId: string, day: string, memberIds: readonly string[]) =>
    sql`insert into poll_member_days (poll_id, member_id, day, votes, by_entry)
        select ${pollId}, m, ${day}::date, 0, '{}'::jsonb from unnest(${pgArray([...memberIds].sort())}::uuid[]) as m order by m
        on conflict (poll_id, member_id, day) do update set votes = poll_member_days.votes
        returning member_id as "memberId", votes, by_entry as "byEntry"`,
);

export interface BallotWrite {
  entryId: string;
  memberId: string;
  accountId: string;
  address: string;
}

/**
 * One statement for a batch's writes: the members' day counts, the ballots (marked when the account was created after
 * `newSince`), and the entries' counters in the lane's shard. Counter rows in entry order (no deadlock across processes).
 * Answers how many rows it wrote and, by entry, how many of the ballots came from new accounts (`fresh`).
 */
export const writeBallots = rawStatement(
  z.object({ days: z.number().int(), ballots: z.number().int(), fresh: z.record(z.string(), z.number().int()) }),
  (w: {
    pollId: string;
    day: string;
    at: Date;
    newSince: Date;
    shard: number;
    days: { memberId: string; votes: number; byEntry: Record<string, number> }[];
    ballots: BallotWrite[];
  }) => {
    const perEntry = new Map<string, number>();
    for (const b of w.ballots) perEntry.set(b.entryId, (perEntry.get(b.entryId) ?? 0) + 1);
    const entries = [...perEntry.keys()].sort();
    return sql`with d as (
        update poll_member_days p set votes = t.votes, by_entry = t.by_entry
          from unnest(${pgArray(w.days.map((d) => d.memberId))}::uuid[], ${pgArray(w.days.map((d) => d.votes))}::int[],
                      ${pgArray(w.days.map((d) => JSON.stringify(d.byEntry)))}::jsonb[]) as t(m, votes, by_entry)
         where p.poll_id = ${w.pollId} and p.day = ${w.day}::date and p.member_id = t.m
        returning 1),
      b as (
        insert into poll_ballots (poll_id, entry_id, member_id, account_id, day, cast_at, address, new_account)
        select ${w.pollId}, t.e, t.m, t.a, ${w.day}::date, ${w.at.toISOString()}::timestamptz, t.addr,
               coalesce(wa.created_at > ${w.newSince.toISOString()}::timestamptz, false)
          from unnest(${pgArray(w.ballots.map((b) => b.entryId))}::uuid[], ${pgArray(w.ballots.map((b) => b.memberId))}::uuid[],
                      ${pgArray(w.ballots.map((b) => b.accountId))}::uuid[], ${pgArray(w.ballots.map((b) => b.address))}::text[])
               with ordinality as t(e, m, a, addr, ord)
          left join worker_accounts wa on wa.id = t.a
         order by t.ord
        returning new_account, entry_id, address),
      v as (
        insert into poll_entry_votes (entry_id, shard, votes)
        select e, ${w.shard}, n from unnest(${pgArray(entries)}::uuid[], ${pgArray(entries.map((e) => perEntry.get(e)!))}::bigint[]) as t(e, n)
         order by e
        on conflict (entry_id, shard) do update set votes = poll_entry_votes.votes + excluded.votes
        returning 1)
      select (select count(*) from d)::int as days, (select count(*) from b)::int as ballots,
             (select coalesce(jsonb_object_agg(entry_id, n), '{}'::jsonb)
                from (select entry_id, count(*)::int as n from b where new_account group by entry_id) as f) as fresh`;
  },
);

export interface BurstAdd {
  entryId: string;
  kind: 'address' | 'new_accounts';
  address: string;
  ballots: number;
}

/**
 * Counts a batch's ballots into the bursts of its window (the lane's shard) and raises a flag on every burst whose
 * count over all shards reached its threshold and has none yet; answers the flags raised now.
 */
export const countBursts = rawStatement(
  z.object({
    id: z.string(),
    entryId: z.string(),
    kind: z.string(),
    address: z.string(),
    ballotsAtFlag: z.number().int(),
  }),
  (w: {
    pollId: string;
    /** The minute's bucket the batch's ballots go in. */
    bucket: Date;
    /** The sliding window the totals are taken over: the buckets from `windowStart` to `bucket`. */
    windowStart: Date;
    windowEnd: Date;
    shard: number;
    adds: BurstAdd[];
    thresholds: { address: number; newAccounts: number };
    status: string;
  }) => {
    const adds = [...w.adds].sort((a, b) => (a.entryId + a.kind + a.address < b.entryId + b.kind + b.address ? -1 : 1));
    const start = w.windowStart.toISOString();
    const bucket = w.bucket.toISOString();
    // The other rows of the window as they were before this statement (its own bucket row is in `b`, updated).
    return sql`with b as (
        insert into poll_bursts (poll_id, entry_id, kind, address, window_start, shard, ballots)
        select ${w.pollId}, e, k, a, ${bucket}::timestamptz, ${w.shard}, n
          from unnest(${pgArray(adds.map((a) => a.entryId))}::uuid[], ${pgArray(adds.map((a) => a.kind))}::text[],
                      ${pgArray(adds.map((a) => a.address))}::text[], ${pgArray(adds.map((a) => a.ballots))}::int[])
               with ordinality as t(e, k, a, n, ord)
         order by ord
        on conflict (poll_id, entry_id, kind, address, window_start, shard)
          do update set ballots = poll_bursts.ballots + excluded.ballots
        returning entry_id, kind, address, ballots),
      t as (
        select b.*, b.ballots + coalesce((select sum(o.ballots) from poll_bursts o
                  where o.poll_id = ${w.pollId} and o.entry_id = b.entry_id and o.kind = b.kind and o.address = b.address
                    and o.window_start >= ${start}::timestamptz and o.window_start <= ${bucket}::timestamptz
                    and not (o.window_start = ${bucket}::timestamptz and o.shard = ${w.shard})), 0) as total
          from b)
      insert into poll_flags (poll_id, entry_id, kind, address, window_start, window_end, ballots_at_flag, status)
      select ${w.pollId}, entry_id, kind, address, ${start}::timestamptz, ${w.windowEnd.toISOString()}::timestamptz, total, ${w.status}
        from t
       where total >= case kind when 'address' then ${w.thresholds.address}::int else ${w.thresholds.newAccounts}::int end
         and not exists (select 1 from poll_flags f where f.poll_id = ${w.pollId} and f.entry_id = t.entry_id
                            and f.kind = t.kind and f.address = t.address and f.window_end > ${start}::timestamptz)
      on conflict (poll_id, entry_id, kind, address, window_start) do nothing
      returning id, entry_id as "entryId", kind, address, ballots_at_flag as "ballotsAtFlag"`;
  },
);

// ——— flags ———

function selectFlags(db: Db) {
  const f = pollFlags;
  return db
    .select({
      id: f.id,
      pollId: f.pollId,
      entryId: f.entryId,
      entryTitle: pollEntries.title,
      kind: f.kind,
      address: f.address,
      windowStart: f.windowStart,
      windowEnd: f.windowEnd,
      ballotsAtFlag: f.ballotsAtFlag,
      ballotsInWindow: scalarNumber<number>(
        sql`select coalesce(sum(${pollBursts.ballots}), 0) from ${pollBursts} where ${pollBursts.pollId} = ${f.pollId}
              and ${pollBursts.entryId} = ${f.entryId} and ${pollBursts.kind} = ${f.kind}
              and ${pollBursts.address} = ${f.address} and ${pollBursts.windowStart} >= ${f.windowStart}
              and ${pollBursts.windowStart} < ${f.windowEnd}`,
      ),
      voidedBallots: f.voidedBallots,
      status: f.status,
      createdAt: f.createdAt,
    })
    .from(f)
    .innerJoin(pollEntries, eq(pollEntries.id, f.entryId))
    .$dynamic();
}
export type FlagRow = Awaited<ReturnType<typeof selectFlags>>[number];

export async function findFlag(db: Db, id: string): Promise<FlagRow | null> {
  const [row] = await selectFlags(db).where(eq(pollFlags.id, id));
  return row ?? null;
}

export async function flagsOf(db: Db, pollId: string, status: string | undefined, limit: number, after: EntryCursor) {
  const f = pollFlags;
  return selectFlags(db)
    .where(
      and(
        eq(f.pollId, pollId),
        status ? eq(f.status, status) : undefined,
        after ? before(f.createdAt, f.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(f.createdAt), desc(f.id))
    .limit(limit + 1);
}

/**
 * Voids the ballots a flag covers that still count (cast in its window for its entry: from its address, or by new
 * accounts), takes them off the entry's count (shard 0), and answers how many.
 */
export async function voidFlagBallots(db: Db, flag: FlagRow, at: Date): Promise<number> {
  const b = pollBallots;
  const voided = await db
    .update(b)
    .set({ voidedAt: at, voidFlagId: flag.id })
    .where(
      and(
        eq(b.pollId, flag.pollId),
        eq(b.entryId, flag.entryId),
        sql`${b.castAt} >= ${flag.windowStart.toISOString()}::timestamptz`,
        sql`${b.castAt} < ${flag.windowEnd.toISOString()}::timestamptz`,
        flag.kind === 'address' ? eq(b.address, flag.address) : eq(b.newAccount, true),
        isNull(b.voidedAt),
      ),
    )
    .returning({ id: b.id });
  const n = voided.length;
  if (n > 0)
    await db
      .insert(pollEntryVotes)
      .values({ entryId: flag.entryId, shard: 0, votes: -n })
      .onConflictDoUpdate({
        target: [pollEntryVotes.entryId, pollEntryVotes.shard],
        set: { votes: sql`${pollEntryVotes.votes} - ${n}` },
      });
  await db.update(pollFlags).set({ voidedBallots: n }).where(eq(pollFlags.id, flag.id));
  return n;
}
