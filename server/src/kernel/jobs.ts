import { eq, sql } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { jobs } from './db/kernel.tables.js';

export interface JobError {
  row: number;
  field: string;
  code: string;
  message: string;
  /** What the reader needs to act on the row (the file it duplicates, that file's status): the message's {placeholders}. */
  details?: Record<string, string | number | boolean>;
}

export interface JobView {
  id: string;
  kind: string;
  orgId: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  message: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

// Only the first errors are kept in the row; a 100,000-row file of junk must not make a 100 MB row.
export const maxStoredJobErrors = 10_000;

export async function createJob(
  db: Db,
  input: { kind: string; orgId: string; createdBy: string; inputFileId: string | null },
): Promise<string> {
  const [row] = await db
    .insert(jobs)
    .values({ ...input, status: 'queued' })
    .returning({ id: jobs.id });
  return row!.id;
}

export async function findJob(
  db: Db,
  id: string,
): Promise<(JobView & { createdBy: string; inputFileId: string | null; errors: JobError[] }) | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ? { ...row, status: row.status as JobView['status'] } : null;
}

export async function reportJobProgress(
  db: Db,
  id: string,
  progress: { total?: number; processed: number; succeeded: number; failed: number; newErrors: JobError[] },
): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: 'running',
      ...(progress.total !== undefined ? { total: progress.total } : {}),
      processed: progress.processed,
      succeeded: progress.succeeded,
      failed: progress.failed,
      errors:
        progress.newErrors.length > 0
          ? sql`case when jsonb_array_length(${jobs.errors}) < ${maxStoredJobErrors} then ${jobs.errors} || ${JSON.stringify(progress.newErrors)}::jsonb else ${jobs.errors} end`
          : undefined,
    })
    .where(eq(jobs.id, id));
}

export async function finishJob(
  db: Db,
  id: string,
  status: 'succeeded' | 'failed',
  message: string | null,
  at: Date,
): Promise<void> {
  await db.update(jobs).set({ status, message, finishedAt: at }).where(eq(jobs.id, id));
}

/** A background failure, for the log: what was running, and the error. */
export interface BackgroundLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Work that outlives its request (imports) and work that repeats (refreshing the working calendar), per app
 * (`ctx.background`). Nothing run here can kill the process or vanish: a failure is logged with what was running
 * and handed to `onError` (an import marks its job failed); repeated work retries with backoff. The app waits for
 * running work when it closes, and stops the repeats.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;

  constructor(private readonly log: BackgroundLogger) {}

  /** Work running now (the metrics report it). */
  get runningCount(): number {
    return this.running.size;
  }

  /** Runs `work` after this turn of the event loop; `onError` records a failure where people see it. */
  run(what: string, work: () => Promise<unknown>, onError?: (error: unknown) => Promise<void>): void {
    if (this.closed) throw new Error(`background work ${what} started after the app closed`);
    const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .then(
        () => undefined,
        async (error: unknown) => {
          this.log.error({ err: error, work: what }, 'background work failed');
          if (onError) await onError(error);
        },
      )
      .catch((error: unknown) => this.log.error({ err: error, work: what }, 'recording a background failure failed'))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /**
   * Runs `work` every `intervalMs` until the app closes. A failed run is logged and tried again after
   * `retryMs`, doubling up to `intervalMs`; the next success returns to the normal interval.
   */
  every(what: string, intervalMs: number, work: () => Promise<unknown>, retryMs = Math.min(1000, intervalMs)): void {
    let failures = 0;
    const schedule = (delay: number) => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.run(
          what,
          async () => {
            await work();
            failures = 0;
            schedule(intervalMs);
          },
          async (error) => {
            failures++;
            const retryIn = Math.min(intervalMs, retryMs * 2 ** (failures - 1));
            this.log.warn({ err: error, work: what, failures, retryInMs: retryIn }, 'background work will be retried');
            schedule(retryIn);
          },
        );
      }, delay);
      timer.unref();
      this.timers.add(timer);
    };
    schedule(intervalMs);
  }

  /** Stops the repeats and waits for what is running (an import finishes before the database closes). */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
