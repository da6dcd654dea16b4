import { Redis } from 'ioredis';
import { z } from 'zod';
import { pgArray, sql, type Db } from './db/client.js';
import { rawStatement, runRaw } from './db/raw.js';

interface Pending {
  key: string;
  period: number;
  add: number;
  expiresAt: Date;
  resolve: (counts: PeriodCounts) => void;
  reject: (error: unknown) => void;
}

interface CounterAdd {
  key: string;
  period: number;
  add: number;
  expiresAt: Date;
}

/** Adds to many counters in one statement; answers each one's count after it and its previous period's. */
export const addToCounters = rawStatement(
  z.object({ key: z.string(), period: z.string(), current: z.number().int(), previous: z.number().int() }),
  (rows: CounterAdd[]) =>
    sql`with input as (
          select * from unnest(${pgArray(rows.map((r) => r.key))}::text[], ${pgArray(rows.map((r) => r.period))}::bigint[],
                               ${pgArray(rows.map((r) => r.add))}::int[], ${pgArray(rows.map((r) => r.expiresAt.toISOString()))}::timestamptz[])
            as t(key, period, add, expires_at)
        ), counted as (
          insert into rate_counters (key, period, count, expires_at)
          select key, period, add, expires_at from input order by key, period
          on conflict (key, period) do update set count = rate_counters.count + excluded.count
          returning key, period, count
        )
        select c.key, c.period::text as period, c.count as current, coalesce(p.count, 0) as previous
        from counted c left join rate_counters p on p.key = c.key and p.period = c.period - 1`,
);

/** A key's count in a period after an `add`, and in the period before it (sliding windows weigh it in). */
export interface PeriodCounts {
  current: number;
  previous: number;
}

/**
 * Counts per key and period (a rate limit's window, a Shanghai day) kept in PostgreSQL, so that every server
 * process on the database — several on one machine, or several machines — counts against the same limit.
 * The adds that requests make in one turn of the event loop go to the database as one statement: under a
 * burst (a flash sale's claims) the database sees one upsert per turn, not one per request.
 */
