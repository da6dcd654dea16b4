import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshWorld, randomPhone } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import * as repo from './programmes.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The reconciliation's aggregate expressions declare their types by hand: this holds them to what the database answers. */
const reconciliationRow = z.strictObject({
  approved: z.number().int(),
  approvedFen: z.string().regex(/^\d+$/),
  paid: z.number().int(),
  paidFen: z.string().regex(/^\d+$/),
  failed: z.number().int(),
  pending: z.number().int(),
  unbatched: z.number().int(),
});

describe('programme aggregates against the migrated schema', () => {
  it('reconciliation and the yearly sum answer the declared types, empty and with an approved application', async () => {
    const w = await freshWorld(t);
    const programme = await t.call('POST', '/api/v1/programmes', {
      token: w.admin.token,
      body: {
        kind: 'custom',
        title: '对账',
        orgId: w.org.id,
        opensAt: '2026-01-01T00:00:00+08:00',
        closesAt: '2030-01-01T00:00:00+08:00',
        rules: { publicityDays: 0 },
      },
    });
    const id = programme.json.id as string;
    expect(reconciliationRow.parse(await repo.reconciliation(t.ctx.db, id))).toEqual({
      approved: 0,
      approvedFen: '0',
      paid: 0,
      paidFen: '0',
      failed: 0,
      pending: 0,
      unbatched: 0,
    });
    const member = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '甲', phone: randomPhone(), orgId: w.grassroots.id },
    });
    const applied = await t.call('POST', `/api/v1/programmes/${id}/applications`, {
      token: w.admin.token,
      body: { memberId: member.json.id, amountFen: 12_345 },
    });
    for (const action of ['review_pass', 'approve'])
      await t.call('POST', `/api/v1/applications/${applied.json.id}/actions`, {
        token: w.admin.token,
        body: { action },
      });
    expect(reconciliationRow.parse(await repo.reconciliation(t.ctx.db, id))).toMatchObject({
      approved: 1,
      approvedFen: '12345',
      unbatched: 1,
    });
    const sum = await repo.sumAppliedSince(t.ctx.db, id, member.json.id, new Date('2026-01-01T00:00:00Z'));
    expect(sum).toBe(12_345);
  });
});
