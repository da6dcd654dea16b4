import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, randomPhone, type World } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { expectRawRows } from '../../../test/raw-rows.js';
import * as repo from './perks.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function openCampaign(w: World, quantity: number): Promise<string> {
  const res = await t.call('POST', '/api/v1/voucher-campaigns', {
    token: w.admin.token,
    body: {
      orgId: w.org.id,
      title: '原始语句检查',
      quantity,
      perMemberLimit: 5,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function newMember(w: World): Promise<string> {
  const res = await t.call('POST', '/api/v1/members', {
    token: w.admin.token,
    body: { name: '会员', phone: randomPhone(), orgId: w.grassroots.id },
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

describe('perks raw statements against the migrated schema', () => {
  it('takeStock, insertVouchers and the claim locks run, and their rows match the declared row types', async () => {
    const w = await freshWorld(t);
    const campaignId = await openCampaign(w, 3);
    const memberId = await newMember(w);
    await t.ctx.db.transaction(async (tx) => {
      await repo.lockMembersClaims(tx, campaignId, [memberId]);
      expect(await expectRawRows(tx, repo.takeStockStatement, campaignId, 2)).toEqual([{ granted: 2, remaining: 1 }]);
      const code = `T${crypto.randomBytes(6).toString('hex').toUpperCase()}`;
      const [issued] = await expectRawRows(tx, repo.insertVouchersStatement, campaignId, [{ memberId, code }]);
      expect(issued).toMatchObject({ memberId, code });
    });
    // The typed counterparts agree: one voucher held, one left in stock.
    expect(await repo.countVouchersOfMembers(t.ctx.db, campaignId, [memberId])).toEqual(new Map([[memberId, 1]]));
    expect((await repo.findCampaign(t.ctx.db, campaignId))?.remaining).toBe(1);
  });
});
