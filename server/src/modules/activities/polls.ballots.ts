/**
 * Poll ballots served in batches (网络投票: Shanxi's 最美劳动者 took ~6 million votes in 11 days, most of them in peaks).
 * One transaction per ballot would pay a commit (a WAL flush) per ballot and hold the audit chain's lock across it: a
 * few hundred ballots a second. Here the ballots that arrive while a batch is being written wait for the next one, and
 * a batch is one transaction:
 * - the Idempotency-Keys reserved in one statement (each bound to its entry);
 * - the poll's window and limits and the named entries' states read in one;
 * - the voters' rows of the day (poll_member_days) locked and read in one upsert — the daily limits are decided on the
 *   committed counts, under that row lock, so they hold across batches and across server processes;
 * - the day counts, the ballots and the entries' counters written in one statement; the entries' counters in the
 *   shard of the batch's lane (two batches in flight never wait on one hot counter row);
 * - the suspicious bursts counted (and flags raised) in one;
 * - one audit record per ballot under one hold of the chain lock; the keys' answers settled in one statement.
 *
 * Correctness does not rest on the batching: the day rows' locks and the idempotency rows hold across batches and
 * processes; the batch only saves round trips and commits.
 */
import { writeAuditBatch } from '../../kernel/audit.js';
import { BatchLoader } from '../../kernel/batch-loader.js';
import { shanghaiDate, shanghaiDayStart, type Clock } from '../../kernel/clock.js';
import type { Config } from '../../kernel/config.js';
import { retryOnConflict, type Db } from '../../kernel/db/client.js';
import { runRaw } from '../../kernel/db/raw.js';
import { AppError } from '../../kernel/errors.js';
import {
  keyedRequestId,
  reserveEachKey,
  settleKeys,
  storedAnswers,
  withoutInBatchRetries,
  type KeyedRequest,
  type StoredAnswer,
} from '../../kernel/idempotency.js';
import { recordStarts } from '../../kernel/workflow.js';
import * as repo from './polls.repository.js';
import { ballotDesk, pollFlagWorkflow } from './polls.workflow.js';

export interface BallotAnswer {
  pollId: string;
  entryId: string;
  castAt: string;
  day: string;
  leftToday: number;
  leftForEntryToday: number;
}

export interface BallotRequest {
  memberId: string;
  accountId: string;
  entryId: string;
  /** The client's address (flags are raised per address). */
  address: string;
  /** The Idempotency-Key, when the app sent one. */
  key: string | undefined;
}

interface Waiting extends BallotRequest {
  resolve: (answer: StoredAnswer<BallotAnswer>) => void;
  reject: (error: unknown) => void;
}

/** What a batch needs of its poll besides what it reads in its transaction. */
export interface BallotPoll {
  id: string;
  orgId: string;
}

/**
 * Bursts are judged over a sliding window of this length: the ballots of the last ten minute-buckets, the current one
 * included, so a burst split across a clock boundary is seen whole (fixed ten-minute windows let one slip under).
 */
export const burstWindowMs = 10 * 60_000;
/** The buckets the sliding window is counted in (aligned to the epoch). */
export const burstBucketMs = 60_000;
/** An account created less than this long before its ballot is a new account (a burst of those is flagged). */
export const newAccountMs = 30 * 60_000;

const maxBatch = 2000;
/** While one batch commits, the next reads, locks and writes its own rows (another shard of the counters). */
const batchesInFlight = 2;

export const ballotScope = (pollId: string) => `poll_ballot:${pollId}`;
const keyed = (b: BallotRequest): KeyedRequest => ({ principal: `worker:${b.accountId}`, key: b.key! });
/** The payload a key is bound to: the same key with another entry is IDEMPOTENCY_KEY_REUSED. */
const payloadOf = (entryId: string) => ({ entryId });

/** When the next Shanghai day starts after `now` (when a daily limit resets). */
export function nextShanghaiDay(now: Date): Date {
  return new Date(shanghaiDayStart(shanghaiDate(now)).getTime() + 86_400_000);
}

/** Ballots are taken from `startsAt` until (not including) `endsAt`. */
export function isPollOpen(p: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  return p.startsAt.getTime() <= now.getTime() && now.getTime() < p.endsAt.getTime();
}

