import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createStaffUser, freshWorld, randomIdNumber, randomPhone } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { fileLead, hardshipWorld, householdInput, type HardshipWorld } from '../../../test/hardship.js';
import { expectRawRows } from '../../../test/raw-rows.js';
import { readWorkbook } from '../../../test/uploads.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { maskIdNumber, maskPhone } from '../../kernel/pii.js';
import * as repo from './campaigns.repository.js';
import { hardshipHouseholds } from './hardship.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/**
 * A household file in a given state, written straight to the table: the campaign's rules depend only on the file's
 * state, org and head (the lead workflow has its own tests). `memberId` links the head to the member registry.
 */
async function household(
  w: HardshipWorld,
  opts: {
    orgId?: string;
    status?: 'archived' | 'case_by_case' | 'submitted';
    level?: 'deep' | 'relative' | 'accident';
    regionCode?: string;
    headName?: string;
    idNumber?: string;
    memberId?: string;
  } = {},
): Promise<string> {
  const idNumber = opts.idNumber ?? randomIdNumber();
  const phone = randomPhone();
  const now = new Date();
  const status = opts.status ?? 'archived';
  const [row] = await t.ctx.db
    .insert(hardshipHouseholds)
    .values({
      orgId: opts.orgId ?? w.county.id,
      filedByStaffId: w.worker.id,
      filedByOrgId: w.community.id,
      channel: 'volunteer',
      headName: opts.headName ?? '李桂兰',
      headIdHash: t.ctx.pii.blindIndex('id_number', idNumber),
      headIdEnc: t.ctx.pii.encrypt(idNumber),
      headIdMasked: maskIdNumber(idNumber),
      phoneHash: t.ctx.pii.blindIndex('phone', phone),
      phoneEnc: t.ctx.pii.encrypt(phone),
      phoneMasked: maskPhone(phone),
      memberId: opts.memberId ?? null,
      regionCode: opts.regionCode ?? w.regionCode,
      address: '青铜峡市裕民街道幸福巷12号',
      size: 4,
      monthlyIncomeFen: 45_000,
      causes: ['illness'],
      level: status === 'archived' ? (opts.level ?? 'deep') : null,
      archivedAt: status === 'archived' ? now : null,
      status,
      statusChangedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: hardshipHouseholds.id });
  return row!.id;
}

const create = (token: string, body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/aid-campaigns', {
    token,
    body: { season: 'winter', year: 2026, title: '2026年冬送温暖', budgetFen: 100_000, ...body },
  });

async function campaign(w: HardshipWorld, body: Record<string, unknown> = {}) {
  const res = await create(w.officer.token, { orgId: w.county.id, ...body });
  expect(res.status).toBe(201);
  return res.json as { id: string };
}

const addTargets = (token: string, id: string, body: unknown) =>
  t.call('POST', `/api/v1/aid-campaigns/${id}/targets`, { token, body });

