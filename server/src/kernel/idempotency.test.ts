import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRawRows } from '../../test/raw-rows.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { AppError } from './errors.js';
import { reserveKeys, reserveKeysStatement, settleKeys, storedAnswers, storedAnswersOfScope } from './idempotency.js';

describe('batch idempotency keys against the migrated schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reserves, settles and reads back a batch; the raw reservation answers rows of its declared type', async () => {
    const scope = `test:${crypto.randomUUID()}`;
    const a = { principal: 'p1', key: 'k1' };
    const b = { principal: 'p2', key: 'k2' };
    const rows = await expectRawRows(t.ctx.db, reserveKeysStatement, scope, 'hash', [a, b]);
    expect(rows.map((r) => `${r.principal}/${r.key}`).sort()).toEqual(['p1/k1', 'p2/k2']);
    // Already reserved: nothing new.
    expect(await reserveKeys(t.ctx.db, scope, [a, b], { same: true })).toEqual(new Set());
    await settleKeys(t.ctx.db, scope, [{ ...a, statusCode: 201, body: { ok: 1 } }], [b]);
    const answers = await storedAnswers<{ ok: number }>(t.ctx.db, scope, [a, b], { other: true });
    expect([...answers.keys()]).toHaveLength(1);
    // The stored payload hash was 'hash', not this payload's: the key was reused for another request.
    expect([...answers.values()][0]).toBeInstanceOf(AppError);
    const all = await storedAnswersOfScope<{ ok: number }>(t.ctx.db, scope, {}, 10);
    expect(all?.size).toBe(1);
    // b was released: it can be reserved again.
    expect((await reserveKeys(t.ctx.db, scope, [b], {})).size).toBe(1);
  });
});
