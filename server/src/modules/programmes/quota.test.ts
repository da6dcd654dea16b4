import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, freshWorld, randomPhone, workerLogin, type World } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook } from '../../../test/uploads.js';
import { SettableClock } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';

const clock = new SettableClock();
/** 10:00 on Monday 2 March 2026 in Shanghai: signups are open until 10 March, the trip is on 20 March. */
const signupTime = new Date('2026-03-02T02:00:00Z');
const afterClose = new Date('2026-03-10T02:00:00Z');
const eventDay = new Date('2026-03-20T01:00:00Z');

let t: TestApp;
beforeAll(async () => {
  clock.set(signupTime);
  t = await startTestApp(
    { staffIdleMinutes: 60 * 24 * 400, staffAbsoluteHours: 24 * 400, workerIdleDays: 400, workerAbsoluteDays: 400 },
    { clock },
  );
});
afterAll(async () => {
  await t.close();
});

interface Member {
  id: string;
  name: string;
  token: string;
}

async function addMember(world: World, name: string, login = true): Promise<Member> {
  const phone = randomPhone();
  const created = await t.call('POST', '/api/v1/members', {
    token: world.admin.token,
    body: { name, phone, orgId: world.grassroots.id },
  });
  expect(created.status).toBe(201);
  return { id: created.json.id, name, token: login ? (await workerLogin(t, phone)).token : '' };
}

const window = { opensAt: '2026-03-01T00:00:00+08:00', closesAt: '2026-03-10T00:00:00+08:00' };

async function quotaProgramme(
  world: World,
  quota: Record<string, unknown>,
  kind = 'recuperation',
  times: { opensAt: string; closesAt: string } = window,
): Promise<string> {
  const res = await t.call('POST', '/api/v1/programmes', {
    token: world.admin.token,
    body: { kind, title: '2026年劳模疗休养（青海湖）', orgId: world.org.id, ...times, rules: { quota } },
  });
  expect(res.status).toBe(201);
  return res.json.id;
}

const signUp = (token: string, programmeId: string, body: Record<string, unknown> = {}) =>
  t.call('POST', `/api/v1/programmes/${programmeId}/signups`, { token, body });
const act = (token: string, id: string, body: Record<string, unknown>) =>
  t.call('POST', `/api/v1/signups/${id}/actions`, { token, body });
const allocate = (token: string, programmeId: string) =>
  t.call('POST', `/api/v1/programmes/${programmeId}/allocation`, { token });

interface ListItem {
  id: string;
  member: { name: string };
  status: string;
  rank: number | null;
  placeNo: number | null;
  waitingPosition: number | null;
  firstTime: boolean | null;
}
async function list(token: string, programmeId: string, query = ''): Promise<ListItem[]> {
  const res = await t.call('GET', `/api/v1/programmes/${programmeId}/signups${query}`, { token });
  expect(res.status).toBe(200);
  return res.json.items;
}
const byName = (items: ListItem[]) =>
  items.map((s) => [s.member.name, s.status, s.placeNo ?? s.waitingPosition ?? null]);

async function notifications(token: string): Promise<string[]> {
  const res = await t.call('GET', '/api/v1/me/notifications', { token });
  return res.json.items.map((n: { title: string }) => n.title);
}

const priority = [
  { by: 'honour_level', levels: ['national', 'provincial'] },
  { by: 'front_line' },
  { by: 'first_time' },
];

/**
 * Six members sign up for three places of a trip in this order: 安 (nothing), 柏 (provincial model worker), 陈 (front
 * line), 邓 (national model worker), 鄂 (front line, but went on last year's trip), 范 (nothing).
 */
