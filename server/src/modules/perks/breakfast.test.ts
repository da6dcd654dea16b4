import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createStaffUser, freshWorld, randomPhone, workerLogin } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook } from '../../../test/uploads.js';
import { shanghaiDate } from '../../kernel/clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('love breakfast 爱心早餐', () => {
  it('gives an enrolled sanitation worker one breakfast a day at any partner shop, settled monthly', async () => {
    const w = await freshWorld(t);
    const phone = randomPhone();
    const member = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '环卫工老李', phone, orgId: w.grassroots.id, occupation: '环卫工人' },
    });
    const enrolled = await t.call('POST', '/api/v1/breakfast/enrolments', {
      token: w.admin.token,
      body: { orgId: w.org.id, memberId: member.json.id },
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.json.cardCode).toMatch(/^BF[A-Z2-9]{10}$/);
    expect(
      (
        await t.call('POST', '/api/v1/breakfast/enrolments', {
          token: w.admin.token,
          body: { orgId: w.org.id, memberId: member.json.id },
        })
      ).json.error.code,
    ).toBe('ALREADY_ENROLLED');

    const shops = [];
    for (const name of ['团结西路早餐店', '大庆路早餐店']) {
      const shop = await t.call('POST', '/api/v1/merchants', { token: w.admin.token, body: { orgId: w.org.id, name } });
      const cashier = await createStaffUser(t, w.admin.token, w.org.id, ['merchant']);
      await t.call('POST', `/api/v1/merchants/${shop.json.id}/staff`, {
        token: w.admin.token,
        body: { staffId: cashier.id },
      });
      expect(
        (
          await t.call('POST', '/api/v1/breakfast/partners', {
            token: w.admin.token,
            body: { orgId: w.org.id, merchantId: shop.json.id },
          })
        ).status,
      ).toBe(200);
      shops.push(cashier);
    }
    const worker = await workerLogin(t, phone);
    const card = await t.call('GET', '/api/v1/me/breakfast-card', { token: worker.token });
    expect(card.json).toEqual({ cardCode: enrolled.json.cardCode, name: '环卫工老李', servedToday: false });

    // Two shops scan the same card at the same moment: exactly one breakfast.
    const both = await Promise.all(
      shops.map((s) =>
        t.call('POST', '/api/v1/merchant/breakfasts', { token: s.token, body: { code: enrolled.json.cardCode } }),
      ),
    );
    const served = both.findIndex((r) => r.status === 201);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.json.error.code).toBe('ALREADY_SERVED');
    expect((await t.call('GET', '/api/v1/me/breakfast-card', { token: worker.token })).json.servedToday).toBe(true);

    // A shop that is not a partner of this programme does not know the card.
    const stranger = await freshWorld(t);
    const otherShop = await t.call('POST', '/api/v1/merchants', {
      token: stranger.admin.token,
      body: { orgId: stranger.org.id, name: '别区早餐店' },
    });
    const otherCashier = await createStaffUser(t, stranger.admin.token, stranger.org.id, ['merchant']);
    await t.call('POST', `/api/v1/merchants/${otherShop.json.id}/staff`, {
      token: stranger.admin.token,
      body: { staffId: otherCashier.id },
    });
    await t.call('POST', '/api/v1/breakfast/partners', {
      token: stranger.admin.token,
      body: { orgId: stranger.org.id, merchantId: otherShop.json.id },
    });
    expect(
      (
        await t.call('POST', '/api/v1/merchant/breakfasts', {
          token: otherCashier.token,
          body: { code: enrolled.json.cardCode },
        })
      ).status,
    ).toBe(404);
    // nor can another subtree enrol this member
    const sub = await createOrg(t, stranger.admin.token, stranger.org.id, 'grassroots');
    expect(
      (
        await t.call('POST', '/api/v1/breakfast/enrolments', {
          token: stranger.admin.token,
          body: { orgId: sub.id, memberId: member.json.id },
        })
      ).status,
    ).toBe(404);

    // The console's lists: enrolled workers (searchable), partner shops and merchants, with this month's breakfasts.
    const enrolments = await t.call('GET', `/api/v1/breakfast/enrolments?orgId=${w.org.id}&q=老李`, {
      token: w.admin.token,
    });
    expect(enrolments.json.items).toEqual([
      expect.objectContaining({
        memberName: '环卫工老李',
        cardCode: enrolled.json.cardCode,
        servedThisMonth: 1,
        org: { id: w.org.id, name: expect.any(String) },
      }),
    ]);
    expect(
      (
        await t.call('GET', `/api/v1/breakfast/enrolments?q=${enrolled.json.cardCode.toLowerCase()}`, {
          token: w.admin.token,
        })
      ).json.items,
    ).toHaveLength(1);
    expect(
      (await t.call('GET', '/api/v1/breakfast/enrolments?q=nobody', { token: w.admin.token })).json.items,
    ).toHaveLength(0);
    const partners = await t.call('GET', '/api/v1/breakfast/partners', { token: w.admin.token });
    const servedAt = ['团结西路早餐店', '大庆路早餐店'][served];
    expect(partners.json.items).toHaveLength(2);
    for (const p of partners.json.items) expect(p.servedThisMonth).toBe(p.merchantName === servedAt ? 1 : 0);
    const merchantList = await t.call('GET', `/api/v1/merchants?orgId=${w.org.id}`, { token: w.admin.token });
    expect(merchantList.json.items).toHaveLength(2);
    expect(merchantList.json.items[0]).toMatchObject({ cashiers: 1, breakfastProgramme: { id: w.org.id } });
    // Only perks staff: a member manager of the same org may not list shops.
    const clerk = await createStaffUser(t, w.admin.token, w.org.id, ['member_manager']);
    expect((await t.call('GET', '/api/v1/merchants', { token: clerk.token })).status).toBe(403);

    const month = shanghaiDate(new Date()).slice(0, 7);
    const sheet = await readWorkbook(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/merchant/breakfast-settlement.xlsx?month=${month}`,
          headers: { authorization: `Bearer ${shops[served]!.token}` },
        })
      ).rawPayload,
    );
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(3).value).toBe('环卫工老李');
    expect(sheet.getRow(3).getCell(2).value).toBe('1 份');
    const servedOn = sheet.getRow(2).getCell(1);
    expect(servedOn.numFmt).toBe('yyyy-mm-dd');
    expect((servedOn.value as Date).toISOString().slice(0, 10)).toBe(shanghaiDate(new Date()));
    const servedTime = sheet.getRow(2).getCell(2);
    expect(servedTime.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect((servedTime.value as Date).toISOString().slice(0, 10)).toBe(shanghaiDate(new Date()));
  });
});