function dailyLimitReached(
  limit: 'ballotsPerMemberPerDay' | 'perEntryPerDay',
  max: number,
  now: Date,
  entryId?: string,
) {
  return new AppError('DAILY_LIMIT_REACHED', {
    limit,
    max,
    ...(entryId ? { entryId } : {}),
    resetsAt: nextShanghaiDay(now).toISOString(),
  });
}

interface Outcome {
  answers: Map<Waiting, StoredAnswer<BallotAnswer> | AppError>;
  replays: Waiting[];
}

interface Thresholds {
  address: number;
  newAccounts: number;
}

async function writeBatch(
  db: Db,
  clock: Clock,
  thresholds: Thresholds,
  poll: BallotPoll,
  shard: number,
  ballots: Waiting[],
): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const answers = new Map<Waiting, StoredAnswer<BallotAnswer> | AppError>();
    const scope = ballotScope(poll.id);
    const withKey = ballots.filter((b) => b.key);
    const reserved = await reserveEachKey(
      tx,
      scope,
      withKey.map((b) => ({ ...keyed(b), payload: payloadOf(b.entryId) })),
    );
    // Keys seen before: their stored answer is read after this transaction (it waited for theirs to end).
    const replays = withKey.filter((b) => !reserved.has(keyedRequestId(keyed(b))));
    const active = ballots.filter((b) => !b.key || reserved.has(keyedRequestId(keyed(b))));
    if (active.length === 0) return { answers, replays };

    const now = clock.now();
    const day = shanghaiDate(now);
    const targets = new Map(
      (await runRaw(tx, repo.ballotTargets, poll.id, [...new Set(active.map((b) => b.entryId))], now)).map((t) => [
        t.entryId,
        t,
      ]),
    );
    const limits = targets.values().next().value;
    const voters = active.filter((b) => {
      const target = targets.get(b.entryId);
      if (!target || target.status !== 'live') answers.set(b, new AppError('NOT_FOUND'));
      else if (!target.open) answers.set(b, new AppError('ACTIVITY_NOT_OPEN'));
      else return true;
      return false;
    });
    const cast: { waiting: Waiting; left: number; leftForEntry: number }[] = [];
    if (voters.length > 0 && limits) {
      const days = new Map(
        (await runRaw(tx, repo.lockMemberDays, poll.id, day, [...new Set(voters.map((b) => b.memberId))])).map((d) => [
          d.memberId,
          { memberId: d.memberId, votes: d.votes, byEntry: d.byEntry, changed: false },
        ]),
      );
      // In arrival order: the member's last allowed ballot is accepted, the next one refused.
      for (const b of voters) {
        const d = days.get(b.memberId)!;
        const forEntry = d.byEntry[b.entryId] ?? 0;
        if (d.votes >= limits.ballotsPerMemberPerDay)
          answers.set(b, dailyLimitReached('ballotsPerMemberPerDay', limits.ballotsPerMemberPerDay, now));
        else if (forEntry >= limits.perEntryPerDay)
          answers.set(b, dailyLimitReached('perEntryPerDay', limits.perEntryPerDay, now, b.entryId));
        else {
          d.votes += 1;
          d.byEntry = { ...d.byEntry, [b.entryId]: forEntry + 1 };
          d.changed = true;
          const left = limits.ballotsPerMemberPerDay - d.votes;
          cast.push({ waiting: b, left, leftForEntry: Math.min(left, limits.perEntryPerDay - forEntry - 1) });
        }
      }
      if (cast.length > 0) {
        const bucket = new Date(Math.floor(now.getTime() / burstBucketMs) * burstBucketMs);
        const [written] = await runRaw(tx, repo.writeBallots, {
          pollId: poll.id,
          day,
          at: now,
          newSince: new Date(now.getTime() - newAccountMs),
          shard,
          days: [...days.values()].filter((d) => d.changed),
          ballots: cast.map((c) => ({
            entryId: c.waiting.entryId,
            memberId: c.waiting.memberId,
            accountId: c.waiting.accountId,
            address: c.waiting.address,
          })),
        });
        if (written?.ballots !== cast.length) throw new Error('poll ballots: not every ballot was written');
        await countBursts(
          tx,
          poll,
          shard,
          bucket,
          thresholds,
          cast.map((c) => c.waiting),
          written.fresh,
          now,
        );
      }
    }
    for (const c of cast)
      answers.set(c.waiting, {
        statusCode: 201,
        body: {
          pollId: poll.id,
          entryId: c.waiting.entryId,
          castAt: now.toISOString(),
          day,
          leftToday: c.left,
          leftForEntryToday: c.leftForEntry,
        },
      });
    // The keys before the audit records: the chain's lock is then held only for those and the commit.
    await settleKeys(
      tx,
      scope,
      cast
        .filter((c) => c.waiting.key)
        .map((c) => ({ ...keyed(c.waiting), ...(answers.get(c.waiting) as StoredAnswer<BallotAnswer>) })),
      active.filter((b) => b.key && answers.get(b) instanceof AppError).map(keyed),
    );
    // Who voted for which entry: one record per ballot, under one hold of the chain lock.
    await writeAuditBatch(
      tx,
      cast.map((c) => ({
        at: now,
        actor: { kind: 'worker' as const, id: c.waiting.accountId },
        action: 'poll.ballot',
        objectType: 'poll',
        objectId: poll.id,
        orgId: poll.orgId,
        details: { entryId: c.waiting.entryId, memberId: c.waiting.memberId },
      })),
    );
    return { answers, replays };
  });
}

