import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, freshWorld, randomPhone, workerLogin, type World } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { readWorkbook } from '../../../test/uploads.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function member(w: World): Promise<string> {
  const phone = randomPhone();
  await t.call('POST', '/api/v1/members', { token: w.admin.token, body: { name: '会员', phone, orgId: w.grassroots.id } });
  return (await workerLogin(t, phone)).token;
}

const window = (fromMin: number, toMin: number) => ({
  startsAt: new Date(Date.now() + fromMin * 60_000).toISOString(),
  endsAt: new Date(Date.now() + toMin * 60_000).toISOString(),
});

describe('voucher flash redemption 抢兑', () => {
  it('never issues more than the quantity nor more than the per-member limit, under concurrency', async () => {
    const w = await freshWorld(t);
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { orgId: w.org.id, title: '游泳体验券', quantity: 10, perMemberLimit: 2, faceValueFen: 5000, ...window(-1, 60) },
    });
    expect(campaign.status).toBe(201);
    const tokens = await Promise.all(Array.from({ length: 8 }, () => member(w)));
    // 8 members × 3 attempts each, all at once: 24 claims for 10 vouchers with 2 each at most.
    const results = await Promise.all(
      tokens.flatMap((token) => [0, 1, 2].map(() => t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, { token }))),
    );
    const issued = results.filter((r) => r.status === 201);
    expect(issued).toHaveLength(10);
    const codes = results.filter((r) => r.status === 409).map((r) => r.json.error.code);
    expect(new Set(codes)).toEqual(new Set(['SOLD_OUT', 'LIMIT_REACHED']));
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const perMember = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from vouchers where campaign_id = ${campaign.json.id} group by member_id`,
    );
    expect(Math.max(...perMember.map((r) => r.n))).toBeLessThanOrEqual(2);
    const after = await t.call('GET', `/api/v1/voucher-campaigns/${campaign.json.id}`, { token: w.admin.token });
    expect(after.json).toMatchObject({ remaining: 0, open: false });
  });

  it('refuses claims outside the window, by non-members, and retried claims issue one voucher', async () => {
    const w = await freshWorld(t);
    const later = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { title: '明天开抢', quantity: 5, perMemberLimit: 1, ...window(60, 120) },
    });
    const token = await member(w);
    const early = await t.call('POST', `/api/v1/voucher-campaigns/${later.json.id}/claims`, { token });
    expect(early.json.error.code).toBe('CAMPAIGN_NOT_OPEN');
    const open = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { title: '现在开抢', quantity: 5, perMemberLimit: 1, ...window(-1, 60) },
    });
    const first = await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, { token, headers: { 'idempotency-key': 'tap-1' } });
    const retry = await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, { token, headers: { 'idempotency-key': 'tap-1' } });
    expect(first.status).toBe(201);
    expect(retry.json.voucher.code).toBe(first.json.voucher.code);
    expect((await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, { token })).json.error.code).toBe('LIMIT_REACHED');
    const mine = await t.call('GET', '/api/v1/me/vouchers', { token });
    expect(mine.json.items).toHaveLength(1);
    const outsider = await workerLogin(t);
    expect((await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, { token: outsider.token })).json.error.code).toBe('MEMBERSHIP_REQUIRED');
    const otherMember = await member(await freshWorld(t));
    expect((await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, { token: otherMember })).status).toBe(404);
    const bad = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { title: '', quantity: 0, perMemberLimit: 1, startsAt: 'tomorrow', endsAt: window(0, 1).endsAt },
    });
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['quantity', 'startsAt', 'title']);
  });

  it('lets only the campaign’s merchant redeem a code, once', async () => {
    const w = await freshWorld(t);
    const shop = await t.call('POST', '/api/v1/merchants', { token: w.admin.token, body: { orgId: w.org.id, name: '莲湖爱心游泳馆' } });
    const cashier = await createStaffUser(t, w.admin.token, w.org.id, ['merchant']);
    await t.call('POST', `/api/v1/merchants/${shop.json.id}/staff`, { token: w.admin.token, body: { staffId: cashier.id } });
    const otherShop = await t.call('POST', '/api/v1/merchants', { token: w.admin.token, body: { orgId: w.org.id, name: '别家店' } });
    const otherCashier = await createStaffUser(t, w.admin.token, w.org.id, ['merchant']);
    await t.call('POST', `/api/v1/merchants/${otherShop.json.id}/staff`, { token: w.admin.token, body: { staffId: otherCashier.id } });
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { title: '游泳券', quantity: 3, perMemberLimit: 1, merchantId: shop.json.id, ...window(-1, 60) },
    });
    const token = await member(w);
    const { code } = (await t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, { token })).json.voucher;
    expect((await t.call('POST', '/api/v1/merchant/redemptions', { token: otherCashier.token, body: { code } })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/merchant/redemptions', { token: cashier.token, body: { code: 'NOSUCHCODE22' } })).status).toBe(404);
    const ok = await t.call('POST', '/api/v1/merchant/redemptions', { token: cashier.token, body: { code: code.toLowerCase() } });
    expect(ok.status).toBe(200);
    expect(ok.json.voucher.state).toBe('redeemed');
    const again = await t.call('POST', '/api/v1/merchant/redemptions', { token: cashier.token, body: { code } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_REDEEMED');
    expect((await t.call('POST', '/api/v1/merchant/redemptions', { token: w.admin.token, body: { code } })).status).toBe(403);
    const month = shanghaiDate(new Date()).slice(0, 7);
    const list = await t.call('GET', `/api/v1/merchant/redemptions?month=${month}`, { token: cashier.token });
    expect(list.json).toMatchObject({ month, count: 1, totalFen: 0, items: [{ code, campaign: '游泳券' }] });
    expect((await t.call('GET', `/api/v1/merchant/redemptions?month=${month}`, { token: otherCashier.token })).json.count).toBe(0);
    const sheet = await readWorkbook(
      (await t.app.inject({ method: 'GET', url: `/api/v1/merchant/settlement.xlsx?month=${month}`, headers: { authorization: `Bearer ${cashier.token}` } }))
        .rawPayload,
    );
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(3).getCell(1).value).toBe('合计');
    expect((await t.call('GET', '/api/v1/merchant/redemptions?month=2026-13', { token: cashier.token })).status).toBe(400);
  });

  it('slows down a member who hammers the claim button', async () => {
    const w = await freshWorld(t);
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { title: '限速测试', quantity: 100, perMemberLimit: 1, ...window(-1, 60) },
    });
    const token = await member(w);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, { token })).status);
    expect(statuses.slice(0, 10).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