async function sixForThreePlaces() {
  const world = await freshWorld(t);
  const officer = await createStaffUser(t, world.admin.token, world.grassroots.id, ['programme_officer']);
  const m: Record<string, Member> = {};
  for (const name of ['安', '柏', '陈', '邓', '鄂', '范']) m[name] = await addMember(world, name);
  // Last year's trip: 鄂 went.
  clock.set(new Date('2025-06-02T02:00:00Z'));
  const lastYear = await quotaProgramme(world, { places: 1, eventDate: '2025-06-20' }, 'recuperation', {
    opensAt: '2025-06-01T00:00:00+08:00',
    closesAt: '2025-06-10T00:00:00+08:00',
  });
  const went = await signUp(m['鄂']!.token, lastYear, { frontLine: true });
  expect(went.status).toBe(201);
  clock.set(new Date('2025-06-10T02:00:00Z'));
  expect((await allocate(world.admin.token, lastYear)).json.allocated).toBe(1);
  clock.set(new Date('2025-06-20T02:00:00Z'));
  expect((await act(world.admin.token, went.json.id, { action: 'attend' })).json.status).toBe('attended');

  clock.set(signupTime);
  const programmeId = await quotaProgramme(world, { places: 3, eventDate: '2026-03-20', priority });
  const facts: Record<string, Record<string, unknown>> = {
    安: {},
    柏: { honourLevel: 'provincial' },
    陈: { frontLine: true },
    邓: { honourLevel: 'national' },
    鄂: { frontLine: true },
    范: { honourLevel: 'municipal' },
  };
  const ids: Record<string, string> = {};
  for (const [name, body] of Object.entries(facts)) {
    // 陈 is signed up by the grassroots union's officer, the others sign up themselves.
    const res =
      name === '陈'
        ? await signUp(officer.token, programmeId, { ...body, memberId: m[name]!.id })
        : await signUp(m[name]!.token, programmeId, body);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'applied', rank: null, placeNo: null, member: { name } });
    ids[name] = res.json.id;
  }
  return { world, officer, m, ids, programmeId };
}

