import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createStaffUser, randomIdNumber, randomPhone, workerLogin } from '../../../test/factories.js';
import { fileLead, hardshipWorld, householdInput, type HardshipWorld } from '../../../test/hardship.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook } from '../../../test/uploads.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { isUniqueViolation } from '../../kernel/db/client.js';
import { hardshipAid, hardshipVisits } from './hardship.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function verify(w: HardshipWorld, id: string): Promise<void> {
  const res = await t.call('POST', `/api/v1/hardship/leads/${id}/actions`, {
    token: w.officer.token,
    body: { action: 'verify', note: '入户核实：户主患尿毒症，每周透析三次' },
  });
  expect(res.status).toBe(200);
}

/** A household of the world's county, filed by its volunteer and verified by its officer (in assistance). */
async function verifiedHousehold(w: HardshipWorld, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await fileLead(t, w.worker.token, householdInput(w.regionCode, overrides));
  await verify(w, id);
  return id;
}

const give = (token: string, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call('POST', `/api/v1/hardship/households/${id}/aid`, { token, body, headers });

const cash = { kind: 'cash', amountFen: 50_000, description: '春节慰问金' };

async function donor(w: HardshipWorld, orgId: string, name: string): Promise<string> {
  const res = await t.call('POST', '/api/v1/hardship/donors', {
    token: w.admin.token,
    body: { orgId, name, kind: 'enterprise' },
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

describe('the record of help given', () => {
  let w: HardshipWorld;
  let household: string;
  const today = shanghaiDate(new Date());
  beforeAll(async () => {
    w = await hardshipWorld(t);
    household = await verifiedHousehold(w);
  });

  it('records a cash gift given today by the union, and lists it with the total', async () => {
    const res = await give(w.officer.token, household, cash);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      householdId: household,
      kind: 'cash',
      amountFen: 50_000,
      description: '春节慰问金',
      givenOn: today,
      giver: { kind: 'union', id: w.county.id },
      donor: null,
      campaign: null,
      via: 'direct',
      recordedBy: { staffId: w.officer.id },
    });
    const goods = await give(w.officer.token, household, { kind: 'goods', description: '米面油各一袋' });
    expect([goods.status, goods.json.amountFen]).toEqual([201, null]);
    const list = await t.call('GET', `/api/v1/hardship/households/${household}/aid`, { token: w.leader.token });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ count: 2, totalFen: 50_000, nextCursor: null });
    expect(list.json.items.map((a: { kind: string }) => a.kind).sort()).toEqual(['cash', 'goods']);
  });

  it('never records the same cash amount to the same household on the same day twice', async () => {
    const id = await verifiedHousehold(w);
    expect((await give(w.officer.token, id, { ...cash, givenOn: '2025-01-20' })).status).toBe(201);
    const again = await give(w.officer.token, id, { ...cash, givenOn: '2025-01-20', description: '再次录入' });
    expect([again.status, again.json.error.code]).toEqual([409, 'AID_ALREADY_RECORDED']);
    // Another day, another amount, or goods of that value are other help.
    expect((await give(w.officer.token, id, { ...cash, givenOn: '2025-01-21' })).status).toBe(201);
    expect((await give(w.officer.token, id, { ...cash, givenOn: '2025-01-20', amountFen: 20_000 })).status).toBe(201);
    const goods = { kind: 'goods', amountFen: 50_000, description: '棉被', givenOn: '2025-01-20' };
    expect((await give(w.officer.token, id, goods)).status).toBe(201);
  });

  it('records one of two identical cash entries sent at once, and says 409 to the other', async () => {
    const id = await verifiedHousehold(w);
    const other = await createStaffUser(t, w.admin.token, w.county.id, ['assistance_officer']);
    const results = await Promise.all([
      give(w.officer.token, id, cash, { 'idempotency-key': 'first-phone' }),
      give(other.token, id, cash, { 'idempotency-key': 'second-phone' }),
      give(w.officer.token, id, cash),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.error.code).toBe('AID_ALREADY_RECORDED');
    const list = await t.call('GET', `/api/v1/hardship/households/${id}/aid`, { token: w.officer.token });
    expect(list.json.count).toBe(1);
  });

  it('keeps the rule in the database too: a second identical cash row is refused by hardship_aid_cash_uq', async () => {
    const id = await verifiedHousehold(w);
    const row = {
      householdId: id,
      orgId: w.county.id,
      kind: 'cash' as const,
      amountFen: 10_000,
      description: '慰问金',
      givenOn: '2025-03-01',
      via: 'direct' as const,
      recordedBy: w.officer.id,
      createdAt: new Date(),
    };
    await t.ctx.db.insert(hardshipAid).values(row);
    await expect(t.ctx.db.insert(hardshipAid).values(row)).rejects.toSatisfy(
      // The service reads the constraint's name to answer 409 AID_ALREADY_RECORDED.
      (e: { constraint?: string; cause?: { constraint?: string } }) =>
        isUniqueViolation(e) && (e.constraint ?? e.cause?.constraint) === 'hardship_aid_cash_uq',
    );
  });

  it("answers a phone's retry with the same Idempotency-Key with the first 201, recording it once", async () => {
    const id = await verifiedHousehold(w);
    const headers = { 'idempotency-key': 'aid-retry-1' };
    const body = { kind: 'cash', amountFen: 30_000, description: '助学金' };
    const [a, b] = await Promise.all([
      give(w.officer.token, id, body, headers),
      give(w.officer.token, id, body, headers),
    ]);
    const c = await give(w.officer.token, id, body, headers);
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a.json.id, b.json.id, c.json.id]).size).toBe(1);
    const list = await t.call('GET', `/api/v1/hardship/households/${id}/aid`, { token: w.officer.token });
    expect(list.json.count).toBe(1);
    const reused = await give(w.officer.token, id, { ...body, amountFen: 1 }, headers);
    expect([reused.status, reused.json.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it("takes a donor of the household's union or above it; refuses one elsewhere (400 not_in_scope)", async () => {
    const own = await donor(w, w.county.id, '宁夏爱心乳业有限公司');
    const above = await donor(w, w.org.id, '市慈善总会');
    const sibling = await createOrg(t, w.admin.token, w.org.id, 'federation', w.regionCode);
    const beside = await donor(w, sibling.id, '邻县爱心企业');
    const stranger = await hardshipWorld(t);
    const far = await t.call('POST', '/api/v1/hardship/donors', {
      token: stranger.admin.token,
      body: { orgId: stranger.county.id, name: '远方企业', kind: 'enterprise' },
    });
    const given = await give(w.officer.token, household, { kind: 'goods', description: '牛奶两箱', donorId: own });
    expect(given.status).toBe(201);
    expect(given.json.giver).toEqual({ kind: 'donor', id: own, name: '宁夏爱心乳业有限公司' });
    expect(
      (await give(w.officer.token, household, { kind: 'free_screening', description: '体检', donorId: above })).status,
    ).toBe(201);
    for (const donorId of [beside, far.json.id as string, '00000000-0000-4000-8000-000000000000']) {
      const res = await give(w.officer.token, household, { kind: 'goods', description: '物资', donorId });
      expect([res.status, res.json.error.details.issues[0]]).toEqual([
        400,
        expect.objectContaining({ path: 'donorId', code: 'not_in_scope' }),
      ]);
    }
  });

  it('refuses cash without an amount, a date after today, and a campaign it cannot find', async () => {
    const noAmount = await give(w.officer.token, household, { kind: 'cash', description: '慰问金' });
    expect([noAmount.status, noAmount.json.error.details.issues[0]]).toEqual([
      400,
      expect.objectContaining({ path: 'amountFen', code: 'required' }),
    ]);
    const future = await give(w.officer.token, household, { ...cash, givenOn: '2999-01-01' });
    expect([future.status, future.json.error.details.issues[0].code]).toEqual([400, 'future_date']);
    const campaign = await give(w.officer.token, household, {
      ...cash,
      campaignId: '00000000-0000-4000-8000-000000000000',
    });
    expect(campaign.status).toBe(404);
    const negative = await give(w.officer.token, household, { ...cash, amountFen: -5 });
    expect(negative.status).toBe(400);
  });

  it("records a campaign's share through the aid route by the campaign's rules: on its list, once, within budget", async () => {
    const id = await verifiedHousehold(w);
    const archived = await t.call('POST', `/api/v1/hardship/leads/${id}/actions`, {
      token: w.officer.token,
      body: { action: 'archive', level: 'accident' },
    });
    expect(archived.status).toBe(200);
    const created = await t.call('POST', '/api/v1/aid-campaigns', {
      token: w.officer.token,
      body: { season: 'winter', year: 2026, title: '冬送温暖', orgId: w.county.id, budgetFen: 80_000 },
    });
    expect(created.status).toBe(201);
    const share = { kind: 'cash', amountFen: 50_000, description: '冬送温暖慰问金', campaignId: created.json.id };
    const offList = await give(w.officer.token, id, share);
    expect([offList.status, offList.json.error.code]).toEqual([409, 'NOT_A_TARGET']);
    const listed = await t.call('POST', `/api/v1/aid-campaigns/${created.json.id}/targets`, {
      token: w.officer.token,
      body: { householdIds: [id] },
    });
    expect(listed.status).toBeLessThan(300);
    const withDonor = await give(w.officer.token, id, { ...share, donorId: '00000000-0000-4000-8000-000000000000' });
    expect([withDonor.status, withDonor.json.error.details.issues[0].path]).toEqual([400, 'donorId']);
    const given = await give(w.officer.token, id, share);
    expect(given.status).toBe(201);
    expect(given.json).toMatchObject({ kind: 'cash', amountFen: 50_000, campaign: { id: created.json.id } });
    const twice = await give(w.officer.token, id, share);
    expect([twice.status, twice.json.error.code]).toEqual([409, 'ALREADY_RECEIVED']);
    const campaign = await t.call('GET', `/api/v1/aid-campaigns/${created.json.id}`, { token: w.officer.token });
    expect(campaign.json).toMatchObject({ spentFen: 50_000 });
    // Listed, then out of hardship (closed) before its turn: no longer served.
    const other = await verifiedHousehold(w);
    await t.call('POST', `/api/v1/hardship/leads/${other}/actions`, {
      token: w.officer.token,
      body: { action: 'archive', level: 'accident' },
    });
    await t.call('POST', `/api/v1/aid-campaigns/${created.json.id}/targets`, {
      token: w.officer.token,
      body: { householdIds: [other] },
    });
    const closed = await t.call('POST', `/api/v1/hardship/leads/${other}/actions`, {
      token: w.officer.token,
      body: { action: 'close', note: '子女就业，已脱困' },
    });
    expect(closed.json.status).toBe('closed');
    const late = await give(w.officer.token, other, { ...share, amountFen: 10_000 });
    expect([late.status, late.json.error.code]).toEqual([409, 'HOUSEHOLD_NOT_ASSISTED']);
  });

  it('refuses help to a lead not yet verified (409 HOUSEHOLD_NOT_ASSISTED)', async () => {
    const lead = await fileLead(t, w.worker.token, householdInput(w.regionCode));
    const res = await give(w.officer.token, lead, cash);
    expect([res.status, res.json.error.code]).toEqual([409, 'HOUSEHOLD_NOT_ASSISTED']);
  });

  it('lets officers record, workers and leaders read; 404 outside the subtree', async () => {
    expect((await give(w.worker.token, household, cash)).status).toBe(403);
    expect((await give(w.leader.token, household, cash)).status).toBe(403);
    const worker = await t.call('GET', `/api/v1/hardship/households/${household}/aid`, { token: w.worker.token });
    expect(worker.status).toBe(200);
    const stranger = await hardshipWorld(t);
    expect((await give(stranger.officer.token, household, cash)).status).toBe(404);
    const read = await t.call('GET', `/api/v1/hardship/households/${household}/aid`, {
      token: stranger.officer.token,
    });
    expect(read.status).toBe(404);
    const member = await workerLogin(t);
    expect((await give(member.token, household, cash)).status).toBe(403);
  });

  it("exports the subtree's ledger with the head masked and amounts in yuan", async () => {
    const id = await verifiedHousehold(w, { headName: '马秀英' });
    expect((await give(w.officer.token, id, { ...cash, amountFen: 123_456, givenOn: '2024-12-30' })).status).toBe(201);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/hardship/aid/export.xlsx?orgId=${w.county.id}&from=2024-12-01&to=2024-12-31&kind=cash`,
      headers: { authorization: `Bearer ${w.leader.token}` },
    });
    expect(res.statusCode).toBe(200);
    const ws = await readWorkbook(res.rawPayload);
    expect(ws.rowCount).toBe(2);
    const row = ws.getRow(2);
    expect(row.getCell(2).value).toBe('马*英');
    expect(String(row.getCell(3).value)).toMatch(/^\d{3}\*+\w{4}$/);
    expect(row.getCell(5).value).toBe('现金');
    expect(row.getCell(7).value).toBe(1234.56);
    expect(row.getCell(8).value).toBe(w.county.name);
    const stranger = await hardshipWorld(t);
    const outside = await t.call('GET', `/api/v1/hardship/aid/export.xlsx?orgId=${w.county.id}`, {
      token: stranger.officer.token,
    });
    expect(outside.status).toBe(404);
    const backwards = await t.call('GET', '/api/v1/hardship/aid/export.xlsx?from=2024-12-31&to=2024-12-01', {
      token: w.officer.token,
    });
    expect(backwards.status).toBe(400);
  });
});

describe("the household's history on one page", () => {
  it('merges the file steps, help, plan versions, measures done and visits in order; notes masked for leaders', async () => {
    const w = await hardshipWorld(t);
    const id = await fileLead(t, w.worker.token, householdInput(w.regionCode));
    await verify(w, id);
    const planned = await t.call('POST', `/api/v1/hardship/households/${id}/plans`, {
      token: w.officer.token,
      body: { goal: '稳定就医', measures: [{ title: '开通绿色通道', owner: '帮扶中心', dueOn: '2030-01-01' }] },
    });
    expect(planned.status).toBe(201);
    const done = await t.call(
      'POST',
      `/api/v1/hardship/households/${id}/plans/measures/${planned.json.measures[0].id}/done`,
      { token: w.officer.token, body: { note: '已开通' } },
    );
    expect(done.status).toBe(200);
    expect((await give(w.officer.token, id, { ...cash, givenOn: '2020-01-10' })).status).toBe(201);
    await t.ctx.db.insert(hardshipVisits).values({
      orgId: w.county.id,
      subject: 'household',
      householdId: id,
      visitedOn: '2020-01-05',
      visitors: ['张主席', '志愿者小王'],
      findings: '透析费用负担重',
      followUp: '联系医保',
      recordedBy: w.officer.id,
      createdAt: new Date(),
    });
    const res = await t.call('GET', `/api/v1/hardship/households/${id}/history`, { token: w.officer.token });
    expect(res.status).toBe(200);
    expect(res.json.sensitiveMasked).toBe(false);
    const kinds = res.json.items.map((i: { kind: string }) => i.kind);
    // The dated visit and aid (2020) come before the file was even filed (today).
    expect(kinds.slice(0, 2)).toEqual(['visit', 'aid']);
    expect(kinds).toEqual(expect.arrayContaining(['workflow', 'plan', 'measure_done']));
    const ats = res.json.items.map((i: { at: string }) => i.at);
    expect([...ats].sort()).toEqual(ats);
    const verified = res.json.items.find(
      (i: { kind: string; workflow?: { action: string } }) => i.kind === 'workflow' && i.workflow?.action === 'verify',
    );
    expect(verified).toMatchObject({ by: w.officer.username, workflow: { toState: 'verified' } });
    expect(verified.workflow.note).toContain('透析');
    expect(res.json.items[0].visit).toMatchObject({ findings: '透析费用负担重', visitors: ['张主席', '志愿者小王'] });

    const leader = await t.call('GET', `/api/v1/hardship/households/${id}/history`, { token: w.leader.token });
    expect(leader.status).toBe(200);
    expect(leader.json.sensitiveMasked).toBe(true);
    expect(leader.json.items[0].visit.findings).toBeNull();
    const stranger = await hardshipWorld(t);
    const outside = await t.call('GET', `/api/v1/hardship/households/${id}/history`, { token: stranger.leader.token });
    expect(outside.status).toBe(404);
  });
});

describe("a member's own help record", () => {
  it('shows what their household received and its plan; an empty record for a member without one', async () => {
    const w = await hardshipWorld(t);
    const idNumber = randomIdNumber();
    const phone = randomPhone();
    const added = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '李桂兰', phone, idNumber, orgId: w.community.id },
    });
    expect(added.status).toBe(201);
    const id = await fileLead(t, w.worker.token, householdInput(w.regionCode, { idNumber, phone }));
    await verify(w, id);
    const giver = await donor(w, w.county.id, '青铜峡爱心超市');
    expect((await give(w.officer.token, id, { ...cash, givenOn: '2025-02-01' })).status).toBe(201);
    expect((await give(w.officer.token, id, { kind: 'goods', description: '米面油', donorId: giver })).status).toBe(
      201,
    );
    const planned = await t.call('POST', `/api/v1/hardship/households/${id}/plans`, {
      token: w.officer.token,
      body: { goal: '稳定就医', measures: [{ title: '开通绿色通道', owner: '帮扶中心', dueOn: '2030-01-01' }] },
    });
    expect(planned.status).toBe(201);

    const me = await workerLogin(t, phone);
    const res = await t.call('GET', '/api/v1/me/hardship/aid', { token: me.token });
    expect(res.status).toBe(200);
    expect(res.json.household).toMatchObject({ id, status: 'verified' });
    expect(res.json.totalFen).toBe(50_000);
    expect(res.json.items).toHaveLength(2);
    expect(res.json.items.map((i: { giverName: string }) => i.giverName).sort()).toEqual(
      [w.county.name, '青铜峡爱心超市'].sort(),
    );
    expect(res.json.plan).toMatchObject({ version: 1, goal: '稳定就医', measures: [{ title: '开通绿色通道' }] });
    expect(res.json.plan.measures[0]).not.toHaveProperty('doneNote');

    const otherPhone = randomPhone();
    const joined = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '王五', phone: otherPhone, orgId: w.community.id },
    });
    expect(joined.status).toBe(201);
    const again = await workerLogin(t, otherPhone);
    const empty = await t.call('GET', '/api/v1/me/hardship/aid', { token: again.token });
    expect(empty.json).toEqual({ household: null, items: [], totalFen: 0, plan: null });
    const staff = await t.call('GET', '/api/v1/me/hardship/aid', { token: w.officer.token });
    expect(staff.status).toBe(403);
  });
});
