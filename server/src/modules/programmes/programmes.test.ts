import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createStaffUser,
  freshWorld,
  randomPhone,
  workerLogin,
  type World,
} from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { countQueries } from '../../../test/query-counter.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';
import { SettableClock } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';

const clock = new SettableClock();
/** 10:00 on Monday 2 March 2026 in Shanghai. */
const start = new Date('2026-03-02T02:00:00Z');
const day = 86_400_000;

let t: TestApp;
beforeAll(async () => {
  clock.set(start);
  // Staff sessions outlive the days the clock is moved on.
  t = await startTestApp(
    { staffIdleMinutes: 60 * 24 * 400, staffAbsoluteHours: 24 * 400, workerIdleDays: 400, workerAbsoluteDays: 400 },
    { clock },
  );
});
afterAll(async () => {
  await t.close();
});

interface Setup {
  world: World;
  /** programme_officer of the grassroots union (the first review level). */
  officer: { token: string };
  member: { id: string; token: string; name: string };
  programmeId: string;
}

async function addMember(world: World, name: string): Promise<{ id: string; token: string; name: string }> {
  const phone = randomPhone();
  const created = await t.call('POST', '/api/v1/members', {
    token: world.admin.token,
    body: { name, phone, orgId: world.grassroots.id },
  });
  expect(created.status).toBe(201);
  const login = await workerLogin(t, phone);
  return { id: created.json.id, token: login.token, name };
}

/** A federation's programme (rules as given) and a member of its grassroots union, which reviews first. */
async function setup(rules: Record<string, unknown>): Promise<Setup> {
  clock.set(start);
  const world = await freshWorld(t);
  const officer = await createStaffUser(t, world.admin.token, world.grassroots.id, ['programme_officer']);
  const member = await addMember(world, '张晓明');
  const programme = await t.call('POST', '/api/v1/programmes', {
    token: world.admin.token,
    body: {
      // The engine's rules alone: model_worker_fund's own (the register, the fund) are in model-workers.test.ts.
      kind: 'custom',
      title: '2026年劳模生活困难补助金',
      orgId: world.org.id,
      opensAt: '2026-01-01T00:00:00+08:00',
      closesAt: '2027-01-01T00:00:00+08:00',
      rules,
    },
  });
  expect(programme.status).toBe(201);
  return { world, officer, member, programmeId: programme.json.id };
}

async function act(token: string, id: string, body: Record<string, unknown>) {
  return t.call('POST', `/api/v1/applications/${id}/actions`, { token, body });
}

