import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopWithCashier, freshWorld, randomPhone, workerLogin, type World } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { countQueries } from '../../../test/query-counter.js';
import { verifyAuditChain } from '../../kernel/audit.js';
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
  await t.call('POST', '/api/v1/members', {
    token: w.admin.token,
    body: { name: '会员', phone, orgId: w.grassroots.id },
  });
  return (await workerLogin(t, phone)).token;
}

const window = (fromMin: number, toMin: number) => ({
  startsAt: new Date(Date.now() + fromMin * 60_000).toISOString(),
  endsAt: new Date(Date.now() + toMin * 60_000).toISOString(),
});

describe('voucher flash redemption 抢兑', () => {
  it('lists a member’s campaigns with claimedByMe in as many queries for five campaigns as for one (no count per campaign)', async () => {
    const w = await freshWorld(t);
    const token = await member(w);
    const openOne = async (title: string) => {
      const c = await t.call('POST', '/api/v1/voucher-campaigns', {
        token: w.admin.token,
        body: { orgId: w.org.id, title, quantity: 5, perMemberLimit: 2, ...window(-1, 60) },
      });
      expect((await t.call('POST', `/api/v1/voucher-campaigns/${c.json.id}/claims`, { token })).status).toBe(201);
      return c.json.id as string;
    };
    const list = () => t.call('GET', '/api/v1/voucher-campaigns', { token });
    await openOne('券一');
    await list();
    let page: Awaited<ReturnType<typeof list>> | undefined;
    const forOne = await countQueries(t.database, async () => {
      page = await list();
    });
    expect(page!.json.items.map((c: { claimedByMe: number }) => c.claimedByMe)).toEqual([1]);
    for (const title of ['券二', '券三', '券四', '券五']) await openOne(title);
    const forFive = await countQueries(t.database, async () => {
      page = await list();
    });
    expect(page!.json.items.map((c: { claimedByMe: number }) => c.claimedByMe)).toEqual([1, 1, 1, 1, 1]);
    expect(forOne).toBeGreaterThan(0);
    expect(forFive).toBe(forOne);
  });

  it('never issues more than the quantity nor more than the per-member limit, under concurrency', async () => {
    const w = await freshWorld(t);
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: {
        orgId: w.org.id,
        title: '游泳体验券',
        quantity: 10,
        perMemberLimit: 2,
        faceValueFen: 5000,
        ...window(-1, 60),
      },
    });
    expect(campaign.status).toBe(201);
    const tokens = await Promise.all(Array.from({ length: 8 }, () => member(w)));
    // 8 members × 3 attempts each, all at once: 24 claims for 10 vouchers with 2 each at most.
    const results = await Promise.all(
      tokens.flatMap((token) =>
        [0, 1, 2].map(() => t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, { token })),
      ),
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

  it('serves a burst in batches: retries in the same burst get the same voucher, one audit record per voucher, replays after the sell-out', async () => {
    const w = await freshWorld(t);
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { orgId: w.org.id, title: '早高峰抢券', quantity: 6, perMemberLimit: 1, ...window(-1, 60) },
    });
    const id = campaign.json.id as string;
    const tokens = await Promise.all(Array.from({ length: 10 }, () => member(w)));
    // Each member's phone sends its claim twice with the same key (a retry over a bad network), all at once.
    const results = await Promise.all(
      tokens.flatMap((token, i) =>
        [0, 1].map(() =>
          t.call('POST', `/api/v1/voucher-campaigns/${id}/claims`, {
            token,
            headers: { 'idempotency-key': `burst-${i}` },
          }),
        ),
      ),
    );
    const won = tokens.map((_, i) => results.slice(2 * i, 2 * i + 2));
    for (const [a, b] of won) {
      expect(a!.status).toBe(b!.status);
      if (a!.status === 201) expect(b!.json.voucher.code).toBe(a!.json.voucher.code);
      else expect(a!.json.error.code).toBe('SOLD_OUT');
    }
    const winners = won.filter(([a]) => a!.status === 201);
    expect(winners).toHaveLength(6);
    expect(new Set(winners.map(([a]) => a!.json.voucher.code)).size).toBe(6);
    expect(winners[0]![0]!.json.voucher).toMatchObject({ state: 'issued', campaign: { id, title: '早高峰抢券' } });
    const [counts] = await queryRows<{ vouchers: number; audits: number; keys: number }>(
      t.ctx.db,
      sql`select (select count(*)::int from vouchers where campaign_id = ${id}) as vouchers,
                 (select count(*)::int from audit_log where action = 'voucher.claim' and details->>'campaignId' = ${id}) as audits,
                 (select count(*)::int from idempotency_keys where scope = ${`voucher_claim:${id}`}) as keys`,
    );
    // Keys of refused claims are released (errors are not kept): only the six winners' answers stay.
    expect(counts).toEqual({ vouchers: 6, audits: 6, keys: 6 });
    // A malformed key fails its own request only, never the batch it would have joined.
    const tooLong = await t.call('POST', `/api/v1/voucher-campaigns/${id}/claims`, {
      token: tokens[0],
      headers: { 'idempotency-key': 'k'.repeat(201) },
    });
    expect(tooLong.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'Idempotency-Key' }] },
    });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);

    // After the sell-out: a winner's retry still gets its voucher, a loser's retry and a new claim are SOLD_OUT.
    const winnerIndex = won.findIndex(([a]) => a!.status === 201);
    const loserIndex = won.findIndex(([a]) => a!.status !== 201);
    const replay = await t.call('POST', `/api/v1/voucher-campaigns/${id}/claims`, {
      token: tokens[winnerIndex],
      headers: { 'idempotency-key': `burst-${winnerIndex}` },
    });
    expect(replay.status).toBe(201);
    expect(replay.json.voucher.code).toBe(won[winnerIndex]![0]!.json.voucher.code);
    const again = await t.call('POST', `/api/v1/voucher-campaigns/${id}/claims`, {
      token: tokens[loserIndex],
      headers: { 'idempotency-key': `burst-${loserIndex}` },
    });
    expect(again.json.error.code).toBe('SOLD_OUT');
    expect(
      (await t.call('POST', `/api/v1/voucher-campaigns/${id}/claims`, { token: tokens[loserIndex] })).json.error.code,
    ).toBe('SOLD_OUT');
  });

  it('keeps the limits and each retry’s answer when batches overlap (claims arriving over several turns)', async () => {
    const w = await freshWorld(t);
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { orgId: w.org.id, title: '分批抢兑', quantity: 5, perMemberLimit: 1, ...window(-1, 60) },
    });
    const url = `/api/v1/voucher-campaigns/${campaign.json.id}/claims`;
    const tokens = await Promise.all(Array.from({ length: 8 }, () => member(w)));
    // Three turns of the event loop: a batch starts per turn while the previous one is still being written.
    const turns: Promise<Awaited<ReturnType<typeof t.call>>>[][] = [];
    for (let turn = 0; turn < 3; turn++) {
      turns.push(
        tokens.flatMap((token, i) => [
          t.call('POST', url, { token, headers: { 'idempotency-key': `overlap-${i}` } }),
          ...(turn === 2 ? [t.call('POST', url, { token })] : []),
        ]),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    const [first, second, third] = await Promise.all(turns.map((calls) => Promise.all(calls)));
    const codes = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      const keyed = [first![i]!, second![i]!, third![2 * i]!];
      const unkeyed = third![2 * i + 1]!;
      // A retry gets the first answer: the same voucher, or the same refusal.
      expect(new Set(keyed.map((r) => r.status)).size).toBe(1);
      if (keyed[0]!.status === 201) {
        expect(new Set(keyed.map((r) => r.json.voucher.code)).size).toBe(1);
        expect(unkeyed.json.error.code).toMatch(/^(LIMIT_REACHED|SOLD_OUT)$/);
      } else expect(keyed.map((r) => r.json.error.code)).toEqual(['SOLD_OUT', 'SOLD_OUT', 'SOLD_OUT']);
      if (unkeyed.status === 409) codes.add(unkeyed.json.error.code);
    }
    const [row] = await queryRows<{ n: number; members: number; remaining: number }>(
      t.ctx.db,
      sql`select count(*)::int as n, count(distinct member_id)::int as members,
               (select remaining from voucher_campaigns where id = ${campaign.json.id}) as remaining
        from vouchers where campaign_id = ${campaign.json.id}`,
    );
    expect(row).toEqual({ n: 5, members: 5, remaining: 0 });
    expect(first!.filter((r) => r.status === 201)).toHaveLength(5);
    expect(codes.size).toBeGreaterThan(0);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  // Two server processes on one PostgreSQL database: each has its own batches and sold-out memory.
  it.runIf(Boolean(process.env.DATABASE_URL))(
    '[PostgreSQL server only, DATABASE_URL: the second npm test of .ci/run] never oversells when two server processes serve the same campaign',
    async () => {
      const second = await startTestApp();
      try {
        const w = await freshWorld(t);
        const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
          token: w.admin.token,
          body: { orgId: w.org.id, title: '双实例抢兑', quantity: 7, perMemberLimit: 1, ...window(-1, 60) },
        });
        const tokens = await Promise.all(Array.from({ length: 16 }, () => member(w)));
        const url = `/api/v1/voucher-campaigns/${campaign.json.id}/claims`;
        // Each member taps twice, on both processes, with the same key: one voucher at most each, 7 in all.
        const results = await Promise.all(
          tokens.flatMap((token, i) =>
            [t, second].map((app) => app.call('POST', url, { token, headers: { 'idempotency-key': `two-${i}` } })),
          ),
        );
        expect(results.every((r) => r.status === 201 || (r.status === 409 && r.json.error.code === 'SOLD_OUT'))).toBe(
          true,
        );
        for (let i = 0; i < tokens.length; i++) {
          const [a, b] = [results[2 * i]!, results[2 * i + 1]!];
          if (a.status === 201 && b.status === 201) expect(b.json.voucher.code).toBe(a.json.voucher.code);
        }
        const [row] = await queryRows<{ n: number; members: number; remaining: number }>(
          t.ctx.db,
          sql`select count(*)::int as n, count(distinct member_id)::int as members,
                   (select remaining from voucher_campaigns where id = ${campaign.json.id}) as remaining
            from vouchers where campaign_id = ${campaign.json.id}`,
        );
        expect(row).toEqual({ n: 7, members: 7, remaining: 0 });
        expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
      } finally {
        await second.close();
      }
    },
  );

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
    const first = await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, {
      token,
      headers: { 'idempotency-key': 'tap-1' },
    });
    const retry = await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, {
      token,
      headers: { 'idempotency-key': 'tap-1' },
    });
    expect(first.status).toBe(201);
    expect(retry.json.voucher.code).toBe(first.json.voucher.code);
    expect((await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, { token })).json.error.code).toBe(
      'LIMIT_REACHED',
    );
    const mine = await t.call('GET', '/api/v1/me/vouchers', { token });
    expect(mine.json.items).toHaveLength(1);
    const outsider = await workerLogin(t);
    expect(
      (await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, { token: outsider.token })).json.error
        .code,
    ).toBe('MEMBERSHIP_REQUIRED');
    const otherMember = await member(await freshWorld(t));
    expect(
      (await t.call('POST', `/api/v1/voucher-campaigns/${open.json.id}/claims`, { token: otherMember })).status,
    ).toBe(404);
    const bad = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { title: '', quantity: 0, perMemberLimit: 1, startsAt: 'tomorrow', endsAt: window(0, 1).endsAt },
    });
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'quantity',
      'startsAt',
      'title',
    ]);
  });

  it('lets only the campaign’s merchant redeem a code, once', async () => {
    const w = await freshWorld(t);
    const { shopId, cashier } = await createShopWithCashier(t, w.admin.token, w.org.id, '莲湖爱心游泳馆');
    const { cashier: otherCashier } = await createShopWithCashier(t, w.admin.token, w.org.id, '别家店');
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { title: '游泳券', quantity: 3, perMemberLimit: 1, merchantId: shopId, ...window(-1, 60) },
    });
    const token = await member(w);
    const { code } = (await t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, { token })).json
      .voucher;
    expect(
      (await t.call('POST', '/api/v1/merchant/redemptions', { token: otherCashier.token, body: { code } })).status,
    ).toBe(404);
    expect(
      (await t.call('POST', '/api/v1/merchant/redemptions', { token: cashier.token, body: { code: 'NOSUCHCODE22' } }))
        .status,
    ).toBe(404);
    const ok = await t.call('POST', '/api/v1/merchant/redemptions', {
      token: cashier.token,
      body: { code: code.toLowerCase() },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.voucher.state).toBe('redeemed');
    const again = await t.call('POST', '/api/v1/merchant/redemptions', { token: cashier.token, body: { code } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_REDEEMED');
    expect(
      (await t.call('POST', '/api/v1/merchant/redemptions', { token: w.admin.token, body: { code } })).status,
    ).toBe(403);
    const month = shanghaiDate(new Date()).slice(0, 7);
    const list = await t.call('GET', `/api/v1/merchant/redemptions?month=${month}`, { token: cashier.token });
    expect(list.json).toMatchObject({ month, count: 1, totalFen: 0, items: [{ code, campaign: '游泳券' }] });
    expect(
      (await t.call('GET', `/api/v1/merchant/redemptions?month=${month}`, { token: otherCashier.token })).json.count,
    ).toBe(0);
    const sheet = await readWorkbook(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/merchant/settlement.xlsx?month=${month}`,
          headers: { authorization: `Bearer ${cashier.token}` },
        })
      ).rawPayload,
    );
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(3).getCell(1).value).toBe('合计');
    expect((await t.call('GET', '/api/v1/merchant/redemptions?month=2026-13', { token: cashier.token })).status).toBe(
      400,
    );
  });

  it('settles the month in a workbook a spreadsheet can add up: yuan as numbers, times in Shanghai', async () => {
    const w = await freshWorld(t);
    const { shopId, cashier } = await createShopWithCashier(t, w.admin.token, w.grassroots.id, '爱心书店');
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: {
        title: '购书券',
        quantity: 5,
        perMemberLimit: 1,
        merchantId: shopId,
        faceValueFen: 1250,
        ...window(-1, 60),
      },
    });
    for (let i = 0; i < 2; i++) {
      const { code } = (
        await t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, { token: await member(w) })
      ).json.voucher;
      expect(
        (await t.call('POST', '/api/v1/merchant/redemptions', { token: cashier.token, body: { code } })).status,
      ).toBe(200);
    }
    const month = shanghaiDate(new Date()).slice(0, 7);
    const list = await t.call('GET', `/api/v1/merchant/redemptions?month=${month}`, { token: cashier.token });
    const sheet = await readWorkbook(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/merchant/settlement.xlsx?month=${month}`,
          headers: { authorization: `Bearer ${cashier.token}` },
        })
      ).rawPayload,
    );
    expect(sheet.rowCount).toBe(4);
    for (const r of [2, 3]) {
      expect(sheet.getRow(r).getCell(4).value).toBe(12.5);
      expect(sheet.getRow(r).getCell(4).numFmt).toBe('#,##0.00');
      expect(sheet.getRow(r).getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm');
    }
    const at = sheet.getRow(2).getCell(1).value as Date;
    expect(at).toBeInstanceOf(Date);
    expect(at.toISOString().slice(0, 19)).toBe(
      new Date(Date.parse(list.json.items[0].redeemedAt) + 8 * 3600_000).toISOString().slice(0, 19),
    );
    expect(sheet.getRow(4).getCell(1).value).toBe('合计');
    expect(sheet.getRow(4).getCell(4).value).toEqual({ formula: 'SUM(D2:D3)', result: 25 });
  });

  it('slows down a member who hammers the claim button', async () => {
    const w = await freshWorld(t);
    const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
      token: w.admin.token,
      body: { title: '限速测试', quantity: 100, perMemberLimit: 1, ...window(-1, 60) },
    });
    const token = await member(w);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, { token })).status);
    expect(statuses.slice(0, 10).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
