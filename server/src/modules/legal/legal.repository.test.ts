import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOrg, freshWorld, workerLogin } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { findOrg } from '../../kernel/org-tree.js';
import * as repo from './legal.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The figures' aggregate expressions declare their types by hand: this holds them to what the database answers. */
const caseStatsRow = z.strictObject({
  cases: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  recoveredFen: z.number(),
  averageHoursToFirstContact: z.number().nullable(),
  averageDaysToClose: z.number().nullable(),
  overdueFirstContact: z.number().int(),
  averageRating: z.number().nullable(),
});

describe('legal aggregate and routing queries against the migrated schema', () => {
  it('caseStats answers numbers (not strings) of the declared shape, empty and with cases', async () => {
    const w = await freshWorld(t);
    const scope = (await findOrg(t.ctx.db, w.org.id))!.path;
    const empty = caseStatsRow.parse(await repo.caseStats(t.ctx.db, scope));
    expect(empty).toEqual({
      cases: 0,
      open: 0,
      closed: 0,
      recoveredFen: 0,
      averageHoursToFirstContact: null,
      averageDaysToClose: null,
      overdueFirstContact: 0,
      averageRating: null,
    });

    const regionCode = `${String(11 + Math.floor(Math.random() * 80))}${String(1 + Math.floor(Math.random() * 98)).padStart(2, '0')}${String(1 + Math.floor(Math.random() * 98)).padStart(2, '0')}`;
    const center = await createOrg(t, w.admin.token, w.org.id, 'center', regionCode);
    expect(await repo.routeCase(t.ctx.db, regionCode)).toEqual({ id: center.id, toCenter: true });
    const worker = await workerLogin(t);
    const filed = await t.call('POST', '/api/v1/legal/cases', {
      token: worker.token,
      body: {
        kind: 'mediation',
        category: 'unpaid_wages',
        description: '2026年9月至10月的工资共计三个月，公司一直拖欠未发。',
        amountClaimedFen: 100,
        employer: { name: '顺达快递西安分公司', regionCode, address: '未央区凤城二路10号' },
      },
    });
    expect(filed.status).toBe(201);
    await repo.updateCase(t.ctx.db, filed.json.id, {
      amountRecoveredFen: 80,
      status: 'closed',
      closedAt: new Date(),
      ratingScore: 4,
    });
    const stats = caseStatsRow.parse(await repo.caseStats(t.ctx.db, scope));
    expect(stats).toMatchObject({ cases: 1, open: 0, closed: 1, recoveredFen: 80, averageRating: 4 });
    expect(typeof stats.averageDaysToClose).toBe('number');
  });
});