describe('benefit programmes', () => {
  it('creates a programme with the default rules, for programme officers over the org only', async () => {
    clock.set(start);
    const world = await freshWorld(t);
    const body = {
      kind: 'custom',
      title: '金秋助学',
      orgId: world.org.id,
      opensAt: '2026-08-01T00:00:00+08:00',
      closesAt: '2026-10-01T00:00:00+08:00',
    };
    const created = await t.call('POST', '/api/v1/programmes', { token: world.admin.token, body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      kind: 'custom',
      org: { id: world.org.id },
      open: false,
      rules: { reviewLevels: 1, publicityDays: 5, publicityAt: 'programme', period: 'programme', caps: {} },
    });
    const leader = await createStaffUser(t, world.admin.token, world.org.id, ['leader']);
    expect((await t.call('POST', '/api/v1/programmes', { token: leader.token, body })).status).toBe(403);
    const grassrootsOfficer = await createStaffUser(t, world.admin.token, world.grassroots.id, ['programme_officer']);
    expect((await t.call('POST', '/api/v1/programmes', { token: grassrootsOfficer.token, body })).status).toBe(404);
    const bad = await t.call('POST', '/api/v1/programmes', {
      token: world.admin.token,
      body: { ...body, rules: { reviewLevels: 6, publicityDays: 31 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'rules.publicityDays',
      'rules.reviewLevels',
    ]);
    // The grassroots union's officer and member see the federation's programme (it serves them).
    expect(
      (await t.call('GET', `/api/v1/programmes/${created.json.id}`, { token: grassrootsOfficer.token })).status,
    ).toBe(200);
    const member = await addMember(world, '李四');
    const mine = await t.call('GET', '/api/v1/programmes', { token: member.token });
    expect(mine.json.items.map((p: { id: string }) => p.id)).toEqual([created.json.id]);
  });

  it('runs two review levels, a return and resubmission, publicity, an objection and approval', async () => {
    const s = await setup({ reviewLevels: 2, publicityDays: 5 });
    const apply = (key: string, body: Record<string, unknown> = { amountFen: 50_000, details: { reason: '重病' } }) =>
      t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
        token: s.member.token,
        body,
        headers: { 'idempotency-key': key },
      });
    const applied = await apply('k1');
    expect(applied.status).toBe(201);
    expect(applied.json).toMatchObject({
      status: 'review_1',
      reviewLevel: 1,
      amountFen: 50_000,
      period: 'once',
      member: { id: s.member.id, name: '张晓明' },
      reviewChain: [
        { level: 1, org: { id: s.world.grassroots.id } },
        { level: 2, org: { id: s.world.org.id } },
      ],
      actions: ['withdraw'],
    });
    const id = applied.json.id as string;
    // A phone retrying with the same key gets the first answer; a second application for the period does not exist.
    const retried = await apply('k1');
    expect([retried.status, retried.json.id]).toEqual([201, id]);
    const second = await apply('k2');
    expect([second.status, second.json.error.code]).toEqual([409, 'DUPLICATE_APPLICATION']);

    // Level 1 is the grassroots union's: the federation cannot sign it, and the union cannot sign level 2.
    expect((await act(s.world.admin.token, id, { action: 'review_pass' })).status).toBe(403);
    const awaiting = (token: string) =>
      t
        .call('GET', '/api/v1/applications?awaitingMe=true', { token })
        .then((r) => r.json.items.map((a: { id: string }) => a.id));
    expect(await awaiting(s.officer.token)).toEqual([id]);
    expect(await awaiting(s.world.admin.token)).toEqual([]);
    const passed = await act(s.officer.token, id, { action: 'review_pass', note: '情况属实' });
    expect(await awaiting(s.officer.token)).toEqual([]);
    expect(await awaiting(s.world.admin.token)).toEqual([id]);
    expect(passed.json).toMatchObject({ status: 'review_2', reviewLevel: 2 });
    expect((await act(s.officer.token, id, { action: 'review_pass' })).status).toBe(403);
    expect((await act(s.world.admin.token, id, { action: 'review_return' })).status).toBe(400);
    const returned = await act(s.world.admin.token, id, { action: 'review_return', reason: '请补充医院诊断证明' });
    expect(returned.json.status).toBe('returned');
    // Not a step the returned state offers (409), then not one the member may take (403).
    expect((await act(s.member.token, id, { action: 'review_pass' })).status).toBe(409);
    const resubmit = () =>
      t.call('POST', `/api/v1/applications/${id}/actions`, {
        token: s.member.token,
        body: { action: 'resubmit', amountFen: 40_000 },
        headers: { 'idempotency-key': 'resubmit-1' },
      });
    const resubmitted = await resubmit();
    // The phone retries with the same key: the first answer again, not a 409.
    const retriedResubmit = await resubmit();
    expect([retriedResubmit.status, retriedResubmit.json.status]).toEqual([200, 'review_1']);
    expect(resubmitted.json).toMatchObject({ status: 'review_1', amountFen: 40_000 });
    expect((await act(s.member.token, id, { action: 'review_pass' })).status).toBe(403);
    await act(s.officer.token, id, { action: 'review_pass' });
    const reviewed = await act(s.world.admin.token, id, { action: 'review_pass' });
    expect(reviewed.json).toMatchObject({ status: 'reviewed', reviewLevel: null, actions: ['publicize', 'approve'] });
    expect(await awaiting(s.world.admin.token)).toEqual([id]);
    expect(await awaiting(s.officer.token)).toEqual([]);

    const early = await act(s.world.admin.token, id, { action: 'approve' });
    expect([early.status, early.json.error.code]).toEqual([409, 'PUBLICITY_REQUIRED']);
    const publicised = await act(s.world.admin.token, id, { action: 'publicize' });
    expect(publicised.json.status).toBe('publicity');
    const notices = await t.call('GET', `/api/v1/programmes/${s.programmeId}/notices`, { token: s.world.admin.token });
    expect(notices.json.items).toHaveLength(1);
    const noticeId = notices.json.items[0].id as string;
    const followed = await t.call('GET', `/api/v1/applications/${id}`, { token: s.member.token });
    expect(followed.json.notices).toEqual([
      expect.objectContaining({ id: noticeId, entryNo: 1, open: true, closesAt: '2026-03-06T16:00:00.000Z' }),
    ]);

    // The public page: no sign-in, masked name, amount, the hash of what was published; five calendar days in Shanghai.
    const notice = await t.call('GET', `/api/v1/public/notices/${noticeId}`);
    expect(notice.status).toBe(200);
    expect(notice.json).toMatchObject({
      seq: 1,
      open: true,
      opensAt: start.toISOString(),
      closesAt: '2026-03-06T16:00:00.000Z',
      entries: [{ entryNo: 1, name: '张*明', amountFen: 40_000 }],
      prevHash: '0'.repeat(64),
    });
    const hash = crypto.createHash('sha256').update(`${notice.json.prevHash}\n${notice.json.content}`).digest('hex');
    expect(notice.json.contentHash).toBe(hash);
    expect(notice.json.content).not.toContain('张晓明');

    const open = await act(s.world.admin.token, id, { action: 'approve' });
    expect([open.status, open.json.error.code]).toEqual([409, 'PUBLICITY_OPEN']);
    expect(
      (await t.call('POST', `/api/v1/public/notices/${noticeId}/objections`, { body: { content: '此人收入不符' } }))
        .status,
    ).toBe(401);
    const neighbour = await workerLogin(t);
    const objection = await t.call('POST', `/api/v1/public/notices/${noticeId}/objections`, {
      token: neighbour.token,
      body: { entryNo: 1, content: '此人家庭收入不符合困难标准' },
    });
    expect(objection.status).toBe(201);
    const noEntry = await t.call('POST', `/api/v1/public/notices/${noticeId}/objections`, {
      token: neighbour.token,
      body: { entryNo: 2, content: '没有这一条' },
    });
    expect(noEntry.status).toBe(400);

    // Past the fifth day: the notice has closed, but the objection still waits for its answer.
    clock.set(new Date('2026-03-06T16:00:00Z'));
    const late = await t.call('POST', `/api/v1/public/notices/${noticeId}/objections`, {
      token: neighbour.token,
      body: { content: '公示结束后的异议' },
    });
    expect([late.status, late.json.error.code]).toEqual([409, 'NOTICE_CLOSED']);
    expect((await t.call('GET', `/api/v1/public/notices/${noticeId}`)).json.open).toBe(false);
    const pending = await act(s.world.admin.token, id, { action: 'approve' });
    expect([pending.status, pending.json.error.code]).toEqual([409, 'OBJECTION_PENDING']);
    const queue = await t.call('GET', `/api/v1/programmes/${s.programmeId}/objections?unanswered=true`, {
      token: s.world.admin.token,
    });
    expect(queue.json.items.map((o: { id: string }) => o.id)).toEqual([objection.json.id]);
    const answered = await t.call('POST', `/api/v1/objections/${objection.json.id}/answer`, {
      token: s.world.admin.token,
      body: { answer: '经核实，申请人家庭人均收入低于标准' },
    });
    expect(answered.status).toBe(200);
    expect(answered.json.answer).toBe('经核实，申请人家庭人均收入低于标准');
    const again = await t.call('POST', `/api/v1/objections/${objection.json.id}/answer`, {
      token: s.world.admin.token,
      body: { answer: '再答一次' },
    });
    expect([again.status, again.json.error.code]).toEqual([409, 'ALREADY_ANSWERED']);
    const toldObjector = await t.call('GET', '/api/v1/me/notifications', { token: neighbour.token });
    expect(toldObjector.json.items[0]).toMatchObject({
      title: '您对公示的异议已答复',
      body: '经核实，申请人家庭人均收入低于标准',
    });

    const approved = await act(s.world.admin.token, id, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');

    const seen = await t.call('GET', `/api/v1/applications/${id}`, { token: s.member.token });
    expect(seen.json.actions).toEqual([]);
    expect(seen.json.timeline.map((e: { action: string; toState: string }) => `${e.action}→${e.toState}`)).toEqual([
      'apply→review_1',
      'review_pass→review_2',
      'review_return→returned',
      'resubmit→review_1',
      'review_pass→review_2',
      'review_pass→reviewed',
      'publicize→publicity',
      'approve→approved',
    ]);
    expect(seen.json.timeline[2].note).toBe('请补充医院诊断证明');
    const audits = await queryRows<{ action: string; details: { contentHashes?: string[] } }>(
      t.ctx.db,
      sql`select action, details from audit_log where object_id = ${id} order by seq`,
    );
    expect(audits.map((a) => a.action)).toContain('programme_application.approve');
    // The hash of each publication is in the hash-chained audit log too.
    expect(audits.find((a) => a.action === 'programme_application.publicize')?.details.contentHashes).toEqual([hash]);

    // The member was told of every step in the app's message list, the return with its reason.
    const told = await t.call('GET', '/api/v1/me/notifications', { token: s.member.token });
    const titles = told.json.items.map((n: { title: string; body: string }) => `${n.title}|${n.body}`);
    expect(titles).toContain('您的补助申请被退回，请修改后重新提交|请补充医院诊断证明');
    expect(titles).toContain('您的补助申请已审批通过|2026年劳模生活困难补助金');

    // The ledger: what the list shows, in words.
    const ledger = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applications/export.xlsx?programmeId=${s.programmeId}`,
      headers: { authorization: `Bearer ${s.world.admin.token}` },
    });
    expect(ledger.statusCode).toBe(200);
    const sheet = await readWorkbook(ledger.rawPayload);
    expect(sheet.getRow(2).values).toEqual(
      expect.arrayContaining(['2026年劳模生活困难补助金', '张晓明', 'once', 400, '已审批']),
    );
    expect(sheet.rowCount).toBe(2);

    // The second level's queue, the member's own list.
    const mine = await t.call('GET', '/api/v1/applications', { token: s.member.token });
    expect(mine.json.items.map((a: { id: string }) => a.id)).toEqual([id]);
    const byStatus = await t.call('GET', `/api/v1/applications?programmeId=${s.programmeId}&status=approved`, {
      token: s.officer.token,
    });
    expect(byStatus.json.items.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('approves without a notice when publicityDays is 0, and holds the caps and the window', async () => {
    const s = await setup({ publicityDays: 0, caps: { perApplicationFen: 100_000, perMemberPerYearFen: 150_000 } });
    const over = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.member.token,
      body: { amountFen: 100_001 },
    });
    expect([over.status, over.json.error.code, over.json.error.details]).toEqual([
      409,
      'CAP_EXCEEDED',
      { cap: 'perApplicationFen', limitFen: 100_000, leftFen: 100_000 },
    ]);
    const missing = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.member.token,
      body: {},
    });
    expect(missing.status).toBe(400);
    const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.member.token,
      body: { amountFen: 100_000 },
    });
    expect(applied.json.reviewChain).toEqual([
      { level: 1, org: { id: s.world.org.id, name: expect.any(String) }, step: null },
    ]);
    const id = applied.json.id as string;
    expect((await act(s.officer.token, id, { action: 'review_pass' })).status).toBe(403);
    expect((await act(s.world.admin.token, id, { action: 'review_pass' })).json.status).toBe('reviewed');
    const publicize = await act(s.world.admin.token, id, { action: 'publicize' });
    expect([publicize.status, publicize.json.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await act(s.world.admin.token, id, { action: 'approve' })).json.status).toBe('approved');

    // Staff apply for a member of their union; the yearly cap counts what the member already has.
    const other = await addMember(s.world, '王五');
    const forOther = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.officer.token,
      body: { memberId: other.id, amountFen: 60_000 },
    });
    expect(forOther.status).toBe(201);
    const staffWithout = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.officer.token,
      body: { amountFen: 60_000 },
    });
    expect(staffWithout.status).toBe(400);

    const monthly = await setup({ period: 'month', caps: { perMemberPerYearFen: 150_000 } });
    const first = await t.call('POST', `/api/v1/programmes/${monthly.programmeId}/applications`, {
      token: monthly.member.token,
      body: { amountFen: 100_000 },
    });
    expect(first.json.period).toBe('2026-03');
    clock.set(new Date(start.getTime() + 31 * day));
    const yearCap = await t.call('POST', `/api/v1/programmes/${monthly.programmeId}/applications`, {
      token: monthly.member.token,
      body: { amountFen: 60_000 },
    });
    expect([yearCap.status, yearCap.json.error.details]).toEqual([
      409,
      { cap: 'perMemberPerYearFen', limitFen: 150_000, leftFen: 50_000 },
    ]);
    const within = await t.call('POST', `/api/v1/programmes/${monthly.programmeId}/applications`, {
      token: monthly.member.token,
      body: { amountFen: 50_000 },
    });
    expect([within.status, within.json.period]).toEqual([201, '2026-04']);

    // Monthly and lifetime caps, at their boundaries.
    const capped = await setup({
      period: 'month',
      caps: { perMemberPerMonthFen: 100_000, perMemberLifetimeFen: 150_000 },
    });
    const applyCapped = (amountFen: number) =>
      t.call('POST', `/api/v1/programmes/${capped.programmeId}/applications`, {
        token: capped.member.token,
        body: { amountFen },
      });
    const overMonth = await applyCapped(100_001);
    expect([overMonth.status, overMonth.json.error.details]).toEqual([
      409,
      { cap: 'perMemberPerMonthFen', limitFen: 100_000, leftFen: 100_000 },
    ]);
    expect((await applyCapped(100_000)).status).toBe(201);
    clock.set(new Date(start.getTime() + 31 * day));
    const overLife = await applyCapped(50_001);
    expect([overLife.status, overLife.json.error.details]).toEqual([
      409,
      { cap: 'perMemberLifetimeFen', limitFen: 150_000, leftFen: 50_000 },
    ]);
    expect((await applyCapped(50_000)).status).toBe(201);

    clock.set(new Date('2027-01-01T00:00:00+08:00'));
    const closed = await t.call('POST', `/api/v1/programmes/${monthly.programmeId}/applications`, {
      token: monthly.member.token,
      body: { amountFen: 1 },
    });
    expect([closed.status, closed.json.error.code]).toEqual([409, 'PROGRAMME_NOT_OPEN']);
  });

  it('lets the verifier name a notice changed after publication, and a chain relinked around it', async () => {
    const s = await setup({ publicityDays: 3 });
    const ids: string[] = [];
    for (const name of ['赵一', '钱二二', '孙三']) {
      const m = name === '赵一' ? s.member : await addMember(s.world, name);
      const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
        token: m.token,
        body: { amountFen: 30_000 },
      });
      const id = applied.json.id as string;
      await act(s.world.admin.token, id, { action: 'review_pass' });
      expect((await act(s.world.admin.token, id, { action: 'publicize' })).json.status).toBe('publicity');
      ids.push(id);
    }
    const url = `/api/v1/programmes/${s.programmeId}/notices/verify`;
    expect((await t.call('GET', url, { token: s.world.admin.token })).json).toEqual({
      ok: true,
      checked: 3,
      broken: [],
    });
    const notices = (await t.call('GET', `/api/v1/programmes/${s.programmeId}/notices`, { token: s.world.admin.token }))
      .json.items as { id: string; seq: number }[];
    // The public list, newest first, a page at a time, without sign-in.
    const firstPage = await t.call('GET', `/api/v1/public/programmes/${s.programmeId}/notices?limit=2`);
    expect(firstPage.json.items.map((n: { seq: number }) => n.seq)).toEqual([3, 2]);
    const secondPage = await t.call(
      'GET',
      `/api/v1/public/programmes/${s.programmeId}/notices?limit=2&cursor=${firstPage.json.nextCursor}`,
    );
    expect([secondPage.json.items.map((n: { seq: number }) => n.seq), secondPage.json.nextCursor]).toEqual([[1], null]);
    expect(notices.map((n) => n.seq)).toEqual([1, 2, 3]);

    // Someone with database access lowers the amount of the first notice…
    await t.ctx.db.execute(
      sql`update programme_notices set content = replace(content, '"amountFen":30000', '"amountFen":3000') where id = ${notices[0]!.id}`,
    );
    const changed = await t.call('GET', url, { token: s.world.admin.token });
    expect(changed.json).toEqual({
      ok: false,
      checked: 3,
      broken: [{ noticeId: notices[0]!.id, seq: 1, problem: 'content_changed' }],
    });
    // …and, to hide it, recomputes that notice's hash: the next notice's link no longer matches.
    const [first] = await queryRows<{ prev_hash: string; content: string }>(
      t.ctx.db,
      sql`select prev_hash, content from programme_notices where id = ${notices[0]!.id}`,
    );
    const forged = crypto.createHash('sha256').update(`${first!.prev_hash}\n${first!.content}`).digest('hex');
    await t.ctx.db.execute(sql`update programme_notices set content_hash = ${forged} where id = ${notices[0]!.id}`);
    const relinked = await t.call('GET', url, { token: s.world.admin.token });
    expect(relinked.json.broken).toEqual([
      { noticeId: notices[0]!.id, seq: 1, problem: 'not_as_audited' },
      { noticeId: notices[1]!.id, seq: 2, problem: 'chain_broken' },
    ]);
    // The newest notice, rewritten with a recomputed hash, has no later link to break: the audit log still tells.
    await t.ctx.db.execute(
      sql`update programme_notices set content = replace(content, '孙*', '赵*') where id = ${notices[2]!.id}`,
    );
    const [last] = await queryRows<{ prev_hash: string; content: string }>(
      t.ctx.db,
      sql`select prev_hash, content from programme_notices where id = ${notices[2]!.id}`,
    );
    const lastForged = crypto.createHash('sha256').update(`${last!.prev_hash}\n${last!.content}`).digest('hex');
    await t.ctx.db.execute(sql`update programme_notices set content_hash = ${lastForged} where id = ${notices[2]!.id}`);
    const newest = await t.call('GET', url, { token: s.world.admin.token });
    expect(newest.json.broken).toContainEqual({ noticeId: notices[2]!.id, seq: 3, problem: 'not_as_audited' });
    // An entry pointed at another application.
    await t.ctx.db.execute(sql`update programme_notice_entries set entry_no = 2 where notice_id = ${notices[1]!.id}`);
    const entries = await t.call('GET', url, { token: s.world.admin.token });
    expect(entries.json.broken).toContainEqual({ noticeId: notices[1]!.id, seq: 2, problem: 'entries_changed' });
    // The public page shows the text as stored, with its (forged) hash: the verifier is what tells.
    expect((await t.call('GET', `/api/v1/public/notices/${notices[0]!.id}`)).json.entries[0].amountFen).toBe(3000);
  });

  it('answers 404 to members and staff outside the programme, and 403 to staff without the role', async () => {
    const s = await setup({ reviewLevels: 2 });
    const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.member.token,
      body: { amountFen: 10_000 },
    });
    const id = applied.json.id as string;
    const stranger = await setup({});
    const outsider = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: stranger.member.token,
      body: { amountFen: 10_000 },
    });
    expect(outsider.status).toBe(404);
    expect((await t.call('GET', `/api/v1/applications/${id}`, { token: stranger.member.token })).status).toBe(404);
    const notMember = await workerLogin(t);
    expect(
      (await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, { token: notMember.token, body: {} }))
        .status,
    ).toBe(404);
    const forStranger = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.world.admin.token,
      body: { memberId: stranger.member.id, amountFen: 10_000 },
    });
    expect(forStranger.status).toBe(400);
    // A programme of the grassroots union does not serve a member registered at the federation above it.
    const local = await t.call('POST', '/api/v1/programmes', {
      token: s.world.admin.token,
      body: {
        kind: 'custom',
        title: '基层互助金',
        orgId: s.world.grassroots.id,
        opensAt: '2026-01-01T00:00:00+08:00',
        closesAt: '2027-01-01T00:00:00+08:00',
      },
    });
    const above = await t.call('POST', '/api/v1/members', {
      token: s.world.admin.token,
      body: { name: '上级会员', phone: randomPhone(), orgId: s.world.org.id },
    });
    const notEligible = await t.call('POST', `/api/v1/programmes/${local.json.id}/applications`, {
      token: s.world.admin.token,
      body: { memberId: above.json.id, amountFen: 100 },
    });
    expect([notEligible.status, notEligible.json.error.details.issues[0]]).toEqual([
      400,
      expect.objectContaining({ path: 'memberId', code: 'not_eligible' }),
    ]);
    const leader = await createStaffUser(t, s.world.admin.token, s.world.grassroots.id, ['leader']);
    expect((await act(leader.token, id, { action: 'review_pass' })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/applications/${id}`, { token: leader.token })).status).toBe(200);
  });

  it('pays each approved application once: concurrent batches, the bank file, paid and failed rows, re-issue', async () => {
    const s = await setup({ publicityDays: 0 });
    const people = [
      { m: s.member, accountNo: '6222020200001111', amountFen: 100_000 },
      { m: await addMember(s.world, '周八'), accountNo: '6222020200002222', amountFen: 80_000 },
      { m: await addMember(s.world, '吴九'), accountNo: null, amountFen: 50_000 },
    ];
    const ids: string[] = [];
    for (const p of people) {
      const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
        token: p.m.token,
        body: {
          amountFen: p.amountFen,
          ...(p.accountNo ? { payee: { bank: '中国工商银行西安分行', accountNo: p.accountNo } } : {}),
        },
      });
      expect(applied.status).toBe(201);
      await act(s.world.admin.token, applied.json.id, { action: 'review_pass' });
      expect((await act(s.world.admin.token, applied.json.id, { action: 'approve' })).json.status).toBe('approved');
      ids.push(applied.json.id);
    }
    const byHand = await act(s.world.admin.token, ids[0]!, { action: 'disburse' });
    expect([byHand.status, byHand.json.error.code]).toEqual([409, 'INVALID_TRANSITION']);

    const url = `/api/v1/programmes/${s.programmeId}/disbursements`;
    const both = await Promise.all([
      t.call('POST', url, { token: s.world.admin.token }),
      t.call('POST', url, { token: s.world.admin.token }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const batch = both.find((r) => r.status === 201)!.json;
    expect(both.find((r) => r.status === 409)!.json.error.code).toBe('NOTHING_TO_DISBURSE');
    expect(batch).toMatchObject({ count: 2, totalFen: 180_000 });
    expect(batch.payments.map((p: { applicationId: string }) => p.applicationId).sort()).toEqual(
      [ids[0], ids[1]].sort(),
    );
    expect(batch.payments[0].payee.account).toMatch(/^\*{4}\d{4}$/);
    expect(JSON.stringify(batch)).not.toContain('6222020200001111');
    const rows = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from programme_payments p join programme_applications a on a.id = p.application_id where a.programme_id = ${s.programmeId}`,
    );
    expect(rows[0]!.n).toBe(2);
    // Whatever the code does, the database holds one payment per application.
    await expect(
      t.ctx.db.execute(
        sql`insert into programme_payments (batch_id, application_id, amount_fen, status, attempt) values (${batch.id}, ${ids[0]}, 1, 'pending', 1)`,
      ),
    ).rejects.toThrow();

    // The bank file has the whole account numbers; downloading it is audited.
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/disbursements/${batch.id}/bank-file.xlsx`,
      headers: { authorization: `Bearer ${s.world.admin.token}` },
    });
    expect(file.statusCode).toBe(200);
    const sheet = await readWorkbook(file.rawPayload);
    const lines = sheet.getSheetValues().slice(2) as unknown[][];
    expect(lines.map((l) => [l[2], l[4], l[5]]).sort()).toEqual([
      ['周八', '6222020200002222', 800],
      ['张晓明', '6222020200001111', 1000],
    ]);
    const downloads = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_log where object_id = ${batch.id} and action = 'disbursement.bank_file_download'`,
    );
    expect(downloads[0]!.n).toBe(1);

    const paymentOf = (applicationId: string) =>
      batch.payments.find((p: { applicationId: string }) => p.applicationId === applicationId).id as string;
    const settled = await t.call('POST', `/api/v1/disbursements/${batch.id}/results`, {
      token: s.world.admin.token,
      body: {
        items: [
          { paymentId: paymentOf(ids[0]!), status: 'paid' },
          { paymentId: paymentOf(ids[1]!), status: 'failed', reason: '账户已销户' },
        ],
      },
    });
    expect(settled.status).toBe(200);
    const twice = await t.call('POST', `/api/v1/disbursements/${batch.id}/results`, {
      token: s.world.admin.token,
      body: { items: [{ paymentId: paymentOf(ids[0]!), status: 'paid' }] },
    });
    expect([twice.status, twice.json.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(settled.json.byStatus).toEqual({
      pending: { count: 0, fen: 0 },
      paid: { count: 1, fen: 100_000 },
      failed: { count: 1, fen: 80_000 },
    });
    // The batch's rows page by page (a 100,000-row batch is not one answer), filtered by status.
    const pages = `/api/v1/disbursements/${batch.id}/payments`;
    const first = await t.call('GET', `${pages}?limit=1`, { token: s.world.admin.token });
    const second = await t.call('GET', `${pages}?limit=1&cursor=${first.json.nextCursor}`, {
      token: s.world.admin.token,
    });
    expect([...first.json.items, ...second.json.items].map((p: { id: string }) => p.id).sort()).toEqual(
      batch.payments.map((p: { id: string }) => p.id).sort(),
    );
    expect(second.json.nextCursor).toBeNull();
    const failedOnly = await t.call('GET', `${pages}?status=failed`, { token: s.world.admin.token });
    expect(failedOnly.json.items).toEqual([
      expect.objectContaining({ applicationId: ids[1], status: 'failed', failureReason: '账户已销户' }),
    ]);
    const outsider = await freshWorld(t);
    expect((await t.call('GET', pages, { token: outsider.admin.token })).status).toBe(404);
    const paid = await t.call('GET', `/api/v1/applications/${ids[0]}`, { token: s.member.token });
    expect(paid.json.status).toBe('disbursed');
    expect(paid.json.timeline.at(-1)).toMatchObject({ action: 'disburse', toState: 'disbursed' });
    const told = await t.call('GET', '/api/v1/me/notifications', { token: s.member.token });
    expect(told.json.items[0].title).toBe('补助资金已发放');
    expect(told.json.items[0].link).toBe(`/applications/${ids[0]}`); // the member app's page of the application

    const reconciliation = `/api/v1/programmes/${s.programmeId}/reconciliation`;
    expect((await t.call('GET', reconciliation, { token: s.world.admin.token })).json).toEqual({
      programmeId: s.programmeId,
      approved: 3,
      approvedFen: 230_000,
      paid: 1,
      paidFen: 100_000,
      failed: 1,
      pending: 0,
      unbatched: 1,
    });

    // The next day's batch issues the failed payment again — the same row, a second attempt — and nothing else.
    clock.set(new Date(clock.now().getTime() + 86_400_000));
    const again = await t.call('POST', url, { token: s.world.admin.token });
    expect(again.status).toBe(201);
    expect(again.json.payments).toEqual([
      expect.objectContaining({ applicationId: ids[1], status: 'pending', attempt: 2, failureReason: null }),
    ]);
    await t.call('POST', `/api/v1/disbursements/${again.json.id}/results`, {
      token: s.world.admin.token,
      body: { items: [{ paymentId: again.json.payments[0].id, status: 'paid' }] },
    });
    expect((await t.call('POST', url, { token: s.world.admin.token })).status).toBe(409);
    // The programme's batches, newest first: the failed payment moved to the second batch and was paid there.
    const listed = await t.call('GET', `${url}?limit=1`, { token: s.world.admin.token });
    expect(listed.json.items).toEqual([expect.objectContaining({ id: again.json.id, count: 1, totalFen: 80_000 })]);
    const older = await t.call('GET', `${url}?limit=1&cursor=${listed.json.nextCursor}`, {
      token: s.world.admin.token,
    });
    expect(older.json).toEqual({
      items: [
        expect.objectContaining({
          id: batch.id,
          count: 1,
          byStatus: { pending: { count: 0, fen: 0 }, paid: { count: 1, fen: 100_000 }, failed: { count: 0, fen: 0 } },
        }),
      ],
      nextCursor: null,
    });
    expect((await t.call('GET', url, { token: (await freshWorld(t)).admin.token })).status).toBe(404);
    expect((await t.call('GET', reconciliation, { token: s.world.admin.token })).json).toMatchObject({
      paid: 2,
      paidFen: 180_000,
      failed: 0,
      unbatched: 1,
    });
  });

  it('publishes one notice listing many applications; an objection to one entry holds that application only', async () => {
    const s = await setup({ publicityDays: 5 });
    const members = [s.member, await addMember(s.world, '钱多多'), await addMember(s.world, '欧阳建国')];
    const ids: string[] = [];
    for (const [i, m] of members.entries()) {
      const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
        token: m.token,
        body: { amountFen: 10_000 * (i + 1) },
      });
      ids.push(applied.json.id);
    }
    for (const id of ids.slice(0, 2)) await act(s.world.admin.token, id, { action: 'review_pass' });
    const url = `/api/v1/programmes/${s.programmeId}/notices`;
    // One of them is not reviewed yet: nothing is published.
    const early = await t.call('POST', url, { token: s.world.admin.token, body: { applicationIds: ids } });
    expect([early.status, early.json.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await t.call('GET', url, { token: s.world.admin.token })).json.items).toEqual([]);
    expect((await t.call('GET', `/api/v1/applications/${ids[0]}`, { token: s.member.token })).json.status).toBe(
      'reviewed',
    );
    const elsewhere = await setup({});
    const other = await t.call('POST', `/api/v1/programmes/${elsewhere.programmeId}/applications`, {
      token: elsewhere.member.token,
      body: { amountFen: 1 },
    });
    const foreign = await t.call('POST', url, {
      token: s.world.admin.token,
      body: { applicationIds: [ids[0], other.json.id] },
    });
    expect([foreign.status, foreign.json.error.details.issues[0].path]).toEqual([400, 'applicationIds.1']);

    await act(s.world.admin.token, ids[2]!, { action: 'review_pass' });
    const published = await t.call('POST', url, { token: s.world.admin.token, body: { applicationIds: ids } });
    expect(published.status).toBe(201);
    expect(published.json.items).toEqual([expect.objectContaining({ seq: 1, entries: 3, open: true })]);
    const noticeId = published.json.items[0].id as string;
    const notice = await t.call('GET', `/api/v1/public/notices/${noticeId}`);
    expect(notice.json.entries).toEqual([
      { entryNo: 1, name: '张*明', amountFen: 10_000 },
      { entryNo: 2, name: '钱*多', amountFen: 20_000 },
      { entryNo: 3, name: '欧**国', amountFen: 30_000 },
    ]);
    const neighbour = await workerLogin(t);
    await t.call('POST', `/api/v1/public/notices/${noticeId}/objections`, {
      token: neighbour.token,
      body: { entryNo: 2, content: '钱某家有两套住房' },
    });
    clock.set(new Date(start.getTime() + 5 * day));
    expect((await act(s.world.admin.token, ids[0]!, { action: 'approve' })).json.status).toBe('approved');
    const held = await act(s.world.admin.token, ids[1]!, { action: 'approve' });
    expect([held.status, held.json.error.code]).toEqual([409, 'OBJECTION_PENDING']);
    expect((await act(s.world.admin.token, ids[2]!, { action: 'approve' })).json.status).toBe('approved');
    expect(
      (await t.call('GET', `/api/v1/programmes/${s.programmeId}/notices/verify`, { token: s.world.admin.token })).json,
    ).toEqual({ ok: true, checked: 1, broken: [] });
  });

  it('posts the notice on every board of the review chain (unit, regional union, federation) when the rules say so', async () => {
    const s = await setup({ reviewLevels: 3, publicityDays: 5, publicityAt: 'review_chain' });
    // A second member, in a unit under a regional union under the federation.
    const region = await createOrg(t, s.world.admin.token, s.world.org.id, 'federation');
    const unit = await createOrg(t, s.world.admin.token, region.id, 'grassroots');
    const phone = randomPhone();
    await t.call('POST', '/api/v1/members', {
      token: s.world.admin.token,
      body: { name: '李建华', phone, orgId: unit.id },
    });
    const second = await workerLogin(t, phone);
    const ids: string[] = [];
    for (const token of [s.member.token, second.token]) {
      const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
        token,
        body: { amountFen: 20_000 },
      });
      expect(applied.status).toBe(201);
      ids.push(applied.json.id);
    }
    // Each level's own staff: the first member's chain is [grassroots, federation, federation].
    const unitOfficer = await createStaffUser(t, s.world.admin.token, unit.id, ['programme_officer']);
    const regionOfficer = await createStaffUser(t, s.world.admin.token, region.id, ['programme_officer']);
    for (const token of [s.officer.token, s.world.admin.token, s.world.admin.token])
      await act(token, ids[0]!, { action: 'review_pass' });
    for (const token of [unitOfficer.token, regionOfficer.token, s.world.admin.token])
      await act(token, ids[1]!, { action: 'review_pass' });
    const published = await t.call('POST', `/api/v1/programmes/${s.programmeId}/notices`, {
      token: s.world.admin.token,
      body: { applicationIds: ids },
    });
    expect(published.status).toBe(201);
    const boards = [];
    for (const n of published.json.items) {
      const notice = await t.call('GET', `/api/v1/public/notices/${n.id}`);
      boards.push([JSON.parse(notice.json.content).org.id, notice.json.entries.map((e: { name: string }) => e.name)]);
    }
    expect(boards).toEqual([
      [s.world.grassroots.id, ['张*明']],
      [unit.id, ['李*华']],
      [s.world.org.id, ['张*明', '李*华']],
      [region.id, ['李*华']],
    ]);
    // An objection on the regional board holds the second member's approval only.
    const neighbour = await workerLogin(t);
    const objected = await t.call('POST', `/api/v1/public/notices/${published.json.items[3].id}/objections`, {
      token: neighbour.token,
      body: { entryNo: 1, content: '李某已在另一项目领取' },
    });
    expect(objected.status).toBe(201);
    clock.set(new Date(start.getTime() + 5 * day));
    expect((await act(s.world.admin.token, ids[0]!, { action: 'approve' })).json.status).toBe('approved');
    expect((await act(s.world.admin.token, ids[1]!, { action: 'approve' })).json.error.code).toBe('OBJECTION_PENDING');
    expect(
      (await t.call('GET', `/api/v1/programmes/${s.programmeId}/notices/verify`, { token: s.world.admin.token })).json,
    ).toEqual({ ok: true, checked: 4, broken: [] });
  });

  it('attaches the applicant’s own documents, and lists a page of five in as many statements as a page of one', async () => {
    const s = await setup({ period: 'month' });
    const upload = (token: string) =>
      uploadFile(t, '/api/v1/legal/evidence', token, '证明.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    const mine = await upload(s.member.token);
    const someoneElses = await upload((await workerLogin(t)).token);
    const foreign = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.member.token,
      body: { amountFen: 1_000, attachmentIds: [mine.json.id, someoneElses.json.id] },
    });
    expect([foreign.status, foreign.json.error.details.issues[0].path]).toEqual([400, 'attachmentIds.1']);
    const applyInMonth = async (month: number, attachmentIds: string[]) => {
      clock.set(new Date(Date.UTC(2026, month, 2, 2)));
      const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
        token: s.member.token,
        body: { amountFen: 1_000, attachmentIds },
      });
      expect(applied.status).toBe(201);
      return applied.json;
    };
    const first = await applyInMonth(2, [mine.json.id]);
    expect(first.attachments).toEqual([mine.json.id]);
    const list = () =>
      t.call('GET', `/api/v1/applications?programmeId=${s.programmeId}`, { token: s.world.admin.token });
    let page = await list();
    const forOne = await countQueries(t.database, async () => {
      page = await list();
    });
    expect(page.json.items).toHaveLength(1);
    for (let month = 3; month < 7; month++) await applyInMonth(month, [(await upload(s.member.token)).json.id]);
    const forFive = await countQueries(t.database, async () => {
      page = await list();
    });
    expect(page.json.items).toHaveLength(5);
    expect(page.json.items.every((a: { attachments: string[] }) => a.attachments.length === 1)).toBe(true);
    expect(forOne).toBeGreaterThan(0);
    expect(forFive).toBe(forOne);
  });

  it('frees the period when an application is rejected or withdrawn, and only then', async () => {
    const s = await setup({});
    const apply = () =>
      t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
        token: s.member.token,
        body: { amountFen: 5_000 },
      });
    const first = await apply();
    const rejected = await act(s.world.admin.token, first.json.id, { action: 'review_reject', reason: '不符合条件' });
    expect(rejected.json.status).toBe('rejected');
    const second = await apply();
    expect(second.status).toBe(201);
    expect((await apply()).json.error.code).toBe('DUPLICATE_APPLICATION');
    expect((await act(s.member.token, second.json.id, { action: 'withdraw' })).json.status).toBe('withdrawn');
    const third = await apply();
    expect(third.status).toBe(201);
    // The database holds it too: a second live application for the period cannot be written.
    await expect(
      t.ctx.db.execute(
        sql`insert into programme_applications (programme_id, member_id, org_id, period, details, amount_fen, review_chain, status, status_changed_at, created_by, created_at)
            select programme_id, member_id, org_id, period, details, amount_fen, review_chain, 'review_1', now(), created_by, now()
            from programme_applications where id = ${third.json.id}`,
      ),
    ).rejects.toThrow();
  });

  it('takes back a returned application resubmitted unchanged (staff for the member, with a note only)', async () => {
    const s = await setup({});
    const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.officer.token,
      body: { memberId: s.member.id, amountFen: 5_000 },
    });
    expect(applied.status).toBe(201);
    const id = applied.json.id as string;
    const returned = await act(s.world.admin.token, id, { action: 'review_return', reason: '请补充医院诊断证明' });
    expect(returned.json.status).toBe('returned');
    // Nothing to change on the application itself (the documents were brought in person): once a 500.
    const resubmitted = await act(s.officer.token, id, { action: 'resubmit', note: '已补充医院诊断证明' });
    expect([resubmitted.status, resubmitted.json.status, resubmitted.json.amountFen]).toEqual([200, 'review_1', 5_000]);
  });

  it('chains notices published at the same moment one after the other (the programme is locked while one is written)', async () => {
    const s = await setup({ publicityDays: 2 });
    const ids: string[] = [];
    for (const name of ['甲一', '乙二', '丙三', '丁四']) {
      const m = await addMember(s.world, name);
      const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
        token: m.token,
        body: { amountFen: 1_000 },
      });
      await act(s.world.admin.token, applied.json.id, { action: 'review_pass' });
      ids.push(applied.json.id);
    }
    const results = await Promise.all(ids.map((id) => act(s.world.admin.token, id, { action: 'publicize' })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const verified = await t.call('GET', `/api/v1/programmes/${s.programmeId}/notices/verify`, {
      token: s.world.admin.token,
    });
    expect(verified.json).toEqual({ ok: true, checked: 4, broken: [] });
  });
});
