import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStaffUser,
  freshWorld,
  randomIdNumber,
  randomPhone,
  workerLogin,
  type World,
} from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook, uploadFile, waitForJob, workbook } from '../../../test/uploads.js';
import { SettableClock } from '../../kernel/clock.js';

const clock = new SettableClock();
/** 10:00 on Monday 2 March 2026 in Shanghai. */
const start = new Date('2026-03-02T02:00:00Z');

let t: TestApp;
beforeAll(async () => {
  clock.set(start);
  t = await startTestApp(
    { staffIdleMinutes: 60 * 24 * 400, staffAbsoluteHours: 24 * 400, workerIdleDays: 400, workerAbsoluteDays: 400 },
    { clock },
  );
});
afterAll(async () => {
  await t.close();
});

/** A deductible of 1,000 yuan, then 50% to 50,000 yuan, 60% to 200,000 yuan, 70% above. */
const tiers = [
  { uptoFen: 100_000, percent: 0 },
  { uptoFen: 5_000_000, percent: 50 },
  { uptoFen: 20_000_000, percent: 60 },
  { percent: 70 },
];

interface Member {
  id: string;
  token: string;
  name: string;
  phone: string;
  idNumber: string;
}

async function addMember(world: World, name: string, orgId = world.grassroots.id): Promise<Member> {
  const phone = randomPhone();
  const idNumber = randomIdNumber();
  const created = await t.call('POST', '/api/v1/members', {
    token: world.admin.token,
    body: { name, phone, idNumber, orgId },
  });
  expect(created.status).toBe(201);
  return { id: created.json.id, token: (await workerLogin(t, phone)).token, name, phone, idNumber };
}

async function setup(mutualAid: Record<string, unknown> = { tiers }) {
  clock.set(start);
  const world = await freshWorld(t);
  const member = await addMember(world, '刘新');
  const programme = await t.call('POST', '/api/v1/programmes', {
    token: world.admin.token,
    body: {
      kind: 'medical_mutual_aid',
      title: '2026年度职工医疗互助保障',
      orgId: world.org.id,
      opensAt: '2026-01-01T00:00:00+08:00',
      closesAt: '2027-01-01T00:00:00+08:00',
      rules: { publicityDays: 0, mutualAid },
    },
  });
  expect(programme.status).toBe(201);
  return { world, member, programmeId: programme.json.id as string };
}

type Setup = Awaited<ReturnType<typeof setup>>;

function enrol(s: Setup, memberId: string, token = s.world.admin.token, body: Record<string, unknown> = {}) {
  return t.call('POST', `/api/v1/programmes/${s.programmeId}/enrolments`, { token, body: { memberId, ...body } });
}

