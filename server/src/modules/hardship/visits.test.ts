import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createStaffUser, freshRegionCode, workerLogin, type Org } from '../../../test/factories.js';
import { fileLead, hardshipWorld, householdInput, type HardshipWorld } from '../../../test/hardship.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { countQueries } from '../../../test/query-counter.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { auditLog } from '../../kernel/db/kernel.tables.js';
import { hardshipHouseholds } from './hardship.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const today = () => shanghaiDate(new Date());
const daysAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * 86_400_000));

/**
 * A household file of `orgId`, as the lead route leaves one (status submitted), filed by `filer` of `filerOrgId`:
 * written directly so a file may be placed where a test needs it (filed by someone outside its union's subtree).
 */
async function plantHousehold(orgId: string, filer: { id: string }, filerOrgId: string, headName = '李桂兰') {
  const now = new Date();
  const [row] = await t.ctx.db
    .insert(hardshipHouseholds)
    .values({
      orgId,
      filedByStaffId: filer.id,
      filedByOrgId: filerOrgId,
      channel: 'volunteer',
      headName,
      headIdHash: crypto.randomUUID(),
      headIdEnc: 'x',
      headIdMasked: '640381********1234',
      phoneHash: crypto.randomUUID(),
      phoneEnc: 'x',
      phoneMasked: '138****5678',
      regionCode: '640381',
      address: '青铜峡市裕民街道幸福巷12号',
      size: 4,
      monthlyIncomeFen: 45_000,
      causes: ['illness'],
      status: 'submitted',
      statusChangedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: hardshipHouseholds.id });
  return row!.id;
}

interface Scene extends HardshipWorld {
  /** A second community union of the county. */
  other: Org;
  otherWorker: { id: string; token: string };
  /** Another county of the same federation, with its own worker (outside the first county's subtree). */
  neighbour: Org;
  outsider: { id: string; token: string };
  /** A household of the county's community union, filed by its worker. */
  householdId: string;
}

async function scene(): Promise<Scene> {
  const w = await hardshipWorld(t);
  const other = await createOrg(t, w.admin.token, w.county.id, 'grassroots', w.regionCode);
  const otherWorker = await createStaffUser(t, w.admin.token, other.id, ['assistance_worker']);
  const neighbour = await createOrg(t, w.admin.token, w.org.id, 'federation', await freshRegionCode(t));
  const outsider = await createStaffUser(t, w.admin.token, neighbour.id, ['assistance_worker']);
  const householdId = await plantHousehold(w.community.id, w.worker, w.community.id);
  return { ...w, other, otherWorker, neighbour, outsider, householdId };
}

