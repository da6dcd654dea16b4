import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createStaffUser,
  freshWorld,
  randomPhone,
  workerLogin,
  type StaffUser,
  type World,
} from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { SettableClock } from '../../kernel/clock.js';

const clock = new SettableClock();
/** 10:00 on Friday 31 July 2026 in Shanghai. */
const endOfJuly = new Date('2026-07-31T02:00:00Z');

let t: TestApp;
beforeAll(async () => {
  clock.set(endOfJuly);
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
  /** The employing unit (用工单位), an org of the programme's subtree, and its programme officer. */
  employer: { id: string };
  employerOfficer: StaffUser;
  member: { id: string; token: string };
  programmeId: string;
}

async function addMember(world: World, name: string) {
  const phone = randomPhone();
  const created = await t.call('POST', '/api/v1/members', {
    token: world.admin.token,
    body: { name, phone, orgId: world.grassroots.id },
  });
  expect(created.status).toBe(201);
  return { id: created.json.id as string, token: (await workerLogin(t, phone)).token };
}

async function setup(): Promise<Setup> {
  clock.set(endOfJuly);
  const world = await freshWorld(t);
  const employer = await createOrg(t, world.admin.token, world.org.id, 'grassroots');
  const employerOfficer = await createStaffUser(t, world.admin.token, employer.id, ['programme_officer']);
  const member = await addMember(world, '陈同学家长');
  const programme = await t.call('POST', '/api/v1/programmes', {
    token: world.admin.token,
    body: {
      kind: 'work_study',
      title: '2026年工会勤工俭学',
      orgId: world.org.id,
      opensAt: '2026-01-01T00:00:00+08:00',
      closesAt: '2027-01-01T00:00:00+08:00',
      rules: { publicityDays: 0 },
    },
  });
  expect(programme.status).toBe(201);
  return { world, employer, employerOfficer, member, programmeId: programme.json.id };
}

const placement = (employerOrgId: string) => ({
  jobType: 'social_practice',
  employerOrgId,
  post: '档案整理助理',
  student: { name: '陈小敏', school: '武汉大学' },
});

/** A placement applied for by the federation's admin for the member, reviewed and approved. */
async function approvedPlacement(s: Setup, memberId = s.member.id): Promise<string> {
  const applied = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
    token: s.world.admin.token,
    body: {
      memberId,
      details: placement(s.employer.id),
      payee: { bank: '工商银行', accountNo: '6222020200009999' },
    },
  });
  expect(applied.status).toBe(201);
  for (const action of ['review_pass', 'approve'])
    expect(
      (
        await t.call('POST', `/api/v1/applications/${applied.json.id}/actions`, {
          token: s.world.admin.token,
          body: { action },
        })
      ).status,
    ).toBe(200);
  return applied.json.id as string;
}

