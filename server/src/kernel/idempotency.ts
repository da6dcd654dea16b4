import crypto from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { isUniqueViolation, pgArray, sql, type Db } from './db/client.js';
import { idempotencyKeys } from './db/kernel.tables.js';
import { rawStatement, runRaw } from './db/raw.js';
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

/** A key the client sent: refused when too long (check before a request joins a batch, so it fails alone). */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && key.length > 200)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'Idempotency-Key', code: 'too_big', message: '' }] });
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
  checkIdempotencyKey(opts.key);
  const hash = requestHash(opts.payload);
  const where = and(
    eq(idempotencyKeys.principal, opts.principal),
    eq(idempotencyKeys.scope, opts.scope),
    eq(idempotencyKeys.key, opts.key),
  );
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
      await tx.insert(idempotencyKeys).values({
        principal: opts.principal,
        scope: opts.scope,
        key: opts.key!,
        requestHash: hash,
        statusCode: 0,
        body: {},
      });
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

/** One keyed request inside a batch (see `reserveKeys`). */
export interface KeyedRequest {
  principal: string;
  key: string;
}

/**
 * A batch's requests with a retry of one still in the batch (same principal, same key) set aside as its follower, to be
 * answered with the first one's answer: `distinct` go to the database, `followers` wait on them.
 */
export function withoutInBatchRetries<T extends { key: string | undefined }>(
  batch: readonly T[],
  keyedOf: (request: T) => KeyedRequest,
): { distinct: T[]; followers: Map<T, T[]> } {
  const first = new Map<string, T>();
  const followers = new Map<T, T[]>();
  const distinct: T[] = [];
  for (const r of batch) {
    const id = r.key ? keyedRequestId(keyedOf(r)) : null;
    const earlier = id ? first.get(id) : undefined;
    if (earlier) followers.set(earlier, [...(followers.get(earlier) ?? []), r]);
    else {
      if (id) first.set(id, r);
      distinct.push(r);
    }
  }
  return { distinct, followers };
}

/** How the batch helpers name a keyed request in the sets and maps they answer. */
export function keyedRequestId(r: KeyedRequest): string {
  return `${r.principal}\u0000${r.key}`;
}

/** Raw: a batch insert from arrays (one statement text for any batch size); answers the keys it reserved. */
export const reserveKeysStatement = rawStatement(
  z.strictObject({ principal: z.string(), key: z.string() }),
  (scope: string, hash: string, requests: readonly KeyedRequest[]) =>
    sql`insert into idempotency_keys (principal, scope, key, request_hash, status_code, body)
        select p, ${scope}, k, ${hash}, 0, '{}'::jsonb from unnest(${pgArray(requests.map((r) => r.principal))}::text[], ${pgArray(requests.map((r) => r.key))}::text[]) as t(p, k)
        on conflict do nothing returning principal, key`,
);

/**
 * The batch form of runIdempotent's first step, for use cases that serve many requests in one
 * transaction: reserves each (principal, scope, key) and answers which were new. The others were
 * served before (or by a transaction that was still running and has now committed): their answer
 * is read with `storedAnswers` once this transaction ends.
 */
export async function reserveKeys(
  tx: Db,
  scope: string,
  requests: readonly KeyedRequest[],
  payload: unknown,
): Promise<Set<string>> {
  if (requests.length === 0) return new Set();
  for (const r of requests)
    if (r.key.length > 200)
      throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'Idempotency-Key', code: 'too_big', message: '' }] });
  const hash = requestHash(payload);
  const rows = await runRaw(tx, reserveKeysStatement, scope, hash, requests);
  return new Set(rows.map(keyedRequestId));
}

/** Raw: `reserveKeysStatement` with a payload hash per request (requests of one batch with different payloads). */
export const reserveEachKeyStatement = rawStatement(
  z.strictObject({ principal: z.string(), key: z.string() }),
  (scope: string, requests: readonly (KeyedRequest & { hash: string })[]) =>
    sql`insert into idempotency_keys (principal, scope, key, request_hash, status_code, body)
        select p, ${scope}, k, h, 0, '{}'::jsonb from unnest(${pgArray(requests.map((r) => r.principal))}::text[], ${pgArray(requests.map((r) => r.key))}::text[], ${pgArray(requests.map((r) => r.hash))}::text[]) as t(p, k, h)
        on conflict do nothing returning principal, key`,
);

