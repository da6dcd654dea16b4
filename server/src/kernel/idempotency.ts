import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { isUniqueViolation, type Db } from './db/client.js';
import { idempotencyKeys } from './db/kernel.tables.js';
import { AppError } from './errors.js';

export interface StoredAnswer<T> {
  statusCode: number;
  body: T;
}

function requestHash(payload: unknown): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(payload ?? null))
    .digest('hex');
}

/**
 * Runs `work` once per (principal, scope, key): a retry with the same key gets the first answer.
 * The key is stored in the same transaction as the work, so a crash leaves neither.
 * Without a key the work simply runs.
 */
export async function runIdempotent<T>(
  db: Db,
  opts: { principal: string; scope: string; key: string | undefined; payload: unknown },
  work: (tx: Db) => Promise<StoredAnswer<T>>,
): Promise<StoredAnswer<T>> {
  if (!opts.key) return db.transaction((tx) => work(tx));
  if (opts.key.length > 200) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'Idempotency-Key', code: 'too_big', message: '' }] });
  const hash = requestHash(opts.payload);
  const where = and(eq(idempotencyKeys.principal, opts.principal), eq(idempotencyKeys.scope, opts.scope), eq(idempotencyKeys.key, opts.key));
  const replay = async (): Promise<StoredAnswer<T> | null> => {
    const [found] = await db.select().from(idempotencyKeys).where(where);
    if (!found) return null;
    if (found.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { statusCode: found.statusCode, body: found.body as T };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await db.transaction(async (tx) => {
      // Claim the key first: a concurrent duplicate blocks here until this transaction ends.
      await tx.insert(idempotencyKeys).values({ principal: opts.principal, scope: opts.scope, key: opts.key!, requestHash: hash, statusCode: 0, body: {} });
      const answer = await work(tx);
      await tx
        .update(idempotencyKeys)
        .set({ statusCode: answer.statusCode, body: answer.body as object })
        .where(where);
      return answer;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
}