function post(token: string, id: string, body: Record<string, unknown>, key?: string) {
  return t.call('POST', `/api/v1/work-study/${id}/work-days`, {
    token,
    body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
}

const july = (day: number) => `2026-07-${String(day).padStart(2, '0')}`;

describe('work-study (勤工俭学) placements and work days', () => {
  it('takes a placement with its job type, employing unit and student; the amount is computed, not given', async () => {
    const s = await setup();
    const apply = (body: Record<string, unknown>) =>
      t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
        token: s.world.admin.token,
        body: { memberId: s.member.id, ...body },
      });
    const withAmount = await apply({ amountFen: 100, details: placement(s.employer.id) });
    expect([withAmount.status, withAmount.json.error.details.issues[0]]).toEqual([
      400,
      expect.objectContaining({ path: 'amountFen', code: 'computed_amount' }),
    ]);
    const noType = await apply({ details: { ...placement(s.employer.id), jobType: 'cleaning' } });
    expect([noType.status, noType.json.error.details.issues[0].path]).toEqual([400, 'details.jobType']);
    const elsewhere = await freshWorld(t);
    const foreignEmployer = await apply({ details: placement(elsewhere.org.id) });
    expect([foreignEmployer.status, foreignEmployer.json.error.details.issues[0]]).toEqual([
      400,
      expect.objectContaining({ path: 'details.employerOrgId', code: 'not_in_scope' }),
    ]);
    const applied = await apply({ details: placement(s.employer.id) });
    expect(applied.status).toBe(201);
    expect(applied.json).toMatchObject({
      amountFen: 0,
      status: 'review_1',
      details: { jobType: 'social_practice', employerOrgId: s.employer.id, student: { name: '陈小敏' } },
    });
    expect(applied.json.details.employerName).toEqual(expect.any(String));
    // Only an approved placement takes work days.
    const early = await post(s.employerOfficer.token, applied.json.id, { date: july(1), payFen: 100 });
    expect([early.status, early.json.error.code, early.json.error.details.reason]).toEqual([
      409,
      'INVALID_TRANSITION',
      'placement_not_approved',
    ]);
    // A returned placement cannot be resubmitted with an amount of the applicant's.
    await t.call('POST', `/api/v1/applications/${applied.json.id}/actions`, {
      token: s.world.admin.token,
      body: { action: 'review_return', reason: '请补充学生证' },
    });
    const resubmitted = await t.call('POST', `/api/v1/applications/${applied.json.id}/actions`, {
      token: s.world.admin.token,
      body: { action: 'resubmit', amountFen: 300_000 },
    });
    expect([resubmitted.status, resubmitted.json.error.details.issues[0].code]).toEqual([400, 'computed_amount']);
    // Its details may be corrected, checked as a new placement's.
    const badFix = await t.call('POST', `/api/v1/applications/${applied.json.id}/actions`, {
      token: s.world.admin.token,
      body: { action: 'resubmit', details: { ...placement(s.employer.id), jobType: 'cleaning' } },
    });
    expect([badFix.status, badFix.json.error.details.issues[0].path]).toEqual([400, 'details.jobType']);
    const fixed = await t.call('POST', `/api/v1/applications/${applied.json.id}/actions`, {
      token: s.world.admin.token,
      body: { action: 'resubmit', details: { ...placement(s.employer.id), jobType: 'internship' } },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.json).toMatchObject({
      status: 'review_1',
      amountFen: 0,
      details: { jobType: 'internship', employerName: applied.json.details.employerName },
    });
  });

  it('holds 15,000 fen a day and 300,000 fen a month per student at their boundaries, and lists the month totals', async () => {
    const s = await setup();
    const id = await approvedPlacement(s);
    const officer = s.employerOfficer.token;

    const overDay = await post(officer, id, { date: july(1), payFen: 15_001 });
    expect([overDay.status, overDay.json.error.code, overDay.json.error.details]).toEqual([
      409,
      'CAP_EXCEEDED',
      { cap: 'perDayFen', limitFen: 15_000, leftFen: 15_000, date: july(1) },
    ]);
    const fullDay = await post(officer, id, { date: july(1), payFen: 15_000, note: '整理档案' });
    expect(fullDay.status).toBe(201);
    expect(fullDay.json).toMatchObject({
      date: july(1),
      payFen: 15_000,
      day: { totalFen: 15_000, limitFen: 15_000, leftFen: 0 },
      month: { month: '2026-07', totalFen: 15_000, leftFen: 285_000 },
      applicationAmountFen: 15_000,
    });
    // A second entry for the same day counts with the first.
    expect((await post(officer, id, { date: july(2), payFen: 10_000 })).status).toBe(201);
    const secondOver = await post(officer, id, { date: july(2), payFen: 5_001 });
    expect([secondOver.status, secondOver.json.error.details]).toEqual([
      409,
      { cap: 'perDayFen', limitFen: 15_000, leftFen: 5_000, date: july(2) },
    ]);
    expect((await post(officer, id, { date: july(2), payFen: 5_000 })).status).toBe(201);
    for (let day = 3; day <= 19; day++)
      expect((await post(officer, id, { date: july(day), payFen: 15_000 })).status).toBe(201);
    // 285,000 so far: 14,999 more, then the month has 1 fen left — a day's room does not lift the month's cap.
    expect((await post(officer, id, { date: july(20), payFen: 14_999 })).status).toBe(201);
    const overMonth = await post(officer, id, { date: july(21), payFen: 2 });
    expect([overMonth.status, overMonth.json.error.details]).toEqual([
      409,
      { cap: 'perMonthFen', limitFen: 300_000, leftFen: 1, month: '2026-07' },
    ]);
    const exactly = await post(officer, id, { date: july(21), payFen: 1 });
    expect([exactly.status, exactly.json.month]).toEqual([
      201,
      { month: '2026-07', totalFen: 300_000, limitFen: 300_000, leftFen: 0 },
    ]);
    const oneMore = await post(officer, id, { date: july(22), payFen: 1 });
    expect([oneMore.status, oneMore.json.error.details]).toEqual([
      409,
      { cap: 'perMonthFen', limitFen: 300_000, leftFen: 0, month: '2026-07' },
    ]);
    // Not a day still to come; a new month starts at zero.
    const yearZero = await post(officer, id, { date: '0000-01-01', payFen: 100 });
    expect([yearZero.status, yearZero.json.error.details.issues[0].path]).toEqual([400, 'date']);
    const future = await post(officer, id, { date: '2026-08-01', payFen: 100 });
    expect([future.status, future.json.error.details.issues[0].code]).toEqual([400, 'future_date']);
    clock.set(new Date('2026-08-03T02:00:00Z'));
    expect((await post(officer, id, { date: '2026-08-01', payFen: 15_000 })).status).toBe(201);

    const listed = await t.call('GET', `/api/v1/work-study/${id}/work-days`, { token: s.member.token });
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({
      applicationId: id,
      status: 'approved',
      amountFen: 315_000,
      caps: { perDayFen: 15_000, perMonthFen: 300_000 },
      months: [
        { month: '2026-07', totalFen: 300_000, limitFen: 300_000, leftFen: 0 },
        { month: '2026-08', totalFen: 15_000, limitFen: 300_000, leftFen: 285_000 },
      ],
    });
    expect(listed.json.items).toHaveLength(23);
    expect(listed.json.items[0]).toMatchObject({ date: july(1), payFen: 15_000, note: '整理档案' });
    const application = await t.call('GET', `/api/v1/applications/${id}`, { token: s.world.admin.token });
    expect(application.json.amountFen).toBe(315_000);
  });

  it('lets the employing unit’s officers and the programme’s record; 403 to the member and other roles, 404 outside', async () => {
    const s = await setup();
    const id = await approvedPlacement(s);
    const day = { date: july(6), payFen: 100 };
    // The programme's organisation (the federation's admin) and the employing unit's officer record days.
    expect((await post(s.world.admin.token, id, day)).status).toBe(201);
    expect((await post(s.employerOfficer.token, id, day)).status).toBe(201);
    // The member reads their placement's days but records none; nor does the employing unit's leader, nor the
    // member's own union's officer (it sees the application, but neither employs nor runs the programme).
    expect((await post(s.member.token, id, day)).status).toBe(403);
    expect((await t.call('GET', `/api/v1/work-study/${id}/work-days`, { token: s.member.token })).status).toBe(200);
    const leader = await createStaffUser(t, s.world.admin.token, s.employer.id, ['leader']);
    expect((await post(leader.token, id, day)).status).toBe(403);
    expect((await t.call('GET', `/api/v1/work-study/${id}/work-days`, { token: leader.token })).status).toBe(200);
    const unionOfficer = await createStaffUser(t, s.world.admin.token, s.world.grassroots.id, ['programme_officer']);
    expect((await post(unionOfficer.token, id, day)).status).toBe(403);
    // Another organisation's staff and members, and another member of the same union: 404.
    const other = await freshWorld(t);
    expect((await post(other.admin.token, id, day)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/work-study/${id}/work-days`, { token: other.admin.token })).status).toBe(404);
    const neighbour = await addMember(s.world, '邻居');
    expect((await t.call('GET', `/api/v1/work-study/${id}/work-days`, { token: neighbour.token })).status).toBe(404);
    // An application of another kind has no work days.
    const custom = await t.call('POST', '/api/v1/programmes', {
      token: s.world.admin.token,
      body: {
        kind: 'custom',
        title: '其他补助',
        orgId: s.world.org.id,
        opensAt: '2026-01-01T00:00:00+08:00',
        closesAt: '2027-01-01T00:00:00+08:00',
      },
    });
    const other_app = await t.call('POST', `/api/v1/programmes/${custom.json.id}/applications`, {
      token: s.world.admin.token,
      body: { memberId: s.member.id, amountFen: 100 },
    });
    expect((await post(s.world.admin.token, other_app.json.id, day)).status).toBe(404);
    // A phone retrying with the same key records the day once.
    const first = await post(s.employerOfficer.token, id, { date: july(7), payFen: 500 }, 'day-7');
    const again = await post(s.employerOfficer.token, id, { date: july(7), payFen: 500 }, 'day-7');
    expect([again.status, again.json.id]).toEqual([201, first.json.id]);
    const listed = await t.call('GET', `/api/v1/work-study/${id}/work-days`, { token: s.world.admin.token });
    expect(listed.json.amountFen).toBe(700);
  });

  it('pays the sum of the work days in one payment; a placement in a batch takes no more days, one without days waits', async () => {
    const s = await setup();
    const id = await approvedPlacement(s);
    const idle = await approvedPlacement(s, (await addMember(s.world, '没上岗')).id);
    expect((await post(s.employerOfficer.token, id, { date: july(1), payFen: 12_000 })).status).toBe(201);
    expect((await post(s.employerOfficer.token, id, { date: july(2), payFen: 8_000 })).status).toBe(201);
    const batch = await t.call('POST', `/api/v1/programmes/${s.programmeId}/disbursements`, {
      token: s.world.admin.token,
    });
    expect(batch.status).toBe(201);
    expect(batch.json.payments).toEqual([expect.objectContaining({ applicationId: id, amountFen: 20_000 })]);
    expect(batch.json.payments.map((p: { applicationId: string }) => p.applicationId)).not.toContain(idle);
    const late = await post(s.employerOfficer.token, id, { date: july(3), payFen: 100 });
    expect([late.status, late.json.error.details.reason]).toEqual([409, 'in_disbursement']);
    // The idle placement's first day makes it payable in the next batch.
    expect((await post(s.employerOfficer.token, idle, { date: july(3), payFen: 100 })).status).toBe(201);
    const next = await t.call('POST', `/api/v1/programmes/${s.programmeId}/disbursements`, {
      token: s.world.admin.token,
    });
    expect(next.json.payments).toEqual([expect.objectContaining({ applicationId: idle, amountFen: 100 })]);
  });

  it('pays what was recorded when a batch and work days race: each payment equals its placement’s final amount', async () => {
    const s = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await approvedPlacement(s, i === 0 ? s.member.id : (await addMember(s.world, `学生家长${i}`)).id);
      expect((await post(s.employerOfficer.token, id, { date: july(1), payFen: 10_000 })).status).toBe(201);
      ids.push(id);
    }
    const [batch, ...days] = await Promise.all([
      t.call('POST', `/api/v1/programmes/${s.programmeId}/disbursements`, { token: s.world.admin.token }),
      ...ids.map((id) => post(s.employerOfficer.token, id, { date: july(2), payFen: 5_000 })),
    ]);
    expect(batch!.status).toBe(201);
    const paid = new Map<string, number>(
      batch!.json.payments.map((p: { applicationId: string; amountFen: number }) => [p.applicationId, p.amountFen]),
    );
    for (const [i, id] of ids.entries()) {
      const day = days[i]!;
      // Recorded before the batch took the placement: paid with it; after: refused, never left unpaid.
      expect([201, 409]).toContain(day.status);
      expect(paid.get(id)).toBe(day.status === 201 ? 15_000 : 10_000);
      const application = await t.call('GET', `/api/v1/applications/${id}`, { token: s.world.admin.token });
      expect(application.json.amountFen).toBe(paid.get(id));
    }
  });

  it('never passes the month cap with concurrent posts, nor the day cap with two posts for one day', async () => {
    const s = await setup();
    const id = await approvedPlacement(s);
    const answers = await Promise.all(
      Array.from({ length: 22 }, (_, i) => post(s.employerOfficer.token, id, { date: july(i + 1), payFen: 15_000 })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(20);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.json.error.code, a.json.error.details.cap])).toEqual([
      [409, 'CAP_EXCEEDED', 'perMonthFen'],
      [409, 'CAP_EXCEEDED', 'perMonthFen'],
    ]);
    const listed = await t.call('GET', `/api/v1/work-study/${id}/work-days`, { token: s.world.admin.token });
    expect([listed.json.amountFen, listed.json.months]).toEqual([
      300_000,
      [{ month: '2026-07', totalFen: 300_000, limitFen: 300_000, leftFen: 0 }],
    ]);

    const other = await setup();
    const otherId = await approvedPlacement(other);
    const sameDay = await Promise.all(
      [1, 2].map(() => post(other.employerOfficer.token, otherId, { date: july(30), payFen: 10_000 })),
    );
    expect(sameDay.map((a) => a.status).sort()).toEqual([201, 409]);
  });
});
