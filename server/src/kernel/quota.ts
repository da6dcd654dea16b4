import { shanghaiDate, shanghaiDayStart } from './clock.js';
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
 * Today's writes per (kind, client address), in this process's memory: the app context owns one, so each app
 * (and each test's app) counts on its own. A new Shanghai day starts every count afresh.
 */
export class AddressQuotas {
  private day = '';
  private readonly counts = new Map<string, number>();

  private used(kind: string, address: string, now: Date): { key: string; used: number } {
    const today = shanghaiDate(now);
    if (today !== this.day) {
      this.day = today;
      this.counts.clear();
    }
    const key = `${kind}\u0000${address}`;
    return { key, used: this.counts.get(key) ?? 0 };
  }

  /** Refuses (429) when `address` has made `limit` writes of `kind` today. */
  check(kind: string, address: string, limit: number, now: Date): void {
    if (this.used(kind, address, now).used >= limit) throw dailyLimitReached('address_daily_limit', limit, now);
  }

  /** Counts one write of `kind` for `address` today, refusing (429) beyond `limit`. */
  take(kind: string, address: string, limit: number, now: Date): void {
    const { key, used } = this.used(kind, address, now);
    if (used >= limit) throw dailyLimitReached('address_daily_limit', limit, now);
    this.counts.set(key, used + 1);
  }
}

/** A write that is within today's limits so far: `count()` it as the last step of its transaction. */
export interface DailyQuotaTicket {
  count(): void;
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
  addresses.check(opts.kind, opts.address, opts.limit.perAddress, now);
  return { count: () => addresses.take(opts.kind, opts.address, opts.limit.perAddress, now) };
}