const distribute = (token: string, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call('POST', `/api/v1/aid-campaigns/${id}/distributions`, {
    token,
    body: { kind: 'goods', description: '米面油一份', ...body },
    headers,
  });

describe('campaigns', () => {
  it('are created by the union’s assistance officers, read by its readers, 404 elsewhere', async () => {
    const w = await hardshipWorld(t);
    const created = await create(w.officer.token, { orgId: w.county.id });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      org: { id: w.county.id },
      season: 'winter',
      year: 2026,
      title: '2026年冬送温暖',
      status: 'open',
      budgetFen: 100_000,
      spentFen: 0,
      leftFen: 100_000,
      targets: 0,
      reached: 0,
      closedAt: null,
    });
    // The worker and the leader may not run one; the officer may not for the union above theirs; another world: 404.
    expect((await create(w.worker.token, { orgId: w.community.id })).status).toBe(403);
    expect((await create(w.leader.token, { orgId: w.county.id })).status).toBe(403);
    expect((await create(w.officer.token, { orgId: w.org.id })).status).toBe(404);
    const other = await freshWorld(t);
    expect((await create(other.admin.token, { orgId: w.county.id })).status).toBe(404);
    // Bad input: 400 naming the fields.
    const bad = await create(w.officer.token, { orgId: w.county.id, season: 'monsoon', budgetFen: -1, year: 1999 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'budgetFen',
      'season',
      'year',
    ]);
    // Reading: the leader above reads it; the worker of the community below does not see the county's campaign.
    const id = created.json.id as string;
    expect((await t.call('GET', `/api/v1/aid-campaigns/${id}`, { token: w.leader.token })).json.title).toBe(
      '2026年冬送温暖',
    );
    expect((await t.call('GET', `/api/v1/aid-campaigns/${id}`, { token: w.worker.token })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/aid-campaigns/${id}`, { token: other.admin.token })).status).toBe(404);
    const clerk = await createStaffUser(t, w.admin.token, w.county.id, ['member_manager']);
    expect((await t.call('GET', `/api/v1/aid-campaigns/${id}`, { token: clerk.token })).status).toBe(403);
  });

  it('list a subtree’s campaigns by year and season, newest first, page by page', async () => {
    const w = await hardshipWorld(t);
    const a = await campaign(w, { season: 'summer', title: '夏送清凉' });
    const b = await campaign(w, { season: 'winter', title: '冬送温暖' });
    const c = await campaign(w, { season: 'winter', year: 2025, title: '去年冬送温暖' });
    const list = (q: string, token = w.leader.token) => t.call('GET', `/api/v1/aid-campaigns?${q}`, { token });
    const all = await list(`orgId=${w.county.id}`);
    expect(all.json.items.map((i: { id: string }) => i.id)).toEqual([c.id, b.id, a.id]);
    expect((await list(`orgId=${w.county.id}&year=2026&season=winter`)).json.items).toMatchObject([
      { id: b.id, budgetFen: 100_000, spentFen: 0, targets: 0, reached: 0 },
    ]);
    const first = await list(`orgId=${w.county.id}&limit=2`);
    expect(first.json.items).toHaveLength(2);
    const second = await list(`orgId=${w.county.id}&limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(second.json.nextCursor).toBeNull();
    // Another world sees none of them; its orgId filter on this world: 404.
    const other = await freshWorld(t);
    expect((await list('limit=100', other.admin.token)).json.items).toEqual([]);
    expect((await list(`orgId=${w.county.id}`, other.admin.token)).status).toBe(404);
    expect((await list('season=monsoon')).status).toBe(400);
  });
});

describe('a winter campaign over households filed in the field', () => {
  it('lists a household filed by a volunteer and archived by the county, and serves it by its head’s member card', async () => {
    const w = await hardshipWorld(t);
    const standard = await t.call('PUT', `/api/v1/hardship/standards/${w.regionCode}`, {
      token: w.officer.token,
      body: { monthlyIncomeLineFen: 60_000 },
    });
    expect(standard.status).toBe(200);
    const idNumber = randomIdNumber();
    const head = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '马玉兰', phone: randomPhone(), orgId: w.community.id, idNumber },
    });
    const id = await fileLead(t, w.worker.token, householdInput(w.regionCode, { idNumber, headName: '马玉兰' }));
    const act = (body: Record<string, unknown>) =>
      t.call('POST', `/api/v1/hardship/leads/${id}/actions`, { token: w.officer.token, body });
    expect((await act({ action: 'verify', note: '入户核实：夫妻均患病，子女上学。' })).status).toBe(200);
    expect((await act({ action: 'archive', level: 'deep' })).status).toBe(200);
    // A lead not yet verified stays off the list.
    await fileLead(t, w.worker.token, householdInput(w.regionCode));

    const c = await campaign(w, { title: '2026年冬送温暖', budgetFen: 200_000 });
    expect((await addTargets(w.officer.token, c.id, { fromArchives: { level: 'deep' } })).json).toEqual({
      added: 1,
      alreadyListed: 0,
      targets: 1,
    });
    const card = head.json.id.replace(/-/g, '').slice(0, 12).toUpperCase();
    const given = await distribute(w.officer.token, c.id, {
      memberCardCode: card,
      kind: 'cash',
      amountFen: 80_000,
      description: '冬季慰问金',
    });
    expect(given.status).toBe(201);
    expect(given.json).toMatchObject({ household: { id, headName: '马玉兰' }, via: 'card' });
    expect(given.json.household.idNumberMasked).not.toContain(idNumber.slice(6, 14));
    const report = await t.call('GET', `/api/v1/aid-campaigns/${c.id}/report`, { token: w.officer.token });
    expect(report.json).toMatchObject({ spentFen: 80_000, leftFen: 120_000, targets: 1, reached: 1 });
    expect(report.json.byUnion).toEqual([
      { org: { id: w.county.id, name: w.county.name }, targets: 1, reached: 1, amountFen: 80_000 },
    ]);
  });
});