/**
 * Counts the batch's ballots into their bursts: per entry from one address, and per entry from accounts created
 * shortly before (`fresh`: as the ballot rows were marked), in the minute's bucket. A burst whose last ten minutes
 * reach its threshold raises a flag over those ten minutes — once: not while an earlier flag of the same entry and
 * source overlaps them — with its timeline entry and audit record.
 */
async function countBursts(
  tx: Db,
  poll: BallotPoll,
  shard: number,
  bucket: Date,
  thresholds: Thresholds,
  cast: Waiting[],
  fresh: Record<string, number>,
  now: Date,
): Promise<void> {
  const adds = new Map<string, repo.BurstAdd>();
  for (const b of cast) {
    const id = `${b.entryId}\u0000${b.address}`;
    const add = adds.get(id) ?? { entryId: b.entryId, kind: 'address' as const, address: b.address, ballots: 0 };
    add.ballots += 1;
    adds.set(id, add);
  }
  for (const [entryId, n] of Object.entries(fresh))
    adds.set(`${entryId}\u0000new`, { entryId, kind: 'new_accounts', address: '', ballots: n });
  const raised = await runRaw(tx, repo.countBursts, {
    pollId: poll.id,
    bucket,
    windowStart: new Date(bucket.getTime() + burstBucketMs - burstWindowMs),
    windowEnd: new Date(bucket.getTime() + burstBucketMs),
    shard,
    adds: [...adds.values()],
    thresholds,
    status: pollFlagWorkflow.initial,
  });
  await recordStarts(
    tx,
    pollFlagWorkflow,
    raised.map((f) => ({
      objectId: f.id,
      orgId: poll.orgId,
      data: { pollId: poll.id, entryId: f.entryId, kind: f.kind, ballots: f.ballotsAtFlag },
    })),
    {
      actor: { kind: 'system', id: null },
      parties: [ballotDesk],
      action: 'raise',
      time: { now, calendar: noCalendar },
    },
  );
}

const noCalendar = { holidays: new Set<string>(), workdays: new Set<string>() };

