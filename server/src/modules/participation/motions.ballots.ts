/**
 * Ballots served in batches. When a congress votes, every representative presses a button within the same second.
 * One transaction per ballot would hold the audit chain's lock across a commit (a WAL flush) per ballot: a few hundred
 * ballots a second at best. Here the ballots that arrive while a batch is being written wait for the next one, and a
 * batch is one transaction: the motion read once (locked for share, so a close waits for it), the voters'
 * representative rows in one query, the Idempotency-Keys reserved and settled in one statement per choice, the ballots
 * inserted in one statement (`on conflict do nothing` on the primary key (motion, representative): a second ballot
 * is not inserted and answers 409 ALREADY_VOTED), one audit record each under one hold of the chain lock.
 *
 * Correctness does not rest on the batching: the primary key, the share lock against the close's update lock and the
 * idempotency rows hold across batches and across server processes.
 */
import { writeAuditBatch } from '../../kernel/audit.js';
import { BatchLoader } from '../../kernel/batch-loader.js';
import type { Clock } from '../../kernel/clock.js';
import { retryOnConflict, type Db } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import {
  keyedRequestId,
  withoutInBatchRetries,
  reserveKeys,
  settleKeys,
  storedAnswers,
  type KeyedRequest,
  type StoredAnswer,
} from '../../kernel/idempotency.js';
import { lockActiveCongress } from './congresses.repository.js';
import * as repo from './motions.repository.js';
import type { BallotChoice } from './motions.rule.js';

export interface BallotAnswer {
  motionId: string;
  choice: BallotChoice;
  castAt: string;
}

export interface BallotRequest {
  memberId: string;
  accountId: string;
  choice: BallotChoice;
  /** The Idempotency-Key, when the app sent one. */
  key: string | undefined;
}

/** What a batch needs of its motion besides its window (read inside the batch's transaction). */
export interface BallotMotion {
  id: string;
  congressId: string;
  congressStatus: string;
  orgId: string;
}

interface Waiting extends BallotRequest {
  resolve: (answer: StoredAnswer<BallotAnswer>) => void;
  reject: (error: unknown) => void;
}

const maxBatch = 2000;
/** While one batch commits, the next one reads and inserts; it then waits on the audit chain's lock. A whole congress
 * (2,000 representatives) fits in one batch. */
const batchesInFlight = 2;

export const ballotScope = (motionId: string) => `motion_ballot:${motionId}`;
const keyed = (b: BallotRequest): KeyedRequest => ({ principal: `worker:${b.accountId}`, key: b.key! });
/** The payload a key is bound to: the same key with another choice is IDEMPOTENCY_KEY_REUSED. */
const payloadOf = (choice: BallotChoice) => ({ choice });

function byChoice<T extends { choice: BallotChoice }>(items: readonly T[]): Map<BallotChoice, T[]> {
  const groups = new Map<BallotChoice, T[]>();
  for (const item of items) groups.set(item.choice, [...(groups.get(item.choice) ?? []), item]);
  return groups;
}

interface Outcome {
  answers: Map<Waiting, StoredAnswer<BallotAnswer> | AppError>;
  replays: Waiting[];
}

/** Whether ballots are taken at `now`: opened, not past closesAt, not closed by staff. */
export function isVotingOpen(m: { opensAt: Date; closesAt: Date | null; closedAt: Date | null }, now: Date): boolean {
  return !m.closedAt && m.opensAt <= now && (!m.closesAt || now < m.closesAt);
}