describe('the target list', () => {
  it('takes archived households of the campaign’s subtree by level and region, each once', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w);
    const deep = await household(w, { level: 'deep' });
    const relative = await household(w, { level: 'relative', orgId: w.community.id });
    const caseByCase = await household(w, { status: 'case_by_case' });
    await household(w, { status: 'submitted' });
    // Another county's archive is outside the campaign's subtree.
    const elsewhere = await createOrg(t, w.admin.token, w.org.id, 'federation');
    const outside = await household(w, { orgId: elsewhere.id });

    const byLevel = await addTargets(w.officer.token, c.id, { fromArchives: { level: 'deep' } });
    expect(byLevel.json).toEqual({ added: 1, alreadyListed: 0, targets: 1 });
    const byRegion = await addTargets(w.officer.token, c.id, {
      fromArchives: { regionCode: w.regionCode.slice(0, 4) },
    });
    expect(byRegion.json).toEqual({ added: 1, alreadyListed: 1, targets: 2 });
    expect((await addTargets(w.officer.token, c.id, { fromArchives: { regionCode: '11' } })).json).toEqual({
      added: 0,
      alreadyListed: 0,
      targets: 2,
    });
    const withCases = await addTargets(w.officer.token, c.id, { fromArchives: {}, includeCaseByCase: true });
    expect(withCases.json).toEqual({ added: 1, alreadyListed: 2, targets: 3 });

    const list = await t.call('GET', `/api/v1/aid-campaigns/${c.id}/targets`, { token: w.leader.token });
    expect(list.status).toBe(200);
    expect(new Set(list.json.items.map((i: { household: { id: string } }) => i.household.id))).toEqual(
      new Set([deep, relative, caseByCase]),
    );
    expect(list.json.items.find((i: { household: { id: string } }) => i.household.id === relative)).toMatchObject({
      household: { headName: '李桂兰', level: 'relative', status: 'archived', org: { id: w.community.id } },
      received: null,
    });
    expect(list.json.items[0].household.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$|\*/);
    expect((await t.call('GET', `/api/v1/aid-campaigns/${c.id}`, { token: w.officer.token })).json.targets).toBe(3);
    void outside;
  });

  it('refuses named households that are not archived or lie outside, naming each, and adds none of them', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w);
    const ok = await household(w);
    const lead = await household(w, { status: 'submitted' });
    const elsewhere = await createOrg(t, w.admin.token, w.org.id, 'federation');
    const outside = await household(w, { orgId: elsewhere.id });
    const res = await addTargets(w.officer.token, c.id, { householdIds: [ok, lead, outside, crypto.randomUUID()] });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([
      ['householdIds.1', 'not_archived'],
      ['householdIds.2', 'not_in_scope'],
      ['householdIds.3', 'not_in_scope'],
    ]);
    expect((await t.call('GET', `/api/v1/aid-campaigns/${c.id}`, { token: w.officer.token })).json.targets).toBe(0);
    // Case by case only when asked.
    const helped = await household(w, { status: 'case_by_case' });
    expect((await addTargets(w.officer.token, c.id, { householdIds: [ok, helped] })).status).toBe(400);
    expect(
      (await addTargets(w.officer.token, c.id, { householdIds: [ok, helped, ok], includeCaseByCase: true })).json,
    ).toEqual({ added: 2, alreadyListed: 0, targets: 2 });
    // Neither or both ways: 400; the leader and the worker may not add (403, 404 below the county).
    expect((await addTargets(w.officer.token, c.id, {})).status).toBe(400);
    expect((await addTargets(w.officer.token, c.id, { householdIds: [ok], fromArchives: {} })).status).toBe(400);
    expect((await addTargets(w.leader.token, c.id, { householdIds: [ok] })).status).toBe(403);
    expect((await addTargets(w.worker.token, c.id, { householdIds: [ok] })).status).toBe(404);
  });

  it('lets a household be taken off before it received, not after', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w);
    const [a, b] = [await household(w), await household(w)];
    await addTargets(w.officer.token, c.id, { householdIds: [a, b] });
    const remove = (id: string, token = w.officer.token) =>
      t.call('DELETE', `/api/v1/aid-campaigns/${c.id}/targets/${id}`, { token });
    expect((await remove(a, w.leader.token)).status).toBe(403);
    expect((await remove(a)).status).toBe(204);
    expect((await remove(a)).status).toBe(404);
    expect((await distribute(w.officer.token, c.id, { householdId: b })).status).toBe(201);
    const late = await remove(b);
    expect([late.status, late.json.error.code]).toEqual([409, 'ALREADY_RECEIVED']);
    expect((await t.call('GET', `/api/v1/aid-campaigns/${c.id}`, { token: w.officer.token })).json).toMatchObject({
      targets: 1,
      reached: 1,
    });
  });
});