/** The ballots of one poll in one server process: up to `batchesInFlight` batches written at once, the rest queue. */
class PollBallotQueue {
  private queue: Waiting[] = [];
  private readonly lanes: boolean[] = Array.from({ length: batchesInFlight }, () => false);
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly thresholds: Thresholds,
    private readonly poll: BallotPoll,
    private readonly onIdle: () => void,
  ) {}

  submit(ballot: BallotRequest): Promise<StoredAnswer<BallotAnswer>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...ballot, resolve, reject });
      if (!this.scheduled && this.lanes.includes(false)) {
        this.scheduled = true;
        // Let the requests read in this turn of the event loop join the batch.
        setImmediate(() => {
          this.scheduled = false;
          this.startBatches();
        });
      }
    });
  }

  private startBatches(): void {
    let lane = this.lanes.indexOf(false);
    while (this.queue.length > 0 && lane >= 0) {
      const batch = this.queue.splice(0, maxBatch);
      const taken = lane;
      this.lanes[taken] = true;
      void this.serve(batch, taken)
        .catch((error: unknown) => {
          for (const b of batch) b.reject(error);
        })
        .finally(() => {
          this.lanes[taken] = false;
          this.startBatches();
        });
      lane = this.lanes.indexOf(false);
    }
    if (!this.lanes.includes(true) && this.queue.length === 0 && !this.scheduled) this.onIdle();
  }

  private async serve(batch: Waiting[], lane: number): Promise<void> {
    // Within a batch, a retry of a request still in it (same account, same key) waits for the first.
    const { distinct, followers } = withoutInBatchRetries(batch, keyed);
    const outcome = await retryOnConflict(() =>
      writeBatch(this.db, this.clock, this.thresholds, this.poll, lane, distinct),
    );
    const settle = (b: Waiting, answer: StoredAnswer<BallotAnswer> | AppError) => {
      for (const w of [b, ...(followers.get(b) ?? [])]) {
        // A follower for another entry under the same key is a reused key, not a retry.
        const own = w !== b && w.entryId !== b.entryId ? new AppError('IDEMPOTENCY_KEY_REUSED') : answer;
        if (own instanceof AppError) w.reject(own);
        else w.resolve(own);
      }
    };
    for (const [b, answer] of outcome.answers) settle(b, answer);
    const byEntry = new Map<string, Waiting[]>();
    for (const b of outcome.replays) byEntry.set(b.entryId, [...(byEntry.get(b.entryId) ?? []), b]);
    for (const [entryId, group] of byEntry) {
      const stored = await storedAnswers<BallotAnswer>(
        this.db,
        ballotScope(this.poll.id),
        group.map(keyed),
        payloadOf(entryId),
      );
      for (const b of group) {
        const answer = stored.get(keyedRequestId(keyed(b)));
        // Released by a request that failed after we looked: this one runs again in the next batch.
        if (answer) settle(b, answer);
        else {
          this.queue.push(b);
          this.startBatches();
        }
      }
    }
  }
}

/** A poll as ballots need it before they queue; re-read after a while (its window and limits are read in the batch). */
const pollTtlMs = 10_000;

/** The ballots of one app (`ctx.state`): each poll's queue while votes come in, and the polls read for ballots. */
export class BallotDesk {
  private readonly queues = new Map<string, PollBallotQueue>();
  private readonly polls: BatchLoader<string, repo.PollRow>;
  private readonly pollRows = new Map<string, { row: repo.PollRow; at: number }>();
  private readonly thresholds: Thresholds;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    config: Pick<Config, 'pollBallots'>,
  ) {
    this.thresholds = { address: config.pollBallots.flagPerAddress, newAccounts: config.pollBallots.flagNewAccounts };
    // A burst of ballots reads its poll in one query per turn of the event loop, not one per ballot.
    this.polls = new BatchLoader(
      async (ids: string[]) => new Map((await repo.findPolls(db, ids)).map((p) => [p.id, p])),
    );
  }

  async pollForBallots(id: string): Promise<repo.PollRow | null> {
    // How long the row has been held is elapsed time, not the time of day: a monotonic clock.
    const hit = this.pollRows.get(id);
    if (hit && performance.now() - hit.at < pollTtlMs) return hit.row;
    const row = await this.polls.load(id);
    if (!row) return null;
    if (this.pollRows.size > 10_000) this.pollRows.clear();
    this.pollRows.set(id, { row, at: performance.now() });
    return row;
  }

  /** After staff change a poll: this process reads it afresh (others within `pollTtlMs`; batches read it anyway). */
  forget(id: string): void {
    this.pollRows.delete(id);
  }

  submit(poll: BallotPoll, ballot: BallotRequest): Promise<StoredAnswer<BallotAnswer>> {
    let queue = this.queues.get(poll.id);
    if (!queue) {
      queue = new PollBallotQueue(this.db, this.clock, this.thresholds, poll, () => this.queues.delete(poll.id));
      this.queues.set(poll.id, queue);
    }
    return queue.submit(ballot);
  }
}