describe('quota programmes (劳模疗休养, 免费体检)', () => {
  it('takes quota rules only for quota kinds, validated; never takes money applications', async () => {
    clock.set(signupTime);
    const world = await freshWorld(t);
    const body = (kind: string, rules: Record<string, unknown>) => ({
      kind,
      title: '2026年职工免费体检',
      orgId: world.org.id,
      ...window,
      rules,
    });
    const create = (kind: string, rules: Record<string, unknown>) =>
      t.call('POST', '/api/v1/programmes', { token: world.admin.token, body: body(kind, rules) });
    const paths = (res: { json: { error: { details: { issues: { path: string }[] } } } }) =>
      res.json.error.details.issues.map((i) => i.path).sort();

    expect(paths(await create('health_check', {}))).toEqual(['rules.quota']);
    expect(paths(await create('custom', { quota: { places: 5, eventDate: '2026-03-20' } }))).toEqual(['rules.quota']);
    expect(paths(await create('health_check', { quota: { places: 5, eventDate: '2026-03-09' } }))).toEqual([
      'rules.quota.eventDate',
    ]);
    const bad = await create('recuperation', {
      quota: {
        places: 0,
        eventDate: '2026-03-20',
        priority: [{ by: 'front_line' }, { by: 'honour_level', levels: ['gold'] }],
      },
    });
    expect(paths(bad)).toEqual(['rules.quota.places', 'rules.quota.priority.1.levels.0']);
    const twice = await create('recuperation', {
      quota: { places: 3, eventDate: '2026-03-20', priority: [{ by: 'first_time' }, { by: 'first_time' }] },
    });
    expect(paths(twice)).toEqual(['rules.quota.priority']);

    const checkup = await create('health_check', { quota: { places: 2, eventDate: '2026-03-10' } });
    expect(checkup.status).toBe(201);
    expect(checkup.json).toMatchObject({
      kind: 'health_check',
      rules: { quota: { places: 2, eventDate: '2026-03-10', priority: [] } },
    });
    const money = await create('custom', { publicityDays: 0 });
    const member = await addMember(world, '胡明');

    // A quota programme takes signups, never applications (so never payments); a money programme no signups.
    const applied = await t.call('POST', `/api/v1/programmes/${checkup.json.id}/applications`, {
      token: member.token,
      body: { amountFen: 100 },
    });
    expect([applied.status, applied.json.error.code]).toEqual([409, 'WRONG_PROGRAMME_KIND']);
    const wrongWay = await signUp(member.token, money.json.id);
    expect([wrongWay.status, wrongWay.json.error.code]).toEqual([409, 'WRONG_PROGRAMME_KIND']);
    const keyed = () =>
      t.call('POST', `/api/v1/programmes/${checkup.json.id}/signups`, {
        token: member.token,
        body: { frontLine: true },
        headers: { 'idempotency-key': 'signup-1' },
      });
    const signedUp = await keyed();
    expect(signedUp.status).toBe(201);
    // The phone retries with the same key: the first answer, not a 409.
    expect((await keyed()).json.id).toBe(signedUp.json.id);
    // Withdrawn before the allocation, the member may sign up again (once).
    expect((await act(member.token, signedUp.json.id, { action: 'withdraw' })).json.status).toBe('withdrawn');
    const again = await signUp(member.token, checkup.json.id);
    expect([again.status, again.json.status]).toEqual([201, 'applied']);
    expect((await signUp(member.token, checkup.json.id)).status).toBe(409);
    const paid = await t.call('POST', `/api/v1/programmes/${checkup.json.id}/disbursements`, {
      token: world.admin.token,
    });
    expect([paid.status, paid.json.error.code]).toEqual([409, 'NOTHING_TO_DISBURSE']);
  });

  it('allocates by the priority lists in order, then by arrival, and puts the rest on the waiting list in order', async () => {
    const { world, officer, m, ids, programmeId } = await sixForThreePlaces();
    // One signup per member and programme.
    const again = await signUp(m['安']!.token, programmeId);
    expect([again.status, again.json.error.code]).toEqual([409, 'DUPLICATE_APPLICATION']);
    const early = await allocate(world.admin.token, programmeId);
    expect([early.status, early.json.error.code]).toEqual([409, 'PROGRAMME_STILL_OPEN']);
    // The grassroots union's officer signs members up, but the programme's organisation allocates.
    clock.set(afterClose);
    expect((await allocate(officer.token, programmeId)).status).toBe(404);
    const late = await signUp((await addMember(world, '迟')).token, programmeId);
    expect([late.status, late.json.error.code]).toEqual([409, 'PROGRAMME_NOT_OPEN']);

    const allocated = await allocate(world.admin.token, programmeId);
    expect(allocated.json).toEqual({
      programmeId,
      places: 3,
      allocated: 3,
      waitlisted: 3,
      newlyAllocated: 3,
      newlyWaitlisted: 3,
    });
    // National before provincial before everyone else; then front line (the first-timer first); then arrival.
    const order = await list(world.admin.token, programmeId);
    expect(byName(order)).toEqual([
      ['邓', 'allocated', 1],
      ['柏', 'allocated', 2],
      ['陈', 'allocated', 3],
      ['鄂', 'waitlisted', 1],
      ['安', 'waitlisted', 2],
      ['范', 'waitlisted', 3],
    ]);
    expect(order.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(order.find((s) => s.member.name === '鄂')!.firstTime).toBe(false);
    expect(order.find((s) => s.member.name === '安')!.firstTime).toBe(true);
    expect(byName(await list(world.admin.token, programmeId, '?status=waitlisted&limit=2'))).toEqual([
      ['鄂', 'waitlisted', 1],
      ['安', 'waitlisted', 2],
    ]);
    // Pages follow the order.
    const first = await t.call('GET', `/api/v1/programmes/${programmeId}/signups?limit=4`, { token: officer.token });
    const second = await t.call(
      'GET',
      `/api/v1/programmes/${programmeId}/signups?limit=4&cursor=${first.json.nextCursor}`,
      { token: officer.token },
    );
    expect([...first.json.items, ...second.json.items].map((s: ListItem) => s.member.name)).toEqual(
      order.map((s) => s.member.name),
    );

    // Repeating the allocation changes nothing.
    expect((await allocate(world.admin.token, programmeId)).json).toMatchObject({
      allocated: 3,
      waitlisted: 3,
      newlyAllocated: 0,
    });
    // A member sees their own signup only, and was told.
    expect(byName(await list(m['安']!.token, programmeId))).toEqual([['安', 'waitlisted', 2]]);
    expect(await notifications(m['邓']!.token)).toContain('您已获得名额');
    expect(await notifications(m['安']!.token)).toContain('名额已满，您已进入候补名单');
    const told = await t.call('GET', '/api/v1/me/notifications', { token: m['安']!.token });
    expect(told.json.items[0].body).toBe('2026年劳模疗休养（青海湖）：候补第 2 位');
    const mine = await t.call('GET', `/api/v1/signups/${ids['邓']}`, { token: m['邓']!.token });
    expect(mine.json).toMatchObject({ status: 'allocated', placeNo: 1, actions: ['decline'] });
    expect(mine.json.timeline.map((e: { action: string }) => e.action)).toEqual(['sign_up', 'allocate']);
  });

  it('lets the programme’s officers correct declared facts before the allocation ranks them', async () => {
    const { world, officer, m, ids, programmeId } = await sixForThreePlaces();
    const correct = (token: string, body: Record<string, unknown>) =>
      t.call('PATCH', `/api/v1/signups/${ids['柏']}`, { token, body });
    // 柏 declared a provincial honour the register does not show.
    expect((await correct(world.admin.token, { honourLevel: null })).status).toBe(400);
    expect((await correct(officer.token, { honourLevel: null, note: '经核实非省部级劳模' })).status).toBe(403);
    expect((await correct(m['柏']!.token, { honourLevel: null, note: '经核实非省部级劳模' })).status).toBe(403);
    const corrected = await correct(world.admin.token, { honourLevel: null, note: '经核实非省部级劳模' });
    expect(corrected.json).toMatchObject({ honourLevel: null, frontLine: false, status: 'applied' });
    const [record] = await queryRows<{ details: Record<string, unknown> }>(
      t.ctx.db,
      sql`select details from audit_log where action = 'programme_signup.correct' and object_id = ${ids['柏']}`,
    );
    expect(record!.details).toEqual({
      before: { honourLevel: 'provincial', frontLine: false },
      after: { honourLevel: null },
      note: '经核实非省部级劳模',
    });
    clock.set(afterClose);
    await allocate(world.admin.token, programmeId);
    expect(byName(await list(world.admin.token, programmeId))).toEqual([
      ['邓', 'allocated', 1],
      ['陈', 'allocated', 2],
      ['鄂', 'allocated', 3],
      ['安', 'waitlisted', 1],
      ['柏', 'waitlisted', 2],
      ['范', 'waitlisted', 3],
    ]);
    // Once ranked, the order stands.
    const late = await correct(world.admin.token, { frontLine: true, note: '补充一线证明' });
    expect([late.status, late.json.error.code]).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('gives a declined or cancelled place to the first on the waiting list, marks attendance from the day, exports the list', async () => {
    const { world, officer, m, ids, programmeId } = await sixForThreePlaces();
    clock.set(afterClose);
    await allocate(world.admin.token, programmeId);

    // 邓 gives the place back: 鄂, first on the waiting list, takes place 1 and is told.
    const declined = await act(m['邓']!.token, ids['邓']!, { action: 'decline', note: '家中有事' });
    expect(declined.json).toMatchObject({ status: 'declined', placeNo: null, actions: [] });
    expect(await notifications(m['鄂']!.token)).toContain('候补递补成功，您已获得名额');
    // The programme's officer cancels 陈 (a reason is required): 安 moves up into place 3.
    expect((await act(world.admin.token, ids['陈']!, { action: 'cancel' })).status).toBe(400);
    // The grassroots union's officer is not the programme's: cancelling is not theirs to do.
    expect((await act(officer.token, ids['陈']!, { action: 'cancel', reason: '体检不合格' })).status).toBe(403);
    expect((await act(world.admin.token, ids['陈']!, { action: 'cancel', reason: '体检不合格' })).json.status).toBe(
      'cancelled',
    );
    expect(byName(await list(world.admin.token, programmeId))).toEqual([
      ['邓', 'declined', null],
      ['柏', 'allocated', 2],
      ['陈', 'cancelled', null],
      ['鄂', 'allocated', 1],
      ['安', 'allocated', 3],
      ['范', 'waitlisted', 1],
    ]);
    const promoted = await t.call('GET', `/api/v1/signups/${ids['鄂']}`, { token: m['鄂']!.token });
    expect(promoted.json.timeline.map((e: { action: string; actorKind: string }) => [e.action, e.actorKind])).toEqual([
      ['sign_up', 'worker'],
      ['waitlist', 'staff'],
      ['promote', 'system'],
    ]);
    // A declined place is not taken back; 范 leaves the waiting list.
    expect((await act(m['邓']!.token, ids['邓']!, { action: 'decline' })).status).toBe(409);
    expect((await act(m['范']!.token, ids['范']!, { action: 'withdraw' })).json.status).toBe('withdrawn');
    const standing = await t.call('GET', `/api/v1/programmes/${programmeId}/allocation`, { token: world.admin.token });
    expect(standing.json).toEqual({
      programmeId,
      places: 3,
      placesFree: 0,
      eventDate: '2026-03-20',
      byStatus: {
        applied: 0,
        allocated: 3,
        waitlisted: 0,
        declined: 1,
        cancelled: 1,
        withdrawn: 1,
        attended: 0,
        absent: 0,
      },
    });
    expect((await t.call('GET', `/api/v1/programmes/${programmeId}/allocation`, { token: officer.token })).status).toBe(
      404,
    );

    // Attendance: by the programme's officers, from the event's day on.
    const before = await act(world.admin.token, ids['柏']!, { action: 'attend' });
    expect([before.status, before.json.error.code]).toEqual([409, 'EVENT_NOT_HELD']);
    clock.set(eventDay);
    expect((await act(m['柏']!.token, ids['柏']!, { action: 'attend' })).status).toBe(403);
    expect((await act(world.admin.token, ids['柏']!, { action: 'attend' })).json.status).toBe('attended');
    expect((await act(world.admin.token, ids['鄂']!, { action: 'absent', note: '未到' })).json.status).toBe('absent');
    expect((await act(world.admin.token, ids['安']!, { action: 'attend' })).json.status).toBe('attended');
    expect((await act(world.admin.token, ids['安']!, { action: 'absent' })).status).toBe(409);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/programmes/${programmeId}/signups/export.xlsx`,
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readWorkbook(res.rawPayload);
    expect(sheet.name).toBe('名额分配名单');
    const rows = (sheet.getSheetValues() as unknown[][]).slice(1).map((r) => r.slice(1, 10));
    expect(rows).toEqual([
      ['排序', '状态', '名额号', '候补顺位', '姓名', '所在工会', '劳模荣誉', '一线职工', '首次参加'],
      [1, '已放弃', undefined, undefined, '邓', expect.any(String), '全国级', '否', '是'],
      [2, '已参加', 2, undefined, '柏', expect.any(String), '省部级', '否', '是'],
      [3, '已取消', undefined, undefined, '陈', expect.any(String), undefined, '是', '是'],
      [4, '缺席', 1, undefined, '鄂', expect.any(String), undefined, '是', '否'],
      [5, '已参加', 3, undefined, '安', expect.any(String), undefined, '否', '是'],
      [6, '已撤回', undefined, undefined, '范', expect.any(String), '市级', '否', '是'],
    ]);
    const exported = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'programme_signup.export' and object_id = ${programmeId}`,
    );
    expect(exported[0]!.n).toBe(1);
  });

  it('marks a list’s attendance at once from the event day, all or none; shows a member their signups', async () => {
    const { world, m, ids, programmeId } = await sixForThreePlaces();
    clock.set(afterClose);
    await allocate(world.admin.token, programmeId);
    const mark = (items: Record<string, unknown>[]) =>
      t.call('POST', `/api/v1/programmes/${programmeId}/attendance`, { token: world.admin.token, body: { items } });
    const holders = [
      { signupId: ids['邓'], attended: true },
      { signupId: ids['柏'], attended: false, note: '临时出差' },
      { signupId: ids['陈'], attended: true },
    ];
    const early = await mark(holders);
    expect([early.status, early.json.error.code, early.json.error.details]).toEqual([
      409,
      'EVENT_NOT_HELD',
      { eventDate: '2026-03-20' },
    ]);
    clock.set(eventDay);
    // A signup of another programme, or one named twice: 400 on its line.
    const elsewhere = await sixForThreePlaces();
    clock.set(eventDay);
    const foreign = await mark([...holders, { signupId: elsewhere.ids['安'], attended: true }]);
    expect([foreign.status, foreign.json.error.details.issues[0].path]).toEqual([400, 'items.3.signupId']);
    const twice = await mark([...holders, holders[0]!]);
    expect([twice.status, twice.json.error.details.issues[0].path]).toEqual([400, 'items.3.signupId']);
    // 鄂 waits for a place and did not go: the whole list is refused, nothing is marked.
    const waiting = await mark([...holders, { signupId: ids['鄂'], attended: true }]);
    expect([waiting.status, waiting.json.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await list(world.admin.token, programmeId, '?status=allocated')).length).toBe(3);
    const marked = await mark(holders);
    expect(marked.json).toEqual({ attended: 2, absent: 1 });
    expect(byName(await list(world.admin.token, programmeId)).slice(0, 3)).toEqual([
      ['邓', 'attended', 1],
      ['柏', 'absent', 2],
      ['陈', 'attended', 3],
    ]);
    expect(await notifications(m['柏']!.token)).toContain('您被登记为缺席');
    // The grassroots officer does not run the programme; a member may not mark themself.
    const officer = await createStaffUser(t, world.admin.token, world.grassroots.id, ['programme_officer']);
    const notTheirs = await t.call('POST', `/api/v1/programmes/${programmeId}/attendance`, {
      token: officer.token,
      body: { items: [{ signupId: ids['安'], attended: true }] },
    });
    expect(notTheirs.status).toBe(404);

    // A member's own signups, every programme, newest first (鄂 also went last year).
    const mine = await t.call('GET', '/api/v1/me/signups', { token: m['鄂']!.token });
    expect(
      mine.json.items.map((s: ListItem & { programme: { eventDate: string } }) => [s.programme.eventDate, s.status]),
    ).toEqual([
      ['2026-03-20', 'waitlisted'],
      ['2025-06-20', 'attended'],
    ]);
    const paged = await t.call('GET', '/api/v1/me/signups?limit=1', { token: m['鄂']!.token });
    const rest = await t.call('GET', `/api/v1/me/signups?limit=1&cursor=${paged.json.nextCursor}`, {
      token: m['鄂']!.token,
    });
    expect(rest.json.items.map((s: ListItem) => s.status)).toEqual(['attended']);
    expect((await t.call('GET', '/api/v1/me/signups', { token: world.admin.token })).status).toBe(403);
  });

  it('takes the honour level of those on the model-worker register from the register, not from what they declare', async () => {
    clock.set(signupTime);
    const world = await freshWorld(t);
    const programmeId = await quotaProgramme(world, { places: 1, eventDate: '2026-03-20' });
    const [onRegister, deceased, unregistered] = await Promise.all(
      ['全国劳模甲', '已故劳模乙', '未入册丙'].map((n) => addMember(world, n, false)),
    );
    const register = async (memberId: string, honourLevel: string) =>
      (
        await t.call('POST', '/api/v1/model-workers', {
          token: world.admin.token,
          body: { memberId, honourLevel, title: '劳动模范', awardedYear: 2010 },
        })
      ).json.id as string;
    await register(onRegister!.id, 'national');
    const gone = await register(deceased!.id, 'provincial');
    await t.call('PATCH', `/api/v1/model-workers/${gone}`, {
      token: world.admin.token,
      body: { status: 'deceased', statusDate: '2026-01-05' },
    });
    const levels = [];
    for (const m of [onRegister!, deceased!, unregistered!]) {
      const res = await signUp(world.admin.token, programmeId, { memberId: m.id, honourLevel: 'municipal' });
      levels.push(res.json.honourLevel);
    }
    expect(levels).toEqual(['national', null, 'municipal']);
  });

  it('never allocates more than the places, whatever runs at once', async () => {
    clock.set(signupTime);
    const world = await freshWorld(t);
    const programmeId = await quotaProgramme(world, { places: 5, eventDate: '2026-03-20' }, 'health_check');
    const members = await Promise.all(Array.from({ length: 16 }, (_, i) => addMember(world, `职工${i}`, false)));
    // Sixteen signups at once, and the first member twice more: one signup per member.
    const signups = await Promise.all(
      [...members, members[0]!, members[0]!].map((m) => signUp(world.admin.token, programmeId, { memberId: m.id })),
    );
    expect(signups.filter((r) => r.status === 201)).toHaveLength(16);
    expect(signups.filter((r) => r.status === 409).map((r) => r.json.error.code)).toEqual([
      'DUPLICATE_APPLICATION',
      'DUPLICATE_APPLICATION',
    ]);
    clock.set(afterClose);
    const runs = await Promise.all([1, 2, 3].map(() => allocate(world.admin.token, programmeId)));
    expect(runs.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(runs.reduce((sum, r) => sum + r.json.newlyAllocated, 0)).toBe(5);
    const held = async () =>
      queryRows<{ status: string; n: number; places: number }>(
        t.ctx.db,
        sql`select status, count(*)::int as n, count(distinct place_no)::int as places from programme_signups
            where programme_id = ${programmeId} group by status order by status`,
      );
    expect(await held()).toEqual([
      { status: 'allocated', n: 5, places: 5 },
      { status: 'waitlisted', n: 11, places: 0 },
    ]);
    // Every holder gives the place back at once (declined for them, or cancelled): five promotions, still five places.
    const holders = (await list(world.admin.token, programmeId, '?status=allocated')).map((s) => s.id);
    const answers = await Promise.all(
      holders.map((id, i) =>
        act(world.admin.token, id, i % 2 ? { action: 'decline' } : { action: 'cancel', reason: '名额调整' }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await held()).toEqual([
      { status: 'allocated', n: 5, places: 5 },
      { status: 'cancelled', n: 3, places: 0 },
      { status: 'declined', n: 2, places: 0 },
      { status: 'waitlisted', n: 6, places: 0 },
    ]);
    // The promoted are the next five in rank order, and the places are 1..5.
    const now = await list(world.admin.token, programmeId, '?status=allocated');
    expect(now.map((s) => s.rank)).toEqual([6, 7, 8, 9, 10]);
    expect(now.map((s) => s.placeNo).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers 404 to another org’s staff and members on every quota route', async () => {
    const { world, ids, programmeId } = await sixForThreePlaces();
    const other = await freshWorld(t);
    const outsider = await addMember(other, '外');
    for (const token of [other.admin.token, outsider.token]) {
      const calls = [
        signUp(token, programmeId, token === other.admin.token ? { memberId: outsider.id } : {}),
        // A member gets 403 on the staff's own routes (as everywhere); another org's staff, 404.
        t.call('PATCH', `/api/v1/signups/${ids['安']}`, {
          token: other.admin.token,
          body: { frontLine: true, note: '核实' },
        }),
        t.call('GET', `/api/v1/programmes/${programmeId}/signups`, { token }),
        t.call('GET', `/api/v1/signups/${ids['安']}`, { token }),
        act(token, ids['安']!, { action: 'withdraw' }),
      ];
      for (const res of await Promise.all(calls)) expect([res.status, res.json.error.code]).toEqual([404, 'NOT_FOUND']);
    }
    clock.set(afterClose);
    expect((await allocate(other.admin.token, programmeId)).status).toBe(404);
    expect(
      (await t.call('GET', `/api/v1/programmes/${programmeId}/allocation`, { token: other.admin.token })).status,
    ).toBe(404);
    const attendance = await t.call('POST', `/api/v1/programmes/${programmeId}/attendance`, {
      token: other.admin.token,
      body: { items: [{ signupId: ids['安'], attended: true }] },
    });
    expect(attendance.status).toBe(404);
    // Nor do their own lists show anything of it.
    expect((await t.call('GET', '/api/v1/me/signups', { token: outsider.token })).json.items).toEqual([]);
    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/v1/programmes/${programmeId}/signups/export.xlsx`,
      headers: { authorization: `Bearer ${other.admin.token}` },
    });
    expect(exported.statusCode).toBe(404);
    // Nothing changed for the programme's own.
    expect((await list(world.admin.token, programmeId)).every((s) => s.status === 'applied')).toBe(true);
  });
});