/** A photo uploaded by `token` through the leads part's route, not yet attached: its id. */
async function photo(token: string): Promise<string> {
  const res = await uploadFile(
    t,
    '/api/v1/hardship/photos',
    token,
    '走访.png',
    PNG.sync.write(new PNG({ width: 2, height: 2 })),
    'image/png',
  );
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const record = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call('POST', '/api/v1/hardship/visits', {
    token,
    headers,
    body: { visitedOn: today(), visitors: ['王主席', '志愿者小李'], findings: '家中老人卧病，药费负担重。', ...body },
  });

const workSite = (extra: Record<string, unknown> = {}) => ({
  subject: 'work_site',
  place: '滨河大道项目工地',
  peopleReached: 120,
  findings: '送去绿豆汤和防暑药品，工地午休安排合理。',
  ...extra,
});

describe('recording a visit', () => {
  it('records a work-site visit for the worker’s union, and a household visit for the household’s union', async () => {
    const s = await scene();
    const site = await record(s.worker.token, workSite({ followUp: '下周复查降温设施' }));
    expect(site.status).toBe(201);
    expect(site.json).toMatchObject({
      subject: 'work_site',
      org: { id: s.community.id },
      household: null,
      place: '滨河大道项目工地',
      visitedOn: today(),
      visitors: ['王主席', '志愿者小李'],
      peopleReached: 120,
      followUp: '下周复查降温设施',
      followUpOpen: true,
      followUpDone: null,
      sensitiveMasked: false,
      recordedBy: { staffId: s.worker.id, username: s.worker.username, org: { id: s.community.id } },
      actions: ['follow_up_done'],
    });
    // The county officer records one for a union below: the visit counts there.
    const byOfficer = await record(s.officer.token, {
      subject: 'platform_workers',
      orgId: s.other.id,
      place: '美团站点',
    });
    expect(byOfficer.status).toBe(201);
    expect(byOfficer.json.org.id).toBe(s.other.id);

    const home = await record(s.worker.token, { subject: 'household', householdId: s.householdId });
    expect(home.status).toBe(201);
    expect(home.json).toMatchObject({
      org: { id: s.community.id },
      household: { id: s.householdId, status: 'submitted', headName: '李桂兰', visible: true },
      findings: '家中老人卧病，药费负担重。',
      followUpOpen: false,
      actions: [],
    });
    const read = await t.call('GET', `/api/v1/hardship/visits/${home.json.id}`, { token: s.officer.token });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(home.json);
  });

  it('attaches the caller’s own photos, once, and shows them to those who see the findings', async () => {
    const s = await scene();
    const mine = await photo(s.worker.token);
    const home = await record(s.worker.token, { subject: 'household', householdId: s.householdId, photoIds: [mine] });
    expect(home.status).toBe(201);
    expect(home.json.photos).toEqual([expect.objectContaining({ id: mine, mediaType: 'image/png' })]);
    const url = `/api/v1/hardship/visits/${home.json.id}/photos/${mine}`;
    expect((await t.call('GET', url, { token: s.officer.token })).status).toBe(200);
    // The leader reads the visit, not its household's pictures.
    const leader = await t.call('GET', `/api/v1/hardship/visits/${home.json.id}`, { token: s.leader.token });
    expect(leader.json).toMatchObject({ sensitiveMasked: true, photos: [] });
    expect((await t.call('GET', url, { token: s.leader.token })).status).toBe(404);
    expect((await t.call('GET', url, { token: s.otherWorker.token })).status).toBe(404);
    // Attached already, or someone else's upload: 400 on the id.
    const reused = await record(s.worker.token, workSite({ photoIds: [mine] }));
    expect(reused.status).toBe(400);
    expect(reused.json.error.details.issues).toContainEqual(expect.objectContaining({ path: 'photoIds.0' }));
    const foreign = await record(s.worker.token, workSite({ photoIds: [await photo(s.officer.token)] }));
    expect(foreign.status).toBe(400);
    const site = await record(s.worker.token, workSite({ photoIds: [await photo(s.worker.token)] }));
    expect(site.status).toBe(201);
    const sitePhoto = `/api/v1/hardship/visits/${site.json.id}/photos/${site.json.photos[0].id}`;
    expect((await t.call('GET', sitePhoto, { token: s.leader.token })).status).toBe(200);
  });

  it('does the work once for a retried Idempotency-Key', async () => {
    const s = await scene();
    const headers = { 'idempotency-key': `visit-${crypto.randomUUID()}` };
    const first = await record(s.worker.token, workSite(), headers);
    const again = await record(s.worker.token, workSite(), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    const list = await t.call('GET', `/api/v1/hardship/visits?orgId=${s.community.id}`, { token: s.worker.token });
    expect(list.json.items).toHaveLength(1);
    const other = await record(s.worker.token, workSite({ place: '另一个工地' }), headers);
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses bad input with the field named, never a 500', async () => {
    const s = await scene();
    const cases: [Record<string, unknown>, string, string][] = [
      [workSite({ visitedOn: shanghaiDate(new Date(Date.now() + 2 * 86_400_000)) }), 'visitedOn', 'future_date'],
      [{ subject: 'household' }, 'householdId', 'required'],
      [{ subject: 'household', householdId: s.householdId, orgId: s.community.id }, 'orgId', 'not_for_subject'],
      [{ subject: 'household', householdId: s.householdId, place: '某地' }, 'place', 'not_for_subject'],
      [workSite({ householdId: s.householdId }), 'householdId', 'not_for_subject'],
      [workSite({ visitors: [] }), 'visitors', 'too_small'],
      [workSite({ visitors: ['王主席', '王主席'] }), 'visitors', 'duplicate_visitor'],
      [workSite({ visitors: Array.from({ length: 21 }, (_, i) => `志愿者${i}`) }), 'visitors', 'too_big'],
      [workSite({ findings: '   ' }), 'findings', 'required'],
      [workSite({ peopleReached: 0 }), 'peopleReached', 'too_small'],
      [workSite({ visitedOn: '2026-02-30' }), 'visitedOn', 'invalid_format'],
      [workSite({ subject: 'market' }), 'subject', 'invalid_value'],
    ];
    for (const [body, path, code] of cases) {
      const res = await record(s.worker.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.details.issues, JSON.stringify(body)).toContainEqual(
        expect.objectContaining({ path, code }),
      );
    }
    // A date of the right shape the database cannot hold (year 0000): 400, in a write and in a filter.
    expect((await record(s.worker.token, workSite({ visitedOn: '0000-01-01' }))).status).toBe(400);
    const listed = await t.call('GET', '/api/v1/hardship/visits?from=0000-01-01', { token: s.worker.token });
    expect([listed.status, listed.json.error.details.issues[0].code]).toEqual([400, 'invalid_date']);
  });

  it('is for assistance workers and officers, within their subtree for a union they name', async () => {
    const s = await scene();
    const clerk = await createStaffUser(t, s.admin.token, s.county.id, ['member_manager']);
    expect((await record(s.leader.token, workSite())).status).toBe(403);
    expect((await record(clerk.token, workSite())).status).toBe(403);
    const member = await workerLogin(t);
    expect((await record(member.token, workSite())).status).toBe(403);
    expect((await record('', workSite())).status).toBe(401);
    // A union outside the caller's subtree, or one that does not exist: 404.
    expect((await record(s.worker.token, workSite({ orgId: s.other.id }))).status).toBe(404);
    expect((await record(s.outsider.token, workSite({ orgId: s.community.id }))).status).toBe(404);
    expect((await record(s.worker.token, workSite({ orgId: crypto.randomUUID() }))).status).toBe(404);
    expect((await record(s.worker.token, { subject: 'household', householdId: crypto.randomUUID() })).status).toBe(404);
  });
});

describe('a visit to a household outside the visitor’s subtree', () => {
  it('follows a 409 HOUSEHOLD_EXISTS: the worker who found the household again adds a visit to the existing file', async () => {
    const s = await scene();
    const household = householdInput(s.regionCode);
    const filed = await fileLead(t, s.worker.token, household);
    // A worker of the neighbouring county surveys the same household (the head works there now).
    const again = await t.call('POST', '/api/v1/hardship/leads', {
      token: s.outsider.token,
      body: { household: { ...household, address: '邻县工业园宿舍' }, channel: 'volunteer', consent: true },
    });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({
      code: 'HOUSEHOLD_EXISTS',
      details: { householdId: filed, visible: false },
    });
    const visit = await record(s.outsider.token, {
      subject: 'household',
      householdId: again.json.error.details.householdId,
      findings: '户主在邻县打工，住宿舍，孩子留守在家。',
      followUp: '请属地工会联系学校',
      photoIds: [await photo(s.outsider.token)],
    });
    expect(visit.status).toBe(201);
    expect(visit.json).toMatchObject({
      org: null,
      household: { id: filed, status: 'submitted', headName: null, visible: false },
      findings: '户主在邻县打工，住宿舍，孩子留守在家。',
    });
    expect(visit.json.photos).toHaveLength(1);
    // The file's union has it, and its officer the photo; the file itself stays closed to the visitor.
    const county = await t.call('GET', `/api/v1/hardship/visits?householdId=${filed}`, { token: s.officer.token });
    expect(county.json.items.map((v: { id: string }) => v.id)).toEqual([visit.json.id]);
    const picture = await t.call('GET', `/api/v1/hardship/visits/${visit.json.id}/photos/${visit.json.photos[0].id}`, {
      token: s.officer.token,
    });
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toBe('image/png');
    expect((await t.call('GET', `/api/v1/hardship/leads/${filed}`, { token: s.outsider.token })).status).toBe(404);
  });

  it('is recorded for the household’s union, and tells the visitor nothing more of the file', async () => {
    const s = await scene();
    const res = await record(s.outsider.token, {
      subject: 'household',
      householdId: s.householdId,
      findings: '户主在本区打零工，住处简陋。',
      followUp: '请属地工会核实',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      org: null,
      household: { id: s.householdId, status: 'submitted', headName: null, visible: false },
      findings: '户主在本区打零工，住处简陋。',
      followUpOpen: true,
      actions: [],
    });
    // The author reads their own visit again, as little as before; they may not close the union's follow-up.
    const mine = await t.call('GET', `/api/v1/hardship/visits/${res.json.id}`, { token: s.outsider.token });
    expect(mine.status).toBe(200);
    expect(mine.json.household.headName).toBeNull();
    expect(mine.json.org).toBeNull();
    const done = await t.call('POST', `/api/v1/hardship/visits/${res.json.id}/follow-up-done`, {
      token: s.outsider.token,
      body: {},
    });
    expect(done.status).toBe(403);
    // The household's visits stay closed to them, and their own subtree's list does not hold it.
    const ofHousehold = await t.call('GET', `/api/v1/hardship/visits?householdId=${s.householdId}`, {
      token: s.outsider.token,
    });
    expect(ofHousehold.status).toBe(404);
    const theirs = await t.call('GET', '/api/v1/hardship/visits', { token: s.outsider.token });
    expect(theirs.json.items).toEqual([]);
    // The household's union sees it with who recorded it, and takes the follow-up.
    const county = await t.call('GET', `/api/v1/hardship/visits?householdId=${s.householdId}`, {
      token: s.officer.token,
    });
    expect(county.json.items).toHaveLength(1);
    expect(county.json.items[0]).toMatchObject({
      org: { id: s.community.id },
      household: { headName: '李桂兰', visible: true },
      recordedBy: { staffId: s.outsider.id, org: { id: s.neighbour.id } },
      actions: ['follow_up_done'],
    });
    const [entry] = await t.ctx.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'hardship_visit.record'), eq(auditLog.objectId, res.json.id)));
    expect(entry?.details).toMatchObject({ householdId: s.householdId, fromOutside: true });
    // Another worker of the neighbouring county never sees it.
    const stranger = await createStaffUser(t, s.admin.token, s.neighbour.id, ['assistance_worker']);
    expect((await t.call('GET', `/api/v1/hardship/visits/${res.json.id}`, { token: stranger.token })).status).toBe(404);
  });

  it('lets the one who filed a household of another union open it and read its visits', async () => {
    const s = await scene();
    const filed = await plantHousehold(s.community.id, s.outsider, s.neighbour.id, '马秀英');
    const visit = await record(s.worker.token, { subject: 'household', householdId: filed, followUp: '申请临时救助' });
    expect(visit.status).toBe(201);
    const res = await record(s.outsider.token, { subject: 'household', householdId: filed });
    expect(res.json.household).toMatchObject({ headName: '马秀英', visible: true });
    const list = await t.call('GET', `/api/v1/hardship/visits?householdId=${filed}`, { token: s.outsider.token });
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(2);
    // The union's visit is theirs to read with its findings, as the file's sensitive fields are (leads.policy); the
    // follow-up is the union's to close.
    const theirs = list.json.items.find((v: { id: string }) => v.id === visit.json.id);
    expect(theirs).toMatchObject({ sensitiveMasked: false, followUp: '申请临时救助', followUpOpen: true, actions: [] });
    const one = await t.call('GET', `/api/v1/hardship/visits/${visit.json.id}`, { token: s.outsider.token });
    expect(one.status).toBe(200);
    expect(one.json.findings).toBe('家中老人卧病，药费负担重。');
    const done = await t.call('POST', `/api/v1/hardship/visits/${visit.json.id}/follow-up-done`, {
      token: s.outsider.token,
      body: {},
    });
    expect(done.status).toBe(403);
  });
});