describe('distribution', () => {
  it('gives each household on the list once, by the list or by the member card, and reports who got what', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w, { budgetFen: 100_000 });
    const chosen = await household(w, { headName: '王秀英' });
    // A member whose card is scanned: the head of a household by ID number (not linked), another linked by member id.
    const idNumber = randomIdNumber();
    const cardHolder = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '张建华', phone: randomPhone(), orgId: w.community.id, idNumber },
    });
    expect(cardHolder.status).toBe(201);
    const byId = await household(w, { idNumber, headName: '张建华', orgId: w.community.id });
    const linkedMember = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '赵红梅', phone: randomPhone(), orgId: w.community.id },
    });
    const linked = await household(w, { memberId: linkedMember.json.id, headName: '赵红梅' });
    const notListed = await household(w);
    await addTargets(w.officer.token, c.id, { householdIds: [chosen, byId, linked] });
    const cardOf = (memberId: string) => memberId.replace(/-/g, '').slice(0, 12).toUpperCase();

    const first = await distribute(w.officer.token, c.id, {
      householdId: chosen,
      kind: 'cash',
      amountFen: 50_000,
      description: '冬季慰问金',
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      campaignId: c.id,
      household: { id: chosen, headName: '王秀英' },
      kind: 'cash',
      amountFen: 50_000,
      givenOn: shanghaiDate(new Date()),
      via: 'list',
      recordedBy: { staffId: w.officer.id, username: w.officer.username },
      campaign: { spentFen: 50_000, leftFen: 50_000, reached: 1, targets: 3 },
    });
    const again = await distribute(w.officer.token, c.id, { householdId: chosen });
    expect([again.status, again.json.error.code]).toEqual([409, 'ALREADY_RECEIVED']);

    const scanned = await distribute(w.officer.token, c.id, {
      memberCardCode: cardOf(cardHolder.json.id).toLowerCase(),
      amountFen: 20_000,
    });
    expect(scanned.status).toBe(201);
    expect(scanned.json).toMatchObject({ household: { id: byId, headName: '张建华' }, via: 'card' });
    const scannedLinked = await distribute(w.officer.token, c.id, { memberCardCode: cardOf(linkedMember.json.id) });
    expect(scannedLinked.json).toMatchObject({ household: { id: linked }, via: 'card', amountFen: null });
    const twice = await distribute(w.officer.token, c.id, { memberCardCode: cardOf(cardHolder.json.id) });
    expect([twice.status, twice.json.error.code]).toEqual([409, 'ALREADY_RECEIVED']);

    // Not on the list: 409 NOT_A_TARGET; a card nobody holds, or a household outside the subtree: 404.
    const stranger = await distribute(w.officer.token, c.id, { householdId: notListed });
    expect([stranger.status, stranger.json.error.code]).toEqual([409, 'NOT_A_TARGET']);
    expect((await distribute(w.officer.token, c.id, { memberCardCode: 'ABCDEF012345' })).status).toBe(404);
    expect((await distribute(w.officer.token, c.id, { householdId: crypto.randomUUID() })).status).toBe(404);
    // A member with no household file: 404.
    const noFile = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '钱多多', phone: randomPhone(), orgId: w.community.id },
    });
    expect((await distribute(w.officer.token, c.id, { memberCardCode: cardOf(noFile.json.id) })).status).toBe(404);

    // Who got what, on the list.
    const received = await t.call('GET', `/api/v1/aid-campaigns/${c.id}/targets?received=true`, {
      token: w.officer.token,
    });
    expect(received.json.items).toHaveLength(3);
    expect(
      received.json.items.find((i: { household: { id: string } }) => i.household.id === chosen).received,
    ).toMatchObject({ kind: 'cash', amountFen: 50_000, description: '冬季慰问金', via: 'list' });
    const pending = await t.call('GET', `/api/v1/aid-campaigns/${c.id}/targets?received=false`, {
      token: w.officer.token,
    });
    expect(pending.json.items).toEqual([]);
    const named = await t.call('GET', `/api/v1/aid-campaigns/${c.id}/targets?q=${encodeURIComponent('张建')}`, {
      token: w.officer.token,
    });
    expect(named.json.items.map((i: { household: { id: string } }) => i.household.id)).toEqual([byId]);

    // The report: spend against budget, per kind and per child union (the county itself, the community).
    const report = await t.call('GET', `/api/v1/aid-campaigns/${c.id}/report`, { token: w.leader.token });
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({
      budgetFen: 100_000,
      spentFen: 70_000,
      leftFen: 30_000,
      targets: 3,
      reached: 3,
    });
    expect(report.json.byKind).toEqual([
      { kind: 'cash', households: 1, amountFen: 50_000 },
      { kind: 'goods', households: 2, amountFen: 20_000 },
    ]);
    expect(report.json.byUnion).toHaveLength(2);
    expect(report.json.byUnion).toEqual(
      expect.arrayContaining([
        { org: { id: w.county.id, name: expect.any(String) }, targets: 2, reached: 2, amountFen: 50_000 },
        { org: { id: w.community.id, name: expect.any(String) }, targets: 1, reached: 1, amountFen: 20_000 },
      ]),
    );

    // The Excel ledger: one row each, then the totals, the budget and what is left; ID numbers masked.
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/aid-campaigns/${c.id}/export.xlsx`,
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readWorkbook(xlsx.rawPayload);
    expect(sheet.getRow(1).getCell(2).value).toBe('户主');
    expect(sheet.rowCount).toBe(1 + 3 + 3);
    const names = [2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value);
    expect(names.sort()).toEqual(['张建华', '王秀英', '赵红梅'].sort());
    expect(String(sheet.getRow(2).getCell(3).value)).toContain('*');
    expect(idNumber).not.toBe(sheet.getRow(3).getCell(3).value);
    expect([
      sheet.getRow(5).getCell(1).value,
      sheet.getRow(5).getCell(2).value,
      sheet.getRow(5).getCell(8).value,
    ]).toEqual(['合计', '3 户', 700]);
    expect([sheet.getRow(6).getCell(8).value, sheet.getRow(7).getCell(8).value]).toEqual([1000, 300]);
    const [audit] = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'aid_campaign.export' and object_id = ${c.id}`,
    );
    expect(audit!.n).toBe(1);
  });

  it('never spends past the budget: exactly what is left passes, a fen more is refused with what is left', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w, { budgetFen: 1_000 });
    const [a, b, d, e] = [await household(w), await household(w), await household(w), await household(w)];
    await addTargets(w.officer.token, c.id, { householdIds: [a, b, d, e] });
    expect((await distribute(w.officer.token, c.id, { householdId: a, kind: 'cash', amountFen: 600 })).status).toBe(
      201,
    );
    const over = await distribute(w.officer.token, c.id, { householdId: b, kind: 'cash', amountFen: 401 });
    expect([over.status, over.json.error]).toEqual([
      409,
      expect.objectContaining({ code: 'CAP_EXCEEDED', details: { cap: 'budget', leftFen: 400 } }),
    ]);
    const exact = await distribute(w.officer.token, c.id, { householdId: b, kind: 'cash', amountFen: 400 });
    expect(exact.json.campaign).toMatchObject({ spentFen: 1_000, leftFen: 0 });
    // Nothing left: goods without a value still go out; any value does not.
    expect((await distribute(w.officer.token, c.id, { householdId: d })).status).toBe(201);
    const more = await distribute(w.officer.token, c.id, { householdId: e, amountFen: 1 });
    expect([more.status, more.json.error.details]).toEqual([409, { cap: 'budget', leftFen: 0 }]);
  });

  it('checks its input: one of household and card, cash with its amount, not in the future', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w);
    const a = await household(w);
    await addTargets(w.officer.token, c.id, { householdIds: [a] });
    const issues = async (body: Record<string, unknown>) => {
      const res = await distribute(w.officer.token, c.id, body);
      expect(res.status).toBe(400);
      return res.json.error.details.issues.map((i: { path: string }) => i.path);
    };
    expect(await issues({})).toContain('householdId');
    expect(await issues({ householdId: a, memberCardCode: 'ABCDEF012345' })).toContain('householdId');
    expect(await issues({ householdId: a, kind: 'cash' })).toContain('amountFen');
    expect(await issues({ memberCardCode: '12345' })).toContain('memberCardCode');
    expect(await issues({ householdId: a, givenOn: '2999-01-01' })).toContain('givenOn');
    expect(await issues({ householdId: a, kind: 'gold' })).toContain('kind');
    expect(await issues({ householdId: a, amountFen: -1 })).toContain('amountFen');
    // A day in the past is kept as given.
    const past = await distribute(w.officer.token, c.id, { householdId: a, givenOn: '2026-01-15' });
    expect(past.json.givenOn).toBe('2026-01-15');
  });

  it('answers a retry with the same Idempotency-Key with the first answer, done once', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w);
    const a = await household(w);
    await addTargets(w.officer.token, c.id, { householdIds: [a] });
    const key = { 'idempotency-key': crypto.randomUUID() };
    const first = await distribute(w.officer.token, c.id, { householdId: a, amountFen: 3_000 }, key);
    const retry = await distribute(w.officer.token, c.id, { householdId: a, amountFen: 3_000 }, key);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.json.id).toBe(first.json.id);
    expect((await t.call('GET', `/api/v1/aid-campaigns/${c.id}`, { token: w.officer.token })).json.spentFen).toBe(
      3_000,
    );
  });

  it('is for the union’s assistance officers only', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w);
    const a = await household(w);
    await addTargets(w.officer.token, c.id, { householdIds: [a] });
    expect((await distribute(w.leader.token, c.id, { householdId: a })).status).toBe(403);
    expect((await distribute(w.worker.token, c.id, { householdId: a })).status).toBe(404);
    const other = await freshWorld(t);
    expect((await distribute(other.admin.token, c.id, { householdId: a })).status).toBe(404);
    expect((await distribute(w.admin.token, c.id, { householdId: a })).status).toBe(201);
  });

  it('stops when the campaign is closed; its report stays', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w);
    const [a, b] = [await household(w), await household(w)];
    await addTargets(w.officer.token, c.id, { householdIds: [a, b] });
    await distribute(w.officer.token, c.id, { householdId: a, amountFen: 5_000 });
    const close = (token = w.officer.token) => t.call('POST', `/api/v1/aid-campaigns/${c.id}/close`, { token });
    expect((await close(w.leader.token)).status).toBe(403);
    const closed = await close();
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ status: 'closed', spentFen: 5_000, reached: 1 });
    expect(closed.json.closedAt).not.toBeNull();
    const codes = await Promise.all([
      close(),
      distribute(w.officer.token, c.id, { householdId: b }),
      addTargets(w.officer.token, c.id, { fromArchives: {} }),
      t.call('DELETE', `/api/v1/aid-campaigns/${c.id}/targets/${b}`, { token: w.officer.token }),
    ]);
    expect(codes.map((r) => [r.status, r.json.error.code])).toEqual(Array(4).fill([409, 'CAMPAIGN_CLOSED']));
    expect(
      (await t.call('GET', `/api/v1/aid-campaigns/${c.id}/report`, { token: w.officer.token })).json,
    ).toMatchObject({ spentFen: 5_000, reached: 1, targets: 2 });
  });
});

