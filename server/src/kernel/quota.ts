import { shanghaiDate, shanghaiDayStart } from './clock.js';
import type { PeriodCounts, SharedCounters } from './counters.js';
import { sql, type Db } from './db/client.js';
import { AppError } from './errors.js';

/** How many of one kind of write (a legal case, a membership application) one applicant and one client address may make a day. */
export interface DailyLimit {
  perApplicant: number;
  perAddress: number;
}

/** Seconds from `now` to the next midnight in Asia/Shanghai ("per day" is the Shanghai calendar day: API.md). */
export function secondsToShanghaiMidnight(now: Date): number {
  const tomorrow = shanghaiDayStart(shanghaiDate(now)).getTime() + 86_400_000;
  return Math.max(1, Math.ceil((tomorrow - now.getTime()) / 1000));
}

function dailyLimitReached(
  reason: 'applicant_daily_limit' | 'address_daily_limit',
  limit: number,
  now: Date,
): AppError {
  const retryAfterSeconds = secondsToShanghaiMidnight(now);
  return new AppError(
    'RATE_LIMITED',
    { reason, limit, retryAfterSeconds },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

/**
 * Today's writes per (kind, client address), counted in the database (kernel/counters.ts) so that every server
 * process counts against the same limit. A new Shanghai day starts every count afresh.
 */
export class AddressQuotas {
  constructor(private readonly counters: SharedCounters) {}

  private count(tx: Db, kind: string, address: string, add: number, now: Date): Promise<PeriodCounts> {
    const today = shanghaiDate(now);
    const day = Math.round(shanghaiDayStart(today).getTime() / 86_400_000);
    const expires = new Date(shanghaiDayStart(today).getTime() + 2 * 86_400_000);
    return this.counters.addIn(tx, `quota:${kind}:${address}`, day, add, expires);
  }

  /** Refuses (429) when `address` has made `limit` writes of `kind` today (in the write's transaction `tx`). */
  async check(tx: Db, kind: string, address: string, limit: number, now: Date): Promise<void> {
    if ((await this.count(tx, kind, address, 0, now)).current >= limit)
      throw dailyLimitReached('address_daily_limit', limit, now);
  }

  /** Counts one write of `kind` for `address` today in the write's transaction `tx`, refusing (429) beyond `limit`. */
  async take(tx: Db, kind: string, address: string, limit: number, now: Date): Promise<void> {
    if ((await this.count(tx, kind, address, 1, now)).current > limit)
      throw dailyLimitReached('address_daily_limit', limit, now);
  }
}

/** A write that is within today's limits so far: `count()` it as the last step of its transaction. */
export interface DailyQuotaTicket {
  count(): Promise<void>;
}

/**
 * Checks a write that fills a staff queue against its daily limits, first thing in the write's transaction `tx`:
 * the applicant's writes of this kind are serialised (an advisory lock until the transaction ends) and counted in
 * the database by `countSince` (the module's query: this applicant's writes since the given instant), so a burst
 * cannot outrun the count; "today" is the Shanghai day of `now` (`ctx.clock`). The client address is counted in `addresses` when the write calls `count()` once it
 * has passed its own checks. Over either limit: 429 RATE_LIMITED with Retry-After until Shanghai midnight.
 */
export async function checkDailyLimit(
  tx: Db,
  addresses: AddressQuotas,
  opts: {
    kind: string;
    limit: DailyLimit;
    applicant: string;
    address: string;
    now: Date;
    countSince: (since: Date) => Promise<number>;
  },
): Promise<DailyQuotaTicket> {
  const now = opts.now;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quota:${opts.kind}`}), hashtext(${opts.applicant}))`);
  if ((await opts.countSince(shanghaiDayStart(shanghaiDate(now)))) >= opts.limit.perApplicant)
    throw dailyLimitReached('applicant_daily_limit', opts.limit.perApplicant, now);
  await addresses.check(tx, opts.kind, opts.address, opts.limit.perAddress, now);
  return { count: () => addresses.take(tx, opts.kind, opts.address, opts.limit.perAddress, now) };
}
