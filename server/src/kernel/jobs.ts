import { eq, sql } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { jobs } from './db/kernel.tables.js';

export interface JobError {
  row: number;
  field: string;
  code: string;
  message: string;
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

export async function createJob(db: Db, input: { kind: string; orgId: string; createdBy: string; inputFileId: string | null }): Promise<string> {
  const [row] = await db
    .insert(jobs)
    .values({ ...input, status: 'queued' })
    .returning({ id: jobs.id });
  return row!.id;
}

export async function findJob(db: Db, id: string): Promise<(JobView & { createdBy: string; inputFileId: string | null; errors: JobError[] }) | null> {
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

export async function finishJob(db: Db, id: string, status: 'succeeded' | 'failed', message: string | null): Promise<void> {
  await db.update(jobs).set({ status, message, finishedAt: new Date() }).where(eq(jobs.id, id));
}

const background = new Set<Promise<unknown>>();

/** Work that outlives its request (imports); the server waits for it before closing. */
export function runInBackground(work: () => Promise<unknown>): void {
  const p: Promise<unknown> = new Promise<void>((resolve) => setImmediate(resolve)).then(work).finally(() => background.delete(p));
  background.add(p);
}

export async function drainBackgroundWork(): Promise<void> {
  while (background.size > 0) await Promise.allSettled([...background]);
}
