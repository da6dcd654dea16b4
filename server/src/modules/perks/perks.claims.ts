/**
 * Flash claims (抢兑) served in batches. When a campaign opens, thousands of members claim within
 * seconds and every claim touches the same stock row. Taken one transaction per claim, the row
 * lock is held across a commit (a WAL flush) per voucher: that is the single-row UPDATE rate, and
 * the ceiling. Here the claims that arrive while a batch is being written wait for the next batch,
 * and a batch is one transaction: the members' claims locked in one statement, their vouchers
 * counted in one, the stock taken in one conditional UPDATE (never below zero), the vouchers
 * inserted in one, one audit record each under one hold of the chain lock, the Idempotency-Keys
 * reserved and settled in one each. A batch's size adapts to the load: one claim when it is quiet.
 *
 * Correctness does not rest on the batching: the stock UPDATE, the CHECK on the stock, the member
 * locks and the idempotency rows hold across batches and across server processes.
 */
import crypto from 'node:crypto';
import { writeAuditBatch } from '../../kernel/audit.js';
import { BatchLoader } from '../../kernel/batch-loader.js';
import { AppError } from '../../kernel/errors.js';
import {
  keyedRequestId,
  withoutInBatchRetries,
  reserveKeys,
  settleKeys,
  storedAnswers,
  storedAnswersOfScope,
  type KeyedRequest,
  type StoredAnswer,
} from '../../kernel/idempotency.js';
import type { Clock } from '../../kernel/clock.js';
import { retryOnConflict, type Db } from '../../kernel/db/client.js';
import * as repo from './perks.repository.js';

export interface ClaimAnswer {
  voucher: ReturnType<typeof presentIssued>;
}

export interface ClaimRequest {
  memberId: string;
  accountId: string;
  /** The Idempotency-Key, when the app sent one. */
  key: string | undefined;
}

interface Waiting extends ClaimRequest {
  resolve: (answer: StoredAnswer<ClaimAnswer>) => void;
  reject: (error: unknown) => void;
}

const maxBatch = 500;
// No 0/O or 1/I: merchants read these aloud and type them in.
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 12 characters, one-time and unguessable (32^12). */
function voucherCode(): string {
  return Array.from(crypto.randomBytes(12), (b) => alphabet[b % alphabet.length]).join('');
}

/** A fresh code for each claim, no two alike within the batch (so one inserted row answers one claim). */
function withCodes(claims: Waiting[]): { claim: Waiting; code: string }[] {
  const taken = new Set<string>();
  return claims.map((claim) => {
    let code = voucherCode();
    while (taken.has(code)) code = voucherCode();
    taken.add(code);
    return { claim, code };
  });
}

export function presentIssued(campaign: repo.CampaignRow, v: repo.IssuedVoucher) {
  return {
    id: v.id,
    code: v.code,
    state: 'issued' as const,
    issuedAt: v.issuedAt.toISOString(),
    redeemedAt: null,
    campaign: {
      id: campaign.id,
      title: campaign.title,
      faceValueFen: campaign.faceValueFen,
      endsAt: campaign.endsAt.toISOString(),
    },
    merchant: campaign.merchantId ? { id: campaign.merchantId, name: campaign.merchantName ?? '' } : null,
  };
}

export const claimScope = (campaignId: string) => `voucher_claim:${campaignId}`;
const principalOf = (c: ClaimRequest) => `worker:${c.accountId}`;
const keyed = (c: ClaimRequest): KeyedRequest => ({ principal: principalOf(c), key: c.key! });

interface Outcome {
  answers: Map<Waiting, StoredAnswer<ClaimAnswer> | AppError>;
  replays: Waiting[];
  remaining: number | null;
}