export class SharedCounters implements RateCounters {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  /**
   * Adds `add` (0 to only read) to `key`'s count in `period`, a row kept until `expiresAt`; answers the count
   * including this add (and those of the same turn before it) and the count of the period before.
   */
  add(key: string, period: number, add: number, expiresAt: Date): Promise<PeriodCounts> {
    return new Promise((resolve, reject) => {
      this.pending.push({ key, period, add, expiresAt, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * `add` inside the transaction `tx`, at once (not batched): the count is part of the write it limits, and
   * is undone if that write rolls back. (The embedded database has one connection: a statement outside an open
   * transaction would wait for it.)
   */
  async addIn(tx: Db, key: string, period: number, add: number, expiresAt: Date): Promise<PeriodCounts> {
    const [row] = await runRaw(tx, addToCounters, [{ key, period, add, expiresAt }]);
    return { current: row!.current, previous: row!.previous };
  }

  async close(): Promise<void> {
    // The database is closed by its owner.
  }

  /** Forgets periods that have ended (a background job calls this now and then). */
  async prune(now: Date): Promise<void> {
    await this.db.execute(sql`delete from rate_counters where expires_at < ${now.toISOString()}::timestamptz`);
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    // One row per (key, period) in the statement (an upsert may not touch a row twice): adds summed.
    const rows = new Map<string, CounterAdd>();
    for (const p of batch) {
      const id = `${p.period}\u0000${p.key}`;
      const row = rows.get(id);
      if (row) row.add += p.add;
      else rows.set(id, { key: p.key, period: p.period, add: p.add, expiresAt: p.expiresAt });
    }
    // Rows in one order in every statement (and `order by` in it): two statements of concurrent turns, on two
    // connections, then lock the same counters in the same order and cannot deadlock.
    const list = [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.period - b.period));
    this.upsert(list).then(
      (found) => {
        // The statement answers each row's total after all of this turn's adds: hand them out in order.
        const before = new Map<string, number>();
        for (const [id, row] of rows) before.set(id, found.get(id)!.current - row.add);
        for (const p of batch) {
          const id = `${p.period}\u0000${p.key}`;
          const current = before.get(id)! + p.add;
          before.set(id, current);
          p.resolve({ current, previous: found.get(id)!.previous });
        }
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
      },
    );
  }

  private async upsert(rows: CounterAdd[]): Promise<Map<string, PeriodCounts>> {
    let found;
    try {
      found = await runRaw(this.db, addToCounters, rows);
    } catch (error) {
      // A deadlock with a statement of another server process that sorted otherwise (an older version during a
      // rolling upgrade): PostgreSQL rolled this one back, so it runs once more.
      const code =
        (error as { code?: string; cause?: { code?: string } }).code ??
        (error as { cause?: { code?: string } }).cause?.code;
      if (code !== '40P01') throw error;
      found = await runRaw(this.db, addToCounters, rows);
    }
    return new Map(found.map((r) => [`${r.period}\u0000${r.key}`, { current: r.current, previous: r.previous }]));
  }
}

/** What rate limits count with: the database's counters, or Redis's (`REDIS_URL`). */
export interface RateCounters {
  add(key: string, period: number, add: number, expiresAt: Date): Promise<PeriodCounts>;
  close(): Promise<void>;
}

/**
 * One turn's adds in one call: for each (key, previous key) pair and (add, expiry) pair, INCRBY, PEXPIREAT and the
 * previous period's count. A script runs atomically, and the adds to one key within it each see their own count.
 */
const addCountersScript = `
local out = {}
for i = 1, #KEYS, 2 do
  local n = (i + 1) / 2
  local current = redis.call('INCRBY', KEYS[i], ARGV[2 * n - 1])
  redis.call('PEXPIREAT', KEYS[i], ARGV[2 * n])
  out[i] = current
  out[i + 1] = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
end
return out`;

interface RedisAdd {
  key: string;
  period: number;
  add: number;
  expiresAt: Date;
  resolve: (counts: PeriodCounts) => void;
  reject: (error: unknown) => void;
}

/**
 * Counters in Redis (`REDIS_URL`), for deployments that keep rate limits off the database: the adds of one turn of
 * the event loop go to Redis as one script call (measured: one MULTI per add cost more of the server's CPU than the
 * database's one statement per turn, docs/benchmarks.md). Daily quotas stay in PostgreSQL: they are counted inside
 * the write they limit, and undone with it. (A Redis Cluster would need the keys of a call in one hash slot.)
 */
export class RedisCounters implements RateCounters {
  private readonly redis: Redis;
  private pending: RedisAdd[] = [];
  private scheduled = false;

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    // A dropped connection is retried by the client; requests meanwhile fail (and are answered 5xx), not the process.
    this.redis.on('error', () => undefined);
  }

  add(key: string, period: number, add: number, expiresAt: Date): Promise<PeriodCounts> {
    return new Promise((resolve, reject) => {
      this.pending.push({ key, period, add, expiresAt, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    const keys: string[] = [];
    const args: string[] = [];
    for (const a of batch) {
      const name = `smart-union:rate:${a.key}`;
      keys.push(`${name}:${a.period}`, `${name}:${a.period - 1}`);
      args.push(String(a.add), String(a.expiresAt.getTime()));
    }
    this.redis.eval(addCountersScript, keys.length, ...keys, ...args).then(
      (result) => {
        const counts = result as number[];
        batch.forEach((a, i) => a.resolve({ current: Number(counts[2 * i]), previous: Number(counts[2 * i + 1]) }));
      },
      (error: unknown) => {
        for (const a of batch) a.reject(error);
      },
    );
  }

  /** Answers when Redis does (for readiness: an instance whose rate limits cannot count should get no traffic). */
  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