describe('distribution under concurrency', () => {
  it('gives one household once when two officers record it at the same moment', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w);
    const a = await household(w);
    await addTargets(w.officer.token, c.id, { householdIds: [a] });
    const second = await createStaffUser(t, w.admin.token, w.county.id, ['assistance_officer']);
    const answers = await Promise.all(
      [w.officer.token, second.token, w.officer.token].map((token) =>
        distribute(token, c.id, { householdId: a, kind: 'cash', amountFen: 10_000 }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(answers.filter((r) => r.status === 409).map((r) => r.json.error.code)).toEqual([
      'ALREADY_RECEIVED',
      'ALREADY_RECEIVED',
    ]);
    const [row] = await queryRows<{ spent: number; aid: number }>(
      t.ctx.db,
      sql`select c.spent_fen::int as spent, (select count(*)::int from hardship_aid a where a.campaign_id = c.id) as aid
            from aid_campaigns c where c.id = ${c.id}`,
    );
    expect(row).toEqual({ spent: 10_000, aid: 1 });
  });

  it('spends exactly within the budget when many households are served at once', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w, { budgetFen: 25_000 });
    const ids = await Promise.all(Array.from({ length: 6 }, () => household(w)));
    await addTargets(w.officer.token, c.id, { householdIds: ids });
    const answers = await Promise.all(
      ids.map((householdId) => distribute(w.officer.token, c.id, { householdId, kind: 'cash', amountFen: 5_000 })),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = answers.filter((r) => r.status === 409);
    expect(refused.map((r) => r.json.error)).toEqual([
      expect.objectContaining({ code: 'CAP_EXCEEDED', details: { cap: 'budget', leftFen: 0 } }),
    ]);
    const campaignNow = await t.call('GET', `/api/v1/aid-campaigns/${c.id}`, { token: w.officer.token });
    expect(campaignNow.json).toMatchObject({ spentFen: 25_000, leftFen: 0, reached: 5 });
  });
});

describe('campaign raw statements against the migrated schema', () => {
  it('insertTargetsFromArchives and spendByUnion run, and their rows match the declared row types', async () => {
    const w = await hardshipWorld(t);
    const c = await campaign(w);
    const a = await household(w, { orgId: w.community.id });
    const [org] = await queryRows<{ path: string }>(
      t.ctx.db,
      sql`select path::text from orgs where id = ${w.county.id}`,
    );
    await t.ctx.db.transaction(async (tx) => {
      expect(
        await expectRawRows(
          tx,
          repo.insertTargetsFromArchivesStatement,
          c.id,
          { scope: org!.path, statuses: ['archived'] },
          new Date(),
        ),
      ).toEqual([{ matched: 1, added: 1 }]);
      expect(await expectRawRows(tx, repo.spendByUnionStatement, c.id, org!.path)).toEqual([
        { id: w.community.id, name: expect.any(String), targets: 1, reached: 0, amountFen: 0 },
      ]);
    });
    void a;
  });
});
