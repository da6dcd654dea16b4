import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../../../test/factories.js';
import { fileLead, hardshipWorld, householdInput, type HardshipWorld } from '../../../test/hardship.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A household of the world's county, filed by its volunteer and verified by its officer (in assistance). */
async function verifiedHousehold(w: HardshipWorld): Promise<string> {
  const id = await fileLead(t, w.worker.token, householdInput(w.regionCode));
  const res = await t.call('POST', `/api/v1/hardship/leads/${id}/actions`, {
    token: w.officer.token,
    body: { action: 'verify', note: '入户核实：户主患尿毒症，每周透析三次' },
  });
  expect(res.status).toBe(200);
  return id;
}

const plan = (token: string, id: string, body: Record<string, unknown> = {}) =>
  t.call('POST', `/api/v1/hardship/households/${id}/plans`, {
    token,
    body: {
      goal: '稳定透析治疗，子女完成学业',
      measures: [
        {
          title: '申请医疗救助绿色通道',
          kind: 'medical_green_channel',
          owner: '县总工会帮扶中心',
          dueOn: '2030-03-31',
        },
        { title: '落实子女秋季助学', owner: '社区工会', dueOn: '2030-09-01' },
      ],
      ...body,
    },
  });

describe('household plans (一户一策)', () => {
  let w: HardshipWorld;
  let household: string;
  beforeAll(async () => {
    w = await hardshipWorld(t);
    household = await verifiedHousehold(w);
  });

  it('refuses a plan for a lead not yet verified (409 HOUSEHOLD_NOT_ASSISTED)', async () => {
    const lead = await fileLead(t, w.worker.token, householdInput(w.regionCode));
    const res = await plan(w.officer.token, lead);
    expect([res.status, res.json.error.code]).toEqual([409, 'HOUSEHOLD_NOT_ASSISTED']);
    const none = await t.call('GET', `/api/v1/hardship/households/${lead}/plans`, { token: w.officer.token });
    expect(none.json).toMatchObject({ current: null, earlier: [], mayPlan: false });
  });

  it('keeps one current plan; a new version replaces it and the old one stays in the history', async () => {
    const first = await plan(w.officer.token, household);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      householdId: household,
      version: 1,
      goal: '稳定透析治疗，子女完成学业',
      createdBy: { staffId: w.officer.id, username: w.officer.username },
    });
    expect(
      first.json.measures.map((m: { title: string; kind: string | null; position: number }) => [m.position, m.kind]),
    ).toEqual([
      [0, 'medical_green_channel'],
      [1, null],
    ]);
    const second = await plan(w.officer.token, household, {
      goal: '透析费用有保障',
      measures: [{ title: '联系爱心企业认捐透析费', owner: '县总工会', dueOn: '2030-06-30' }],
    });
    expect([second.status, second.json.version]).toEqual([201, 2]);
    const list = await t.call('GET', `/api/v1/hardship/households/${household}/plans`, { token: w.officer.token });
    expect(list.status).toBe(200);
    expect(list.json.current).toMatchObject({ version: 2, goal: '透析费用有保障' });
    expect(list.json.earlier.map((p: { version: number }) => p.version)).toEqual([1]);
    expect(list.json.earlier[0].measures).toHaveLength(2);
    expect(list.json.mayPlan).toBe(true);
  });

  it('makes two versions when two officers post at once', async () => {
    const id = await verifiedHousehold(w);
    const other = await createStaffUser(t, w.admin.token, w.county.id, ['assistance_officer']);
    const [a, b] = await Promise.all([plan(w.officer.token, id), plan(other.token, id)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.json.version, b.json.version].sort()).toEqual([1, 2]);
  });

  it('marks a measure of the current plan done once; not one of an earlier version or another household', async () => {
    const id = await verifiedHousehold(w);
    const v1 = await plan(w.officer.token, id);
    const v2 = await plan(w.officer.token, id);
    const measure = v2.json.measures[0].id as string;
    const done = await t.call('POST', `/api/v1/hardship/households/${id}/plans/measures/${measure}/done`, {
      token: w.officer.token,
      body: { note: '已开通医院绿色通道' },
    });
    expect(done.status).toBe(200);
    expect(done.json.version).toBe(2);
    expect(done.json.measures[0]).toMatchObject({ id: measure, doneNote: '已开通医院绿色通道', overdue: false });
    expect(done.json.measures[0].doneAt).toEqual(expect.any(String));
    const again = await t.call('POST', `/api/v1/hardship/households/${id}/plans/measures/${measure}/done`, {
      token: w.officer.token,
      body: {},
    });
    expect([again.status, again.json.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    const old = await t.call(
      'POST',
      `/api/v1/hardship/households/${id}/plans/measures/${v1.json.measures[0].id}/done`,
      { token: w.officer.token, body: {} },
    );
    expect([old.status, old.json.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    const elsewhere = await t.call('POST', `/api/v1/hardship/households/${household}/plans/measures/${measure}/done`, {
      token: w.officer.token,
      body: {},
    });
    expect(elsewhere.status).toBe(404);
  });

  it('shows a measure past its date as overdue', async () => {
    const id = await verifiedHousehold(w);
    const res = await plan(w.officer.token, id, {
      measures: [{ title: '入户送温暖', kind: 'goods', owner: '社区工会', dueOn: '2020-01-15' }],
    });
    expect(res.json.measures[0].overdue).toBe(true);
  });

  it('lets officers write, workers and leaders read; 404 outside the subtree', async () => {
    const byWorker = await plan(w.worker.token, household);
    expect(byWorker.status).toBe(403);
    const byLeader = await plan(w.leader.token, household);
    expect(byLeader.status).toBe(403);
    for (const reader of [w.worker, w.leader]) {
      const res = await t.call('GET', `/api/v1/hardship/households/${household}/plans`, { token: reader.token });
      expect(res.status).toBe(200);
      expect(res.json.mayPlan).toBe(false);
    }
    const stranger = await hardshipWorld(t);
    expect((await plan(stranger.officer.token, household)).status).toBe(404);
    const read = await t.call('GET', `/api/v1/hardship/households/${household}/plans`, {
      token: stranger.officer.token,
    });
    expect(read.status).toBe(404);
  });

  it('refuses a plan without measures, a bad date or an unknown kind (400)', async () => {
    const empty = await plan(w.officer.token, household, { measures: [] });
    expect(empty.status).toBe(400);
    const badDate = await plan(w.officer.token, household, {
      measures: [{ title: 'x', owner: 'y', dueOn: '2030-02-30' }],
    });
    expect(badDate.status).toBe(400);
    const badKind = await plan(w.officer.token, household, {
      measures: [{ title: 'x', owner: 'y', dueOn: '2030-02-01', kind: 'lottery' }],
    });
    expect([badKind.status, badKind.json.error.details.issues[0].path]).toEqual([400, 'measures.0.kind']);
  });
});
