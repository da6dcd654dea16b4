import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLead, hardshipWorld, householdInput, type HardshipWorld } from '../../../test/hardship.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook } from '../../../test/uploads.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const add = (token: string, body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/hardship/donors', { token, body });

describe('donor units of the love alliance (爱心联盟)', () => {
  let w: HardshipWorld;
  let household: string;
  beforeAll(async () => {
    w = await hardshipWorld(t);
    household = await fileLead(t, w.worker.token, householdInput(w.regionCode, { headName: '马秀英' }));
    const verified = await t.call('POST', `/api/v1/hardship/leads/${household}/actions`, {
      token: w.officer.token,
      body: { action: 'verify', note: '入户核实' },
    });
    expect(verified.status).toBe(200);
  });

  it('adds a donor to a union once by name (409 DONOR_EXISTS), edits it, and shows what it gave', async () => {
    const res = await add(w.officer.token, {
      orgId: w.county.id,
      name: '宁夏爱心乳业有限公司',
      kind: 'enterprise',
      contactName: '王经理',
      contactPhone: '13912345678',
      note: '每季度捐赠牛奶',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      org: { id: w.county.id, name: w.county.name },
      name: '宁夏爱心乳业有限公司',
      kind: 'enterprise',
      contactPhone: '13912345678',
      gave: { count: 0, totalFen: 0, lastGivenOn: null },
      gifts: [],
      mayEdit: true,
    });
    const id = res.json.id as string;
    const twice = await add(w.officer.token, { orgId: w.county.id, name: '宁夏爱心乳业有限公司', kind: 'other' });
    expect([twice.status, twice.json.error.code]).toEqual([409, 'DONOR_EXISTS']);
    // The same name in another union's alliance is another donor.
    expect(
      (await add(w.admin.token, { orgId: w.org.id, name: '宁夏爱心乳业有限公司', kind: 'enterprise' })).status,
    ).toBe(201);

    for (const [amountFen, givenOn] of [
      [20_000, '2025-01-20'],
      [30_000, '2025-06-01'],
    ] as const) {
      const aid = await t.call('POST', `/api/v1/hardship/households/${household}/aid`, {
        token: w.officer.token,
        body: { kind: 'goods', amountFen, description: '牛奶', givenOn, donorId: id },
      });
      expect(aid.status).toBe(201);
    }
    const one = await t.call('GET', `/api/v1/hardship/donors/${id}`, { token: w.officer.token });
    expect(one.status).toBe(200);
    expect(one.json.gave).toEqual({ count: 2, totalFen: 50_000, lastGivenOn: '2025-06-01' });
    expect(one.json.gifts.map((g: { givenOn: string; head: string }) => [g.givenOn, g.head])).toEqual([
      ['2025-06-01', '马*英'],
      ['2025-01-20', '马*英'],
    ]);

    const list = await t.call('GET', `/api/v1/hardship/donors?orgId=${w.county.id}`, { token: w.officer.token });
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([
      expect.objectContaining({ id, gave: { count: 2, totalFen: 50_000, lastGivenOn: '2025-06-01' } }),
    ]);

    const edited = await t.call('PATCH', `/api/v1/hardship/donors/${id}`, {
      token: w.officer.token,
      body: { name: '宁夏爱心乳业集团', contactPhone: null },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ name: '宁夏爱心乳业集团', contactPhone: null, contactName: '王经理' });
    expect(
      (await add(w.officer.token, { orgId: w.county.id, name: '青铜峡爱心超市', kind: 'enterprise' })).status,
    ).toBe(201);
    const clash = await t.call('PATCH', `/api/v1/hardship/donors/${id}`, {
      token: w.officer.token,
      body: { name: '青铜峡爱心超市' },
    });
    expect([clash.status, clash.json.error.code]).toEqual([409, 'DONOR_EXISTS']);
  });

  it("lists the donors who may give to a household: its union's and those above it", async () => {
    const list = await t.call('GET', `/api/v1/hardship/donors?householdId=${household}`, { token: w.officer.token });
    expect(list.status).toBe(200);
    const orgIds = new Set(list.json.items.map((d: { org: { id: string } }) => d.org.id));
    expect(orgIds.has(w.county.id) || orgIds.has(w.org.id)).toBe(true);
    for (const d of list.json.items as { org: { id: string } }[])
      expect([w.county.id, w.org.id, w.community.id]).toContain(d.org.id);
  });

  it('lets officers write; leaders read with the contact phone masked; 404 outside the subtree', async () => {
    const created = await add(w.officer.token, {
      orgId: w.county.id,
      name: '爱心药房',
      kind: 'enterprise',
      contactPhone: '13800001111',
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await add(w.worker.token, { orgId: w.community.id, name: '某公司', kind: 'enterprise' })).status).toBe(403);
    expect((await add(w.leader.token, { orgId: w.county.id, name: '某公司', kind: 'enterprise' })).status).toBe(403);
    const patch = await t.call('PATCH', `/api/v1/hardship/donors/${id}`, {
      token: w.leader.token,
      body: { note: 'x' },
    });
    expect(patch.status).toBe(403);
    const leader = await t.call('GET', `/api/v1/hardship/donors/${id}`, { token: w.leader.token });
    expect(leader.status).toBe(200);
    expect(leader.json).toMatchObject({ contactPhone: '138****1111', mayEdit: false });
    const stranger = await hardshipWorld(t);
    expect((await t.call('GET', `/api/v1/hardship/donors/${id}`, { token: stranger.officer.token })).status).toBe(404);
    const patchOut = await t.call('PATCH', `/api/v1/hardship/donors/${id}`, {
      token: stranger.officer.token,
      body: { note: 'x' },
    });
    expect(patchOut.status).toBe(404);
    expect((await add(stranger.officer.token, { orgId: w.county.id, name: '越界', kind: 'other' })).status).toBe(404);
    const listOut = await t.call('GET', `/api/v1/hardship/donors?orgId=${w.county.id}`, {
      token: stranger.officer.token,
    });
    expect(listOut.status).toBe(404);
  });

  it('exports the alliance with what each gave, in yuan', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/hardship/donors/export.xlsx?orgId=${w.county.id}`,
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    expect(res.statusCode).toBe(200);
    const ws = await readWorkbook(res.rawPayload);
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row, n) => {
      if (n > 1)
        rows.set(String(row.getCell(1).value), [row.getCell(2).value, row.getCell(6).value, row.getCell(7).value]);
    });
    expect(rows.get('宁夏爱心乳业集团')).toEqual(['爱心企业', 2, 500]);
  });

  it('refuses a donor without a name, of an unknown kind, or with a bad phone (400)', async () => {
    expect((await add(w.officer.token, { orgId: w.county.id, name: ' ', kind: 'enterprise' })).status).toBe(400);
    expect((await add(w.officer.token, { orgId: w.county.id, name: 'x', kind: 'bank' })).status).toBe(400);
    const phone = await add(w.officer.token, { orgId: w.county.id, name: 'y', kind: 'other', contactPhone: 'call me' });
    expect([phone.status, phone.json.error.details.issues[0].path]).toEqual([400, 'contactPhone']);
  });
});