async function writeBatch(db: Db, clock: Clock, motion: BallotMotion, ballots: Waiting[]): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const answers = new Map<Waiting, StoredAnswer<BallotAnswer> | AppError>();
    const scope = ballotScope(motion.id);
    const replays: Waiting[] = [];
    const active: Waiting[] = [];
    for (const [choice, group] of byChoice(ballots)) {
      const withKey = group.filter((b) => b.key);
      const reserved = await reserveKeys(tx, scope, withKey.map(keyed), payloadOf(choice));
      for (const b of group) {
        if (b.key && !reserved.has(keyedRequestId(keyed(b)))) replays.push(b);
        else active.push(b);
      }
    }
    if (active.length === 0) return { answers, replays };

    const window = await repo.motionForBallots(tx, motion.id);
    // Read under a share lock of the congress row, not from the cached motion: the archive and a batch take turns.
    const congressActive = await lockActiveCongress(tx, motion.congressId);
    const now = clock.now();
    const representatives = await repo.activeRepresentativesOfMembers(tx, motion.congressId, [
      ...new Set(active.map((b) => b.memberId)),
    ]);
    const eligible: { waiting: Waiting; representativeId: string }[] = [];
    const seen = new Set<string>();
    for (const b of active) {
      const representativeId = representatives.get(b.memberId);
      if (!window) answers.set(b, new AppError('NOT_FOUND'));
      else if (!representativeId) answers.set(b, new AppError('FORBIDDEN', { reason: 'not_a_representative' }));
      else if (!congressActive) answers.set(b, new AppError('CONGRESS_ARCHIVED'));
      else if (!isVotingOpen(window, now)) answers.set(b, new AppError('VOTING_CLOSED'));
      // The same representative twice in one batch (two taps, two devices): the first is their ballot.
      else if (seen.has(representativeId)) answers.set(b, new AppError('ALREADY_VOTED'));
      else {
        seen.add(representativeId);
        eligible.push({ waiting: b, representativeId });
      }
    }
    const inserted = await repo.insertBallots(
      tx,
      motion.id,
      eligible.map((e) => ({ representativeId: e.representativeId, choice: e.waiting.choice })),
      now,
    );
    const cast = eligible.filter((e) => inserted.has(e.representativeId));
    for (const e of eligible)
      if (!inserted.has(e.representativeId)) answers.set(e.waiting, new AppError('ALREADY_VOTED'));
    // Who voted, never how: the audit record names the representative and not the choice.
    await writeAuditBatch(
      tx,
      cast.map((e) => ({
        at: now,
        actor: { kind: 'worker' as const, id: e.waiting.accountId },
        action: 'motion.ballot',
        objectType: 'motion',
        objectId: motion.id,
        orgId: motion.orgId,
        details: { representativeId: e.representativeId },
      })),
    );
    for (const e of cast)
      answers.set(e.waiting, {
        statusCode: 201,
        body: { motionId: motion.id, choice: e.waiting.choice, castAt: now.toISOString() },
      });
    await settleKeys(
      tx,
      scope,
      cast
        .filter((e) => e.waiting.key)
        .map((e) => ({ ...keyed(e.waiting), ...(answers.get(e.waiting) as StoredAnswer<BallotAnswer>) })),
      active.filter((b) => b.key && answers.get(b) instanceof AppError).map(keyed),
    );
    return { answers, replays };
  });
}

/** The ballots of one motion in one server process: up to `batchesInFlight` batches written at once, the rest queue. */
class MotionBallotQueue {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly motion: BallotMotion,
    private readonly onIdle: () => void,
  ) {}

  submit(ballot: BallotRequest): Promise<StoredAnswer<BallotAnswer>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...ballot, resolve, reject });
      if (!this.scheduled && this.inFlight < batchesInFlight) {
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
    while (this.queue.length > 0 && this.inFlight < batchesInFlight) {
      const batch = this.queue.splice(0, maxBatch);
      this.inFlight++;
      void this.serve(batch)
        .catch((error: unknown) => {
          for (const b of batch) b.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          this.startBatches();
        });
    }
    if (this.inFlight === 0 && this.queue.length === 0 && !this.scheduled) this.onIdle();
  }

  private async serve(batch: Waiting[]): Promise<void> {
    // Within a batch, a retry of a request still in it (same account, same key) waits for the first.
    const { distinct, followers } = withoutInBatchRetries(batch, keyed);
    const outcome = await retryOnConflict(() => writeBatch(this.db, this.clock, this.motion, distinct));
    const settle = (b: Waiting, answer: StoredAnswer<BallotAnswer> | AppError) => {
      for (const w of [b, ...(followers.get(b) ?? [])]) {
        // A follower with another choice under the same key is a reused key, not a retry.
        const own = w !== b && w.choice !== b.choice ? new AppError('IDEMPOTENCY_KEY_REUSED') : answer;
        if (own instanceof AppError) w.reject(own);
        else w.resolve(own);
      }
    };
    for (const [b, answer] of outcome.answers) settle(b, answer);
    for (const [choice, group] of byChoice(outcome.replays)) {
      const stored = await storedAnswers<BallotAnswer>(
        this.db,
        ballotScope(this.motion.id),
        group.map(keyed),
        payloadOf(choice),
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

/** The ballots of one app (`ctx.state`): each motion's queue while a vote is under way, and the motions' lookups. */
export class BallotDesk {
  private readonly queues = new Map<string, MotionBallotQueue>();
  readonly motions: BatchLoader<string, repo.MotionRow>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    // A burst of ballots reads its motion in one query per turn of the event loop, not one per ballot.
    this.motions = new BatchLoader(
      async (ids: string[]) => new Map((await repo.findMotions(db, ids)).map((m) => [m.id, m])),
    );
  }

  submit(motion: BallotMotion, ballot: BallotRequest): Promise<StoredAnswer<BallotAnswer>> {
    let queue = this.queues.get(motion.id);
    if (!queue) {
      queue = new MotionBallotQueue(this.db, this.clock, motion, () => this.queues.delete(motion.id));
      this.queues.set(motion.id, queue);
    }
    return queue.submit(ballot);
  }
}
