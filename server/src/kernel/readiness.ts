import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { AppContext } from './context.js';
import { migrationsFolder, queryRows } from './db/client.js';

/** Where the app is in its life: requests are welcome only while `ready`. */
export type Phase = 'starting' | 'ready' | 'closing';

/** One probe's findings: each check's outcome (`ok`, or what is wrong), and whether all passed. */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
}

/** How long a probe waits for one check (a database that does not answer, an index still loading). */
const checkTimeoutMs = 2000;

class TimedOut extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Readiness (`ctx.readiness`, GET /api/health/ready): the app's phase — starting until every module's `start` has
 * run, closing from the moment shutdown begins — and the start-up work modules ask to be waited for (a module calls
 * `require` from its `start`: "the station index is loaded"). Liveness needs none of this: a process that answers is
 * alive.
 */
export class Readiness {
  private current: Phase = 'starting';
  private readonly required = new Map<string, () => Promise<unknown>>();
  private migrationsApplied = false;

  get phase(): Phase {
    return this.current;
  }

  /** Work the app must have done before it takes traffic; `check` resolves once it is (it may start the work). */
  require(name: string, check: () => Promise<unknown>): void {
    if (this.required.has(name)) throw new Error(`readiness check ${name} is already registered`);
    this.required.set(name, check);
  }

  /** Every module has started (the composition root calls it when the app is ready). */
  started(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  /** Shutdown has begun: load balancers should send no more requests here. */
  closing(): void {
    this.current = 'closing';
  }

  /** Runs every check (each within a time limit): the phase, the database, its migrations, the modules' work. */
  async report(ctx: Pick<AppContext, 'database' | 'db'>): Promise<ReadinessReport> {
    const checks: Record<string, string> = {
      lifecycle: this.current === 'ready' ? 'ok' : this.current === 'starting' ? 'starting' : 'shutting_down',
    };
    try {
      await withTimeout(ctx.database.ping(), checkTimeoutMs);
      checks.database = 'ok';
    } catch {
      checks.database = 'unreachable';
    }
    if (checks.database === 'ok') checks.migrations = await this.checkMigrations(ctx);
    else checks.migrations = 'unknown';
    const required = [...this.required].map(async ([name, check]) => {
      try {
        await withTimeout(check(), checkTimeoutMs);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof TimedOut ? 'pending' : 'failed'] as const;
      }
    });
    for (const [name, outcome] of await Promise.all(required)) checks[name] = outcome;
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
  }

  /** Whether the database has this build's latest migration (as Drizzle's migrator records it); once seen, kept. */
  private async checkMigrations(ctx: Pick<AppContext, 'database' | 'db'>): Promise<string> {
    if (this.migrationsApplied) return 'ok';
    try {
      const rows = await withTimeout(
        queryRows<{ latest: string | null }>(
          ctx.db,
          sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`,
        ),
        checkTimeoutMs,
      );
      this.migrationsApplied = Number(rows[0]?.latest ?? 0) >= latestMigrationMillis();
      return this.migrationsApplied ? 'ok' : 'pending';
    } catch {
      // No migrations table yet: nothing is applied.
      return 'pending';
    }
  }
}

let latestMigration: number | undefined;

/** The time stamp Drizzle records for this build's newest migration (migrations/meta/_journal.json). */
function latestMigrationMillis(): number {
  if (latestMigration === undefined) {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { when: number }[];
    };
    latestMigration = Math.max(0, ...journal.entries.map((e) => e.when));
  }
  return latestMigration;
}
