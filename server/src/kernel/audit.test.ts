import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { verifyAuditChain, writeAudit } from './audit.js';
import { sql } from './db/client.js';

describe('hash-chained audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('chains concurrent writers into one intact sequence', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.ctx.db.transaction((tx) =>
          writeAudit(tx, {
            at: new Date(),
            actor: { kind: 'system', id: null },
            action: 'test.write',
            objectType: 'test',
            objectId: String(i),
            details: { i, nested: { b: 1, a: [2, 'x'] } },
          }),
        ),
      ),
    );
    const report = await verifyAuditChain(t.ctx.db);
    expect(report).toMatchObject({ ok: true, brokenAt: null });
    expect(report.checked).toBeGreaterThanOrEqual(20);
  });

  it('refuses UPDATE and DELETE', async () => {
    await expect(t.ctx.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(t.ctx.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it("detects a record changed behind the application's back", async () => {
    // Inside a transaction that is rolled back, so a shared database keeps its intact chain.
    const rollback = new Error('rollback');
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
        await tx.execute(
          sql`update audit_log set details = '{"i": 999}'::jsonb where seq = (select max(seq) from audit_log where action = 'test.write')`,
        );
        const report = await verifyAuditChain(tx);
        expect(report.ok).toBe(false);
        expect(report.reason).toMatch(/hash/);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