/**
 * `reserveKeys` for a batch whose requests carry different payloads (ballots for different entries), each bound to its
 * own: a retry under the same key with another payload is IDEMPOTENCY_KEY_REUSED when its answer is read
 * (`storedAnswers` with that payload).
 */
export async function reserveEachKey(
  tx: Db,
  scope: string,
  requests: readonly (KeyedRequest & { payload: unknown })[],
): Promise<Set<string>> {
  if (requests.length === 0) return new Set();
  for (const r of requests) checkIdempotencyKey(r.key);
  const rows = await runRaw(
    tx,
    reserveEachKeyStatement,
    scope,
    requests.map((r) => ({ principal: r.principal, key: r.key, hash: requestHash(r.payload) })),
  );
  return new Set(rows.map(keyedRequestId));
}

/** Stores the answers of reserved requests that succeeded; releases those that failed (errors are not kept, so a retry runs again). */
export async function settleKeys(
  tx: Db,
  scope: string,
  answered: readonly (KeyedRequest & StoredAnswer<unknown>)[],
  released: readonly KeyedRequest[],
): Promise<void> {
  if (answered.length === 0 && released.length === 0) return;
  // One statement for both: a round trip less inside the (hot) transaction of the batch.
  await tx.execute(sql`with answered as (
        update idempotency_keys i set status_code = t.s, body = t.b
        from unnest(${pgArray(answered.map((a) => a.principal))}::text[], ${pgArray(answered.map((a) => a.key))}::text[],
                    ${pgArray(answered.map((a) => a.statusCode))}::int[], ${pgArray(answered.map((a) => JSON.stringify(a.body)))}::jsonb[]) as t(p, k, s, b)
        where i.principal = t.p and i.scope = ${scope} and i.key = t.k returning 1),
      released as (
        delete from idempotency_keys i
        using unnest(${pgArray(released.map((r) => r.principal))}::text[], ${pgArray(released.map((r) => r.key))}::text[]) as t(p, k)
        where i.principal = t.p and i.scope = ${scope} and i.key = t.k returning 1)
      select (select count(*) from answered) as answered, (select count(*) from released) as released`);
}

/** Answers stored for keyed requests, by keyedRequestId; a request with another payload under the same key gets IDEMPOTENCY_KEY_REUSED. */
export async function storedAnswers<T>(
  db: Db,
  scope: string,
  requests: readonly KeyedRequest[],
  payload: unknown,
): Promise<Map<string, StoredAnswer<T> | AppError>> {
  if (requests.length === 0) return new Map();
  const hash = requestHash(payload);
  const i = idempotencyKeys;
  const rows = await db
    .select({ principal: i.principal, key: i.key, requestHash: i.requestHash, statusCode: i.statusCode, body: i.body })
    .from(i)
    .where(
      and(
        eq(i.scope, scope),
        ne(i.statusCode, 0),
        // One parameter per column whatever the batch size: the statement text never changes.
        sql`(${i.principal}, ${i.key}) in (select * from unnest(${pgArray(requests.map((r) => r.principal))}::text[], ${pgArray(requests.map((r) => r.key))}::text[]))`,
      ),
    );
  const answers = new Map<string, StoredAnswer<T> | AppError>();
  for (const row of rows) {
    // The body is the stored answer of this scope's use case, so of type T.
    answers.set(
      keyedRequestId(row),
      row.requestHash === hash
        ? { statusCode: row.statusCode, body: row.body as T }
        : new AppError('IDEMPOTENCY_KEY_REUSED'),
    );
  }
  return answers;
}

/**
 * Every answer stored under a scope, by keyedRequestId — or null when there are more than `max`.
 * For a scope that can gain no more answers (a sold-out campaign), so it can be held in memory.
 */
export async function storedAnswersOfScope<T>(
  db: Db,
  scope: string,
  payload: unknown,
  max: number,
): Promise<Map<string, StoredAnswer<T> | AppError> | null> {
  const hash = requestHash(payload);
  const i = idempotencyKeys;
  const rows = await db
    .select({ principal: i.principal, key: i.key, requestHash: i.requestHash, statusCode: i.statusCode, body: i.body })
    .from(i)
    .where(and(eq(i.scope, scope), ne(i.statusCode, 0)))
    .limit(max + 1);
  if (rows.length > max) return null;
  return new Map(
    rows.map((row) => [
      keyedRequestId(row),
      row.requestHash === hash
        ? { statusCode: row.statusCode, body: row.body as T }
        : new AppError('IDEMPOTENCY_KEY_REUSED'),
    ]),
  );
}