async function writeBatch(db: Db, clock: Clock, campaign: repo.CampaignRow, claims: Waiting[]): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const answers = new Map<Waiting, StoredAnswer<ClaimAnswer> | AppError>();
    const scope = claimScope(campaign.id);
    const withKey = claims.filter((c) => c.key);
    const reserved = await reserveKeys(tx, scope, withKey.map(keyed), null);
    // Keys seen before: their stored answer is read after this transaction (it waited for theirs to end).
    const replays = withKey.filter((c) => !reserved.has(keyedRequestId(keyed(c))));
    const active = claims.filter((c) => !c.key || reserved.has(keyedRequestId(keyed(c))));
    if (active.length === 0) return { answers, replays, remaining: null };

    const memberIds = [...new Set(active.map((c) => c.memberId))];
    await repo.lockMembersClaims(tx, campaign.id, memberIds);
    const held = await repo.countVouchersOfMembers(tx, campaign.id, memberIds);
    const eligible: Waiting[] = [];
    for (const c of active) {
      const n = held.get(c.memberId) ?? 0;
      if (n >= campaign.perMemberLimit) {
        answers.set(c, new AppError('LIMIT_REACHED'));
      } else {
        held.set(c.memberId, n + 1);
        eligible.push(c);
      }
    }
    const stock = eligible.length > 0 ? await repo.takeStock(tx, campaign.id, eligible.length) : null;
    if (eligible.length > 0 && !stock) for (const c of eligible) answers.set(c, new AppError('CAMPAIGN_NOT_OPEN'));
    const winners = stock ? eligible.slice(0, stock.granted) : [];
    for (const c of stock ? eligible.slice(stock.granted) : []) answers.set(c, new AppError('SOLD_OUT'));

    // Codes are random: the rare clash is skipped by the insert and drawn again.
    let waiting = withCodes(winners);
    const issued: { claim: Waiting; voucher: repo.IssuedVoucher }[] = [];
    for (let attempt = 0; waiting.length > 0; attempt++) {
      if (attempt === 5) throw new Error('could not draw unique voucher codes');
      const inserted = new Map(
        (
          await repo.insertVouchers(
            tx,
            campaign.id,
            waiting.map((w) => ({ memberId: w.claim.memberId, code: w.code })),
          )
        ).map((v) => [v.code, v]),
      );
      for (const w of waiting) {
        const voucher = inserted.get(w.code);
        if (voucher) issued.push({ claim: w.claim, voucher });
      }
      waiting = withCodes(waiting.filter((w) => !inserted.has(w.code)).map((w) => w.claim));
    }
    const at = clock.now();
    await writeAuditBatch(
      tx,
      issued.map(({ claim, voucher }) => ({
        at,
        actor: { kind: 'worker' as const, id: claim.accountId },
        action: 'voucher.claim',
        objectType: 'voucher',
        objectId: voucher.id,
        orgId: campaign.orgId,
        details: { campaignId: campaign.id },
      })),
    );
    for (const { claim, voucher } of issued)
      answers.set(claim, { statusCode: 201, body: { voucher: presentIssued(campaign, voucher) } });
    await settleKeys(
      tx,
      scope,
      issued
        .filter(({ claim }) => claim.key)
        .map(({ claim }) => ({ ...keyed(claim), ...(answers.get(claim) as StoredAnswer<ClaimAnswer>) })),
      active.filter((c) => c.key && answers.get(c) instanceof AppError).map(keyed),
    );
    return { answers, replays, remaining: stock?.remaining ?? null };
  });
}

/**
 * Batches of one campaign in flight at once in one server process. With two, the next batch reserves its keys,
 * locks its members and counts their vouchers while the previous one holds the stock row through its inserts and
 * its commit; it then waits on the stock row's lock, so stock is still taken one batch at a time. (Measured:
 * 4,750 → 5,650 vouchers issued/s; a third batch in flight bought nothing, docs/benchmarks.md.)
 */
const batchesInFlight = 2;

/** The claims of one campaign in one server process: up to `batchesInFlight` batches written at once, the rest queue. */
class CampaignClaims {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly campaign: repo.CampaignRow,
    private readonly soldOut: Set<string>,
    private readonly afterSoldOut: (claim: ClaimRequest) => Promise<StoredAnswer<ClaimAnswer>>,
    private readonly onIdle: () => void,
  ) {}

  submit(claim: ClaimRequest): Promise<StoredAnswer<ClaimAnswer>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...claim, resolve, reject });
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
      if (this.soldOut.has(this.campaign.id)) {
        // Sold out while these waited: no transaction for them, only their replays are looked up.
        for (const c of this.queue.splice(0)) this.afterSoldOut(c).then(c.resolve, c.reject);
        break;
      }
      const batch = this.queue.splice(0, maxBatch);
      this.inFlight++;
      void this.serve(batch)
        .catch((error: unknown) => {
          for (const c of batch) c.reject(error);
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
    const outcome = await retryOnConflict(() => writeBatch(this.db, this.clock, this.campaign, distinct));
    if (outcome.remaining === 0) this.soldOut.add(this.campaign.id);
    const settle = (c: Waiting, answer: StoredAnswer<ClaimAnswer> | AppError) => {
      for (const w of [c, ...(followers.get(c) ?? [])]) {
        if (answer instanceof AppError) w.reject(answer);
        else w.resolve(answer);
      }
    };
    for (const [c, answer] of outcome.answers) settle(c, answer);
    if (outcome.replays.length > 0) {
      const stored = await storedAnswers<ClaimAnswer>(
        this.db,
        claimScope(this.campaign.id),
        outcome.replays.map(keyed),
        null,
      );
      for (const c of outcome.replays) {
        const answer = stored.get(keyedRequestId(keyed(c)));
        // Released by a request that failed after we looked: this one runs again in the next batch.
        if (answer) settle(c, answer);
        else this.queue.push(c);
      }
    }
  }
}