function claim(token: string, body: Record<string, unknown>, key?: string) {
  return t.call('POST', '/api/v1/mutual-aid/claims', {
    token,
    body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
}

/** A bill whose self-paid part (total − basic − major-illness) is `selfPaidFen`. */
const bill = (selfPaidFen: number, admittedOn = '2026-02-10') => ({
  totalFen: selfPaidFen + 700_000,
  basicInsuranceFen: 600_000,
  majorIllnessFen: 100_000,
  admittedOn,
  hospital: '阿拉善盟中心医院',
});

describe('medical mutual aid (医疗互助)', () => {
  it('validates the tiers when a programme is made: increasing bands, percent 0..100, only the last unbounded', async () => {
    const world = await freshWorld(t);
    const make = (rules: Record<string, unknown>) =>
      t.call('POST', '/api/v1/programmes', {
        token: world.admin.token,
        body: {
          kind: 'medical_mutual_aid',
          title: '医疗互助',
          orgId: world.org.id,
          opensAt: '2026-01-01T00:00:00+08:00',
          closesAt: '2027-01-01T00:00:00+08:00',
          rules,
        },
      });
    const paths = async (rules: Record<string, unknown>) => {
      const res = await make(rules);
      expect(res.status).toBe(400);
      return res.json.error.details.issues.map((i: { path: string }) => i.path);
    };
    expect(await paths({})).toEqual(['rules.mutualAid']);
    expect(
      await paths({
        mutualAid: {
          tiers: [
            { uptoFen: 100, percent: 10 },
            { uptoFen: 100, percent: 20 },
          ],
        },
      }),
    ).toEqual(['rules.mutualAid.tiers.1.uptoFen']);
    expect(await paths({ mutualAid: { tiers: [{ percent: 10 }, { uptoFen: 100, percent: 20 }] } })).toEqual([
      'rules.mutualAid.tiers.0.uptoFen',
    ]);
    expect(await paths({ mutualAid: { tiers: [{ percent: 101 }] } })).toEqual(['rules.mutualAid.tiers.0.percent']);
    expect(await paths({ mutualAid: { tiers: [] } })).toEqual(['rules.mutualAid.tiers']);
    const made = await make({ mutualAid: { tiers } });
    expect(made.status).toBe(201);
    expect(made.json.rules.mutualAid).toEqual({ tiers, perMemberCapFen: 50_000_000 });
  });

  it('enrols members one by one for the programme’s period, lists and exports them; 409 again, 404 outside', async () => {
    const s = await setup();
    const enrolled = await enrol(s, s.member.id);
    expect(enrolled.status).toBe(201);
    expect(enrolled.json).toMatchObject({
      programmeId: s.programmeId,
      member: { id: s.member.id, name: '刘新', phone: expect.stringContaining('****') },
      org: { id: s.world.grassroots.id },
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      source: 'manual',
    });
    const again = await enrol(s, s.member.id);
    expect([again.status, again.json.error.code]).toEqual([409, 'ENROLMENT_EXISTS']);
    const second = await addMember(s.world, '王芳');
    const officer = await createStaffUser(t, s.world.admin.token, s.world.grassroots.id, ['programme_officer']);
    // Listed newest first: the second enrolment a second later.
    clock.set(new Date(start.getTime() + 1000));
    const half = await enrol(s, second.id, officer.token, { startsOn: '2026-07-01' });
    expect([half.status, half.json.startsOn, half.json.endsOn]).toEqual([201, '2026-07-01', '2026-12-31']);
    const third = await addMember(s.world, '赵六');
    const backwards = await enrol(s, third.id, officer.token, { startsOn: '2026-07-01', endsOn: '2026-06-30' });
    expect([backwards.status, backwards.json.error.details.issues[0].path]).toEqual([400, 'endsOn']);
    const leader = await createStaffUser(t, s.world.admin.token, s.world.grassroots.id, ['leader']);
    expect((await enrol(s, third.id, leader.token)).status).toBe(403);
    const yearZero = await enrol(s, third.id, officer.token, { startsOn: '0000-01-01' });
    expect([yearZero.status, yearZero.json.error.details.issues[0].path]).toEqual([400, 'startsOn']);

    const list = await t.call('GET', `/api/v1/programmes/${s.programmeId}/enrolments?limit=1`, {
      token: officer.token,
    });
    expect(list.json.items.map((e: { member: { name: string } }) => e.member.name)).toEqual(['王芳']);
    const next = await t.call(
      'GET',
      `/api/v1/programmes/${s.programmeId}/enrolments?limit=1&cursor=${encodeURIComponent(list.json.nextCursor)}`,
      { token: officer.token },
    );
    expect(next.json.items.map((e: { member: { name: string } }) => e.member.name)).toEqual(['刘新']);
    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/v1/programmes/${s.programmeId}/enrolments/export.xlsx`,
      headers: { authorization: `Bearer ${s.world.admin.token}` },
    });
    expect(exported.statusCode).toBe(200);
    const sheet = await readWorkbook(exported.rawPayload);
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['姓名', '身份证号', '开始日期', '结束日期']));

    // Another organisation: the programme does not exist for it, nor do its members for this one.
    const other = await freshWorld(t);
    expect((await enrol(s, s.member.id, other.admin.token)).status).toBe(404);
    const stranger = await addMember(other, '外单位');
    const foreign = await enrol(s, stranger.id);
    expect([foreign.status, foreign.json.error.details.issues[0].code]).toEqual([400, 'not_in_scope']);
    for (const url of [
      `/api/v1/programmes/${s.programmeId}/enrolments`,
      `/api/v1/programmes/${s.programmeId}/enrolments/export.xlsx`,
    ])
      expect((await t.call('GET', url, { token: other.admin.token })).status).toBe(404);
  });

  it('enrols a unit’s Excel list in the background and reports every row it could not enrol', async () => {
    const s = await setup();
    const byId = await addMember(s.world, '张伟');
    const byPhone = await addMember(s.world, '李娜');
    const earlier = await addMember(s.world, '早已参保');
    expect((await enrol(s, earlier.id)).status).toBe(201);
    const misnamed = await addMember(s.world, '孙强');
    const other = await freshWorld(t);
    const outsider = await addMember(other, '外单位');
    const file = await workbook([
      ['姓名', '身份证号', '手机号', '开始日期', '结束日期'],
      [byId.name, byId.idNumber, '', '2026-01-01', '2026-12-31'],
      [byPhone.name, '', byPhone.phone, '', ''],
      [earlier.name, earlier.idNumber, '', '', ''],
      ['孙小强', misnamed.idNumber, '', '', ''],
      ['查无此人', '', randomPhone(), '', ''],
      [byId.name, byId.idNumber, '', '', ''],
      [outsider.name, outsider.idNumber, '', '', ''],
      ['日期错', misnamed.idNumber, '', '2026-13-01', ''],
      ['零年', misnamed.idNumber, '', '0000-01-01', ''],
      [],
    ]);
    const url = `/api/v1/programmes/${s.programmeId}/enrolments/imports?orgId=${s.world.grassroots.id}`;
    expect((await uploadFile(t, url, other.admin.token, 'list.xlsx', file)).status).toBe(404);
    const started = await uploadFile(t, url, s.world.admin.token, 'list.xlsx', file);
    expect(started.status).toBe(202);
    const job = await waitForJob(t, `/api/v1/mutual-aid/enrolment-imports/${started.json.id}`, s.world.admin.token);
    expect(job).toMatchObject({ status: 'succeeded', total: 9, processed: 9, succeeded: 2, failed: 7 });
    expect(
      job.errorsPreview.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]),
    ).toEqual([
      [4, 'name', 'already_enrolled'],
      [5, 'name', 'name_mismatch'],
      [6, 'phone', 'member_not_found'],
      [7, 'idNumber', 'duplicate_in_file'],
      [8, 'idNumber', 'member_not_found'],
      [9, 'startsOn', 'invalid_date'],
      [10, 'startsOn', 'invalid_date'],
    ]);
    expect(job.errorsPreview[0].column).toBe('姓名');
    const errors = await t.app.inject({
      method: 'GET',
      url: `/api/v1/mutual-aid/enrolment-imports/${started.json.id}/errors.xlsx`,
      headers: { authorization: `Bearer ${s.world.admin.token}` },
    });
    expect(errors.statusCode).toBe(200);
    expect((await readWorkbook(errors.rawPayload)).rowCount).toBe(8);
    expect(
      (await t.call('GET', `/api/v1/mutual-aid/enrolment-imports/${started.json.id}`, { token: other.admin.token }))
        .status,
    ).toBe(404);
    const list = await t.call('GET', `/api/v1/programmes/${s.programmeId}/enrolments`, { token: s.world.admin.token });
    const imported = list.json.items.filter((e: { source: string }) => e.source === started.json.id);
    expect(imported.map((e: { member: { id: string } }) => e.member.id).sort()).toEqual([byId.id, byPhone.id].sort());
    expect(imported.find((e: { member: { id: string } }) => e.member.id === byPhone.id)).toMatchObject({
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    });
    // A file without a name column fails as a whole.
    const bad = await uploadFile(t, url, s.world.admin.token, 'x.xlsx', await workbook([['手机号'], ['13800000000']]));
    const failed = await waitForJob(t, `/api/v1/mutual-aid/enrolment-imports/${bad.json.id}`, s.world.admin.token);
    expect([failed.status, failed.message]).toEqual(['failed', expect.stringContaining('姓名')]);
  });

  it('pays a claim’s self-paid part by the tiers, showing each bill and band; only enrolled members, bills in the period', async () => {
    const s = await setup();
    const staffClaim = (body: Record<string, unknown>) =>
      claim(s.world.admin.token, { memberId: s.member.id, programmeId: s.programmeId, ...body });
    const notYet = await staffClaim({ bills: [bill(300_000)] });
    expect([notYet.status, notYet.json.error.code]).toEqual([409, 'NOT_ENROLLED']);
    expect((await enrol(s, s.member.id, s.world.admin.token, { startsOn: '2026-02-01' })).status).toBe(201);

    const outside = await staffClaim({ bills: [bill(300_000, '2026-01-31')] });
    expect([outside.status, outside.json.error.details.issues[0]]).toEqual([
      400,
      expect.objectContaining({ path: 'bills.0.admittedOn', code: 'outside_enrolment' }),
    ]);
    const overInsured = await staffClaim({
      bills: [{ totalFen: 100, basicInsuranceFen: 80, majorIllnessFen: 21, admittedOn: '2026-02-10' }],
    });
    expect([overInsured.status, overInsured.json.error.details.issues[0].code]).toEqual([400, 'insured_exceeds_total']);
    const deductible = await staffClaim({ bills: [bill(100_000)] });
    expect([deductible.status, deductible.json.error.details.issues[0].code]).toEqual([400, 'nothing_reimbursable']);

    const paid = await staffClaim({
      bills: [bill(300_000), bill(6_000_000, '2026-02-20')],
      payee: { bank: '建设银行', accountNo: '6217000011112222' },
    });
    expect(paid.status).toBe(201);
    expect(paid.json.computation).toEqual({
      bills: [
        {
          index: 0,
          totalFen: 1_000_000,
          basicInsuranceFen: 600_000,
          majorIllnessFen: 100_000,
          selfPaidFen: 300_000,
          tiers: [
            { fromFen: 0, uptoFen: 100_000, percent: 0, baseFen: 100_000, paidFen: 0 },
            { fromFen: 100_000, uptoFen: 5_000_000, percent: 50, baseFen: 200_000, paidFen: 100_000 },
            { fromFen: 5_000_000, uptoFen: 20_000_000, percent: 60, baseFen: 0, paidFen: 0 },
            { fromFen: 20_000_000, uptoFen: null, percent: 70, baseFen: 0, paidFen: 0 },
          ],
          computedFen: 100_000,
        },
        {
          index: 1,
          totalFen: 6_700_000,
          basicInsuranceFen: 600_000,
          majorIllnessFen: 100_000,
          selfPaidFen: 6_000_000,
          tiers: [
            { fromFen: 0, uptoFen: 100_000, percent: 0, baseFen: 100_000, paidFen: 0 },
            { fromFen: 100_000, uptoFen: 5_000_000, percent: 50, baseFen: 4_900_000, paidFen: 2_450_000 },
            { fromFen: 5_000_000, uptoFen: 20_000_000, percent: 60, baseFen: 1_000_000, paidFen: 600_000 },
            { fromFen: 20_000_000, uptoFen: null, percent: 70, baseFen: 0, paidFen: 0 },
          ],
          computedFen: 3_050_000,
        },
      ],
      computedFen: 3_150_000,
      cap: { limitFen: 50_000_000, usedBeforeFen: 0, leftBeforeFen: 50_000_000 },
      amountFen: 3_150_000,
      capped: false,
    });
    expect(paid.json.application).toMatchObject({
      amountFen: 3_150_000,
      period: 'claim-1',
      status: 'review_1',
      programme: { id: s.programmeId, kind: 'medical_mutual_aid' },
      member: { id: s.member.id },
      details: { computation: { amountFen: 3_150_000 } },
    });

    // The claim is an application: reviewed, approved, paid once through a disbursement batch.
    const id = paid.json.application.id as string;
    for (const action of ['review_pass', 'approve'])
      expect(
        (await t.call('POST', `/api/v1/applications/${id}/actions`, { token: s.world.admin.token, body: { action } }))
          .status,
      ).toBe(200);
    const batch = await t.call('POST', `/api/v1/programmes/${s.programmeId}/disbursements`, {
      token: s.world.admin.token,
    });
    expect(batch.json.payments).toEqual([expect.objectContaining({ applicationId: id, amountFen: 3_150_000 })]);

    // The member files their own (the programme found from the enrolment); not for someone else.
    const own = await claim(s.member.token, { bills: [bill(300_000, '2026-02-25')] }, 'own-1');
    expect([own.status, own.json.application.period, own.json.computation.cap.usedBeforeFen]).toEqual([
      201,
      'claim-2',
      3_150_000,
    ]);
    const retried = await claim(s.member.token, { bills: [bill(300_000, '2026-02-25')] }, 'own-1');
    expect(retried.json.application.id).toBe(own.json.application.id);
    const mine = await t.call('GET', '/api/v1/me/mutual-aid', { token: s.member.token });
    expect(mine.json.items).toEqual([
      {
        programme: { id: s.programmeId, title: '2026年度职工医疗互助保障' },
        startsOn: '2026-02-01',
        endsOn: '2026-12-31',
        capFen: 50_000_000,
        usedFen: 3_250_000,
        leftFen: 46_750_000,
      },
    ]);
    const other = await addMember(s.world, '他人');
    const forOther = await claim(s.member.token, { memberId: other.id, bills: [bill(300_000)] });
    expect([forOther.status, forOther.json.error.details.issues[0].code]).toEqual([400, 'staff_only']);
    expect((await claim(other.token, { bills: [bill(300_000)] })).json.error.code).toBe('NOT_ENROLLED');
    // A returned claim cannot be resubmitted with an amount of the member's own.
    await t.call('POST', `/api/v1/applications/${own.json.application.id}/actions`, {
      token: s.world.admin.token,
      body: { action: 'review_return', reason: '发票不清晰' },
    });
    const resubmit = await t.call('POST', `/api/v1/applications/${own.json.application.id}/actions`, {
      token: s.member.token,
      body: { action: 'resubmit', amountFen: 9_999_999 },
    });
    expect([resubmit.status, resubmit.json.error.details.issues[0].code]).toEqual([400, 'computed_amount']);
    const newBills = await t.call('POST', `/api/v1/applications/${own.json.application.id}/actions`, {
      token: s.member.token,
      body: { action: 'resubmit', details: { bills: [] } },
    });
    expect([newBills.status, newBills.json.error.details.issues[0].path]).toEqual([400, 'details']);
    // The engine's own application route does not take mutual-aid claims.
    const generic = await t.call('POST', `/api/v1/programmes/${s.programmeId}/applications`, {
      token: s.member.token,
      body: { amountFen: 100 },
    });
    expect([generic.status, generic.json.error.details.issues[0].code]).toEqual([400, 'use_mutual_aid_claims']);

    // Another organisation's staff: the member and the programme do not exist for them; a leader may not claim.
    const outsider = await freshWorld(t);
    expect((await claim(outsider.admin.token, { memberId: s.member.id, bills: [bill(300_000)] })).status).toBe(404);
    expect(
      (await claim(outsider.admin.token, { programmeId: s.programmeId, memberId: s.member.id, bills: [bill(300_000)] }))
        .status,
    ).toBe(404);
    const leader = await createStaffUser(t, s.world.admin.token, s.world.grassroots.id, ['leader']);
    expect((await claim(leader.token, { memberId: s.member.id, bills: [bill(300_000)] })).status).toBe(403);
  });

  it('pays a claim beyond the 50,000,000 fen cap what is left, refuses one when nothing is left, and a rejected claim frees its part', async () => {
    const s = await setup();
    expect((await enrol(s, s.member.id)).status).toBe(201);
    const first = await claim(s.world.admin.token, { memberId: s.member.id, bills: [bill(300_000)] });
    expect(first.json.application.amountFen).toBe(100_000);
    // Seed 004: 1.82 million yuan in hospital, nearly 1 million self-paid after insurance.
    const big = await claim(s.world.admin.token, {
      memberId: s.member.id,
      bills: [
        { totalFen: 182_000_000, basicInsuranceFen: 62_000_000, majorIllnessFen: 20_000_000, admittedOn: '2026-02-15' },
      ],
    });
    expect(big.status).toBe(201);
    expect(big.json.computation).toMatchObject({
      computedFen: 2_450_000 + 9_000_000 + 56_000_000,
      cap: { limitFen: 50_000_000, usedBeforeFen: 100_000, leftBeforeFen: 49_900_000 },
      amountFen: 49_900_000,
      capped: true,
    });
    const none = await claim(s.world.admin.token, { memberId: s.member.id, bills: [bill(300_000)] });
    expect([none.status, none.json.error.code, none.json.error.details]).toEqual([
      409,
      'CAP_EXCEEDED',
      { cap: 'perMemberCapFen', limitFen: 50_000_000, leftFen: 0 },
    ]);
    await t.call('POST', `/api/v1/applications/${first.json.application.id}/actions`, {
      token: s.world.admin.token,
      body: { action: 'review_reject', reason: '重复报销' },
    });
    const after = await claim(s.world.admin.token, { memberId: s.member.id, bills: [bill(6_000_000)] });
    expect([after.status, after.json.computation.amountFen, after.json.computation.capped]).toEqual([
      201,
      100_000,
      true,
    ]);
    expect(after.json.application.period).toBe('claim-3');
  });

  it('never pays concurrent claims past the cap together', async () => {
    const s = await setup({ tiers: [{ percent: 100 }], perMemberCapFen: 1_000_000 });
    expect((await enrol(s, s.member.id)).status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => claim(s.world.admin.token, { memberId: s.member.id, bills: [bill(300_000)] })),
    );
    const made = answers.filter((a) => a.status === 201);
    expect(made).toHaveLength(4);
    expect(made.map((a) => a.json.computation.amountFen).sort((a, b) => a - b)).toEqual([
      100_000, 300_000, 300_000, 300_000,
    ]);
    expect(answers.find((a) => a.status !== 201)!.json.error.code).toBe('CAP_EXCEEDED');
    expect(new Set(made.map((a) => a.json.application.period)).size).toBe(4);
  });
});