describe('listing, reading and exporting visits', () => {
  it('pages newest visit first with its filters, masking household findings from leaders and auditing reads', async () => {
    const s = await scene();
    const a = await record(s.worker.token, workSite({ visitedOn: daysAgo(10) }));
    const b = await record(s.worker.token, { subject: 'household', householdId: s.householdId, visitedOn: daysAgo(3) });
    const c = await record(s.worker.token, workSite({ subject: 'platform_workers', followUp: '协调充电桩' }));
    const d = await record(s.otherWorker.token, workSite({ visitedOn: daysAgo(3) }));
    for (const r of [a, b, c, d]) expect(r.status).toBe(201);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/hardship/visits?orgId=${s.county.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.call('GET', url, { token: s.officer.token });
      expect(page.status).toBe(200);
      seen.push(...page.json.items.map((v: { id: string }) => v.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    // Newest visit day first; the same day, the later record first.
    expect(seen).toEqual([c.json.id, d.json.id, b.json.id, a.json.id]);

    const ids = async (query: string, token = s.officer.token) => {
      const res = await t.call('GET', `/api/v1/hardship/visits?${query}`, { token });
      expect(res.status, query).toBe(200);
      return res.json.items.map((v: { id: string }) => v.id);
    };
    expect(await ids(`orgId=${s.county.id}&subject=work_site`)).toEqual([d.json.id, a.json.id]);
    expect(await ids(`householdId=${s.householdId}`)).toEqual([b.json.id]);
    expect(await ids(`orgId=${s.county.id}&from=${daysAgo(3)}&to=${daysAgo(1)}`)).toEqual([d.json.id, b.json.id]);
    expect(await ids(`orgId=${s.county.id}&followUpOpen=true`)).toEqual([c.json.id]);
    // A worker sees their own union only; the sibling union's worker theirs.
    expect(await ids('', s.otherWorker.token)).toEqual([d.json.id]);
    expect(
      (await t.call('GET', `/api/v1/hardship/visits?orgId=${s.community.id}`, { token: s.otherWorker.token })).status,
    ).toBe(404);
    const bad = await t.call('GET', `/api/v1/hardship/visits?from=${today()}&to=${daysAgo(1)}`, {
      token: s.officer.token,
    });
    expect(bad.status).toBe(400);

    // The leader reads the lists, a household's findings withheld; a work site's shown.
    const leader = await t.call('GET', `/api/v1/hardship/visits?orgId=${s.county.id}`, { token: s.leader.token });
    expect(leader.status).toBe(200);
    const home = leader.json.items.find((v: { id: string }) => v.id === b.json.id);
    expect(home).toMatchObject({ sensitiveMasked: true, findings: null, actions: [] });
    const site = leader.json.items.find((v: { id: string }) => v.id === a.json.id);
    expect(site).toMatchObject({ sensitiveMasked: false, findings: a.json.findings });

    // The officer's unmasked read of the household's findings is in the audit log.
    const officerId = s.officer.id;
    const reads = await t.ctx.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'hardship_visit.read'), eq(auditLog.actorId, officerId)));
    expect(reads.some((r) => (r.details as { visitIds: string[] }).visitIds.includes(b.json.id))).toBe(true);

    const clerk = await createStaffUser(t, s.admin.token, s.county.id, ['member_manager']);
    expect((await t.call('GET', '/api/v1/hardship/visits', { token: clerk.token })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/hardship/visits/${a.json.id}`, { token: clerk.token })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/hardship/visits/${a.json.id}`, { token: s.outsider.token })).status).toBe(404);
    expect(
      (await t.call('GET', `/api/v1/hardship/visits/${crypto.randomUUID()}`, { token: s.officer.token })).status,
    ).toBe(404);
  });

  it('costs as many statements for a page of many visits with photos as for one', async () => {
    const s = await scene();
    const url = `/api/v1/hardship/visits?orgId=${s.community.id}`;
    const add = async () =>
      record(s.worker.token, {
        subject: 'household',
        householdId: s.householdId,
        photoIds: [await photo(s.worker.token)],
      });
    await add();
    const forOne = await countQueries(t.database, () => t.call('GET', url, { token: s.officer.token }));
    for (let i = 0; i < 4; i++) await add();
    let page: { items: unknown[] } = { items: [] };
    const forFive = await countQueries(t.database, async () => {
      page = (await t.call('GET', url, { token: s.officer.token })).json;
    });
    expect(page.items).toHaveLength(5);
    expect(forFive).toBe(forOne);
  });

  it('exports the list with the same filters, masked as the list is', async () => {
    const s = await scene();
    await record(s.worker.token, workSite({ followUp: '复查' }));
    await record(s.worker.token, { subject: 'household', householdId: s.householdId });
    await record(s.otherWorker.token, workSite({ place: '别处' }));
    const res = await t.call('GET', `/api/v1/hardship/visits/export.xlsx?orgId=${s.community.id}`, {
      token: s.officer.token,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readWorkbook(res.raw.rawPayload);
    expect(sheet.rowCount).toBe(3);
    const texts = [2, 3].map((n) => sheet.getRow(n).values as unknown[]);
    expect(texts.flat()).toContain('李桂兰');
    expect(texts.flat()).toContain('滨河大道项目工地');
    expect(texts.flat()).toContain('家中老人卧病，药费负担重。');
    const masked = await t.call(
      'GET',
      `/api/v1/hardship/visits/export.xlsx?orgId=${s.community.id}&subject=household`,
      {
        token: s.leader.token,
      },
    );
    const leaderSheet = await readWorkbook(masked.raw.rawPayload);
    expect(leaderSheet.rowCount).toBe(2);
    expect(leaderSheet.getRow(2).values as unknown[]).toContain('（无权查看）');
    expect(
      (await t.call('GET', `/api/v1/hardship/visits/export.xlsx?orgId=${s.county.id}`, { token: s.worker.token }))
        .status,
    ).toBe(404);
  });
});

describe('follow-up done', () => {
  it('is marked once by the union’s workers and officers, with a note', async () => {
    const s = await scene();
    const visit = await record(s.worker.token, workSite({ followUp: '协调加装遮阳棚' }));
    const url = `/api/v1/hardship/visits/${visit.json.id}/follow-up-done`;
    expect((await t.call('POST', url, { token: s.leader.token, body: {} })).status).toBe(403);
    expect((await t.call('POST', url, { token: s.otherWorker.token, body: {} })).status).toBe(404);
    const done = await t.call('POST', url, { token: s.officer.token, body: { note: '遮阳棚已装好' } });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({
      followUpOpen: false,
      followUpDone: { by: s.officer.username, note: '遮阳棚已装好' },
      actions: [],
    });
    const again = await t.call('POST', url, { token: s.worker.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('INVALID_TRANSITION');
    const none = await record(s.worker.token, workSite());
    const noFollowUp = await t.call('POST', `/api/v1/hardship/visits/${none.json.id}/follow-up-done`, {
      token: s.worker.token,
      body: {},
    });
    expect(noFollowUp.status, JSON.stringify(noFollowUp.json)).toBe(409);
  });
});

describe('follow-up done at once', () => {
  it('is marked by one of two workers marking it together; the other gets 409', async () => {
    const s = await scene();
    const visit = await record(s.worker.token, workSite({ followUp: '送防暑药品' }));
    const url = `/api/v1/hardship/visits/${visit.json.id}/follow-up-done`;
    const answers = await Promise.all([
      t.call('POST', url, { token: s.worker.token, body: { note: '甲送到' } }),
      t.call('POST', url, { token: s.officer.token, body: { note: '乙送到' } }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!;
    const read = await t.call('GET', `/api/v1/hardship/visits/${visit.json.id}`, { token: s.officer.token });
    expect(read.json.followUpDone).toEqual(winner.json.followUpDone);
    const entries = await t.ctx.db
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'hardship_visit.follow_up_done'), eq(auditLog.objectId, visit.json.id)));
    expect(entries).toHaveLength(1);
  });
});

describe('the cockpit’s counts', () => {
  it('counts per child union, the union’s own and the total, for leaders too', async () => {
    const s = await scene();
    await record(s.worker.token, workSite({ followUp: '复查' }));
    await record(s.worker.token, { subject: 'household', householdId: s.householdId, peopleReached: 4 });
    await record(s.otherWorker.token, workSite({ subject: 'platform_workers', peopleReached: 30 }));
    await record(s.otherWorker.token, workSite({ visitedOn: daysAgo(40), peopleReached: 50 }));
    await record(s.officer.token, workSite({ peopleReached: 5, followUp: '督促整改' }));

    const stats = await t.call('GET', `/api/v1/hardship/visits/stats?orgId=${s.county.id}`, { token: s.leader.token });
    expect(stats.status).toBe(200);
    const child = (id: string) => stats.json.children.find((c: { id: string }) => c.id === id).counts;
    expect(child(s.community.id)).toEqual({
      visits: 2,
      bySubject: { household: 1, platform_workers: 0, work_site: 1 },
      peopleReached: 124,
      followUpsOpen: 1,
    });
    expect(child(s.other.id)).toEqual({
      visits: 2,
      bySubject: { household: 0, platform_workers: 1, work_site: 1 },
      peopleReached: 80,
      followUpsOpen: 0,
    });
    expect(stats.json.own).toEqual({
      visits: 1,
      bySubject: { household: 0, platform_workers: 0, work_site: 1 },
      peopleReached: 5,
      followUpsOpen: 1,
    });
    expect(stats.json.total).toEqual({
      visits: 5,
      bySubject: { household: 1, platform_workers: 1, work_site: 3 },
      peopleReached: 209,
      followUpsOpen: 2,
    });
    const recent = await t.call('GET', `/api/v1/hardship/visits/stats?orgId=${s.county.id}&from=${daysAgo(30)}`, {
      token: s.officer.token,
    });
    expect(recent.json.total.visits).toBe(4);
    expect(recent.json.from).toBe(daysAgo(30));

    // From the federation: the county is one child with everything below it.
    const top = await t.call('GET', '/api/v1/hardship/visits/stats', { token: s.leader.token });
    expect(top.json.org.id).toBe(s.org.id);
    expect(top.json.children.find((c: { id: string }) => c.id === s.county.id)).toMatchObject({
      hasChildren: true,
      counts: { visits: 5 },
    });

    const clerk = await createStaffUser(t, s.admin.token, s.county.id, ['member_manager']);
    expect((await t.call('GET', '/api/v1/hardship/visits/stats', { token: clerk.token })).status).toBe(403);
    expect(
      (await t.call('GET', `/api/v1/hardship/visits/stats?orgId=${s.county.id}`, { token: s.outsider.token })).status,
    ).toBe(404);
  });
});