/**
 * A campaign as claims need it. Nothing of it changes after creation but the stock, which claims
 * read from the database anyway, so a burst of claims reads it once (and again after a while).
 */
const campaignTtlMs = 10_000;

/** Sold-out campaigns whose answers are held: the latest ones (claims come in the first minutes of a campaign). */
const heldCampaigns = 100;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  // Maps iterate in insertion order: the first key is the oldest.
  if (map.size > heldCampaigns) map.delete(map.keys().next().value!);
}

/** Beyond this many vouchers, the answers after a sell-out are looked up per request instead of held. */
const maxHeldAnswers = 50_000;

/**
 * The claims of one app (`ctx.state`, perks.state.ts): each campaign's queue while claims are under way, which
 * campaigns sold out, the campaigns read for claims, replay lookups.
 */
export class ClaimDesk {
  private readonly queues = new Map<string, CampaignClaims>();
  private readonly soldOut = new Set<string>();
  private readonly replays = new Map<string, BatchLoader<string, StoredAnswer<ClaimAnswer> | AppError>>();
  /** Sold-out campaigns' winners' answers (null: too many to hold). */
  private readonly winners = new Map<string, Promise<Map<string, StoredAnswer<ClaimAnswer> | AppError> | null>>();
  private readonly campaigns: BatchLoader<string, repo.CampaignRow>;
  private readonly campaignRows = new Map<string, { row: repo.CampaignRow; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.campaigns = new BatchLoader(
      async (ids: string[]) => new Map((await repo.findCampaigns(db, ids)).map((c) => [c.id, c])),
    );
  }

  async campaignForClaims(id: string): Promise<repo.CampaignRow | null> {
    // How long the row has been held is elapsed time, not the time of day: a monotonic clock.
    const hit = this.campaignRows.get(id);
    if (hit && performance.now() - hit.at < campaignTtlMs) return hit.row;
    const row = await this.campaigns.load(id);
    if (!row) return null;
    if (this.campaignRows.size > 10_000) this.campaignRows.clear();
    this.campaignRows.set(id, { row, at: performance.now() });
    return row;
  }

  /** Stock only ever goes down: once a batch saw zero, the answer for this campaign needs no transaction. */
  knownSoldOut(campaignId: string): boolean {
    return this.soldOut.has(campaignId);
  }

  submit(campaign: repo.CampaignRow, claim: ClaimRequest): Promise<StoredAnswer<ClaimAnswer>> {
    let queue = this.queues.get(campaign.id);
    if (!queue) {
      queue = new CampaignClaims(
        this.db,
        this.clock,
        campaign,
        this.soldOut,
        (c) => this.answerAfterSoldOut(campaign.id, c),
        () => this.queues.delete(campaign.id),
      );
      this.queues.set(campaign.id, queue);
    }
    return queue.submit(claim);
  }

  /**
   * The answers of a sold-out campaign's winners, by keyedRequestId. Final once the stock read zero:
   * every winner's transaction took from the stock, and stored its answer, before that.
   */
  private winnersOf(campaignId: string) {
    let winners = this.winners.get(campaignId);
    if (!winners) {
      winners = storedAnswersOfScope<ClaimAnswer>(this.db, claimScope(campaignId), null, maxHeldAnswers);
      remember(this.winners, campaignId, winners);
    }
    return winners;
  }

  /** After the stock ran out, a retried request (same key) still gets its voucher; anything else is SOLD_OUT. */
  async answerAfterSoldOut(campaignId: string, claim: ClaimRequest): Promise<StoredAnswer<ClaimAnswer>> {
    if (claim.key) {
      const id = keyedRequestId(keyed(claim));
      const held = await this.winnersOf(campaignId);
      let stored: StoredAnswer<ClaimAnswer> | AppError | undefined;
      if (held) stored = held.get(id);
      else {
        let replays = this.replays.get(campaignId);
        if (!replays) {
          // The retries after a sell-out come in bursts as well: one lookup for all of a turn's.
          replays = new BatchLoader(async (ids: string[]) => {
            const requests = ids.map((one) => {
              const [principal = '', key = ''] = one.split('\u0000');
              return { principal, key };
            });
            return storedAnswers<ClaimAnswer>(this.db, claimScope(campaignId), requests, null);
          });
          remember(this.replays, campaignId, replays);
        }
        stored = await replays.load(id);
      }
      if (stored instanceof AppError) throw stored;
      if (stored) return stored;
    }
    throw new AppError('SOLD_OUT');
  }
}
