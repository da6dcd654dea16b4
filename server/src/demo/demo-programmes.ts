import { eq, inArray } from 'drizzle-orm';
import { staffRoles, type StaffPrincipal, type StaffRole, type WorkerPrincipal } from '../kernel/auth.js';
import type { AppContext } from '../kernel/context.js';
import { staff, workerAccounts } from '../kernel/db/kernel.tables.js';
import type { OrgNode } from '../kernel/org-tree.js';
import { members } from '../modules/members/index.js';
import {
  actOnApplication,
  applyToProgramme,
  checkModelWorker,
  createModelWorker,
  updateModelWorker,
  createDisbursement,
  createProgramme,
  enrolMember,
  fileClaim,
  objectToNotice,
  recordWorkDay,
  signUp,
  publishProgrammeNotice,
  settleDisbursement,
} from '../modules/programmes/index.js';

/**
 * Xi'an's benefit programmes (补助项目) with applications in every state, made through the module's own use cases —
 * so each has its real timeline, audit records, notices with their hash chain and payments — not written into tables.
 */
export async function loadDemoProgrammes(
  ctx: AppContext,
  city: { city: OrgNode; grassroots: OrgNode[] },
): Promise<void> {
  const staffOf = async (username: string): Promise<StaffPrincipal> => {
    const [row] = await ctx.db.select().from(staff).where(eq(staff.username, username));
    if (!row) throw new Error(`demo staff ${username} missing`);
    const org = [city.city, ...city.grassroots].find((o) => o.id === row.orgId);
    if (!org) throw new Error(`demo staff ${username}: org not loaded`);
    return {
      kind: 'staff',
      staffId: row.id,
      username,
      orgId: row.orgId,
      orgPath: org.path,
      roles: row.roles.filter((r): r is StaffRole => (staffRoles as readonly string[]).includes(r)),
    };
  };
  const officer = await staffOf('xian_programmes');
  const courierUnion = city.grassroots.find((g) => g.name === '莲湖区快递物流行业工会')!;
  const unionOfficer = await staffOf('g_courier_programmes');
  const memberRows = await ctx.db
    .select({ id: members.id, orgId: members.orgId, name: members.name, occupation: members.occupation })
    .from(members)
    .where(inArray(members.orgId, [courierUnion.id, ...city.grassroots.map((g) => g.id)]))
    .orderBy(members.createdAt, members.id);
  const couriers = memberRows.filter((m) => m.orgId === courierUnion.id);
  const others = memberRows.filter((m) => m.orgId !== courierUnion.id);
  // 金秋助学 serves the children of platform workers (快递, 外卖, 网约车…) among others.
  const platformWorkers = others.filter((m) => /快递|外卖|骑手|网约车|货车|家政/.test(m.occupation ?? ''));
  const now = ctx.clock.now();
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
  const window = { opensAt: `${year}-01-01T00:00:00+08:00`, closesAt: `${year + 1}-01-01T00:00:00+08:00` };
  let n = 0;
  const payee = () => ({ bank: '中国工商银行西安分行', accountNo: `62220202${String(10_000_000 + ++n)}` });
  const apply = async (programmeId: string, memberId: string, body: Record<string, unknown> = {}) =>
    (await applyToProgramme(ctx, officer, programmeId, { memberId, payee: payee(), ...body }, undefined)).id;
  const act = (who: StaffPrincipal, id: string, body: Parameters<typeof actOnApplication>[3]) =>
    actOnApplication(ctx, who, id, body, undefined);

  // 劳模名册: the couriers who apply to the fund are model workers checked this year; one more died, one is unchecked.
  const titles = ['全国劳动模范', '陕西省劳动模范', '西安市劳动模范'] as const;
  const levels = ['national', 'provincial', 'municipal'] as const;
  const register: string[] = [];
  for (const [i, m] of couriers.slice(0, 10).entries()) {
    const entry = await createModelWorker(ctx, officer, {
      memberId: m.id,
      honourLevel: levels[i % 3]!,
      title: titles[i % 3]!,
      awardedYear: 2005 + i,
    });
    register.push(entry.id);
    if (i < 8) await checkModelWorker(ctx, officer, entry.id, { year, outcome: 'confirmed' });
  }
  await updateModelWorker(ctx, officer, register[9]!, {
    status: 'deceased',
    statusDate: `${year}-03-12`,
  });

  // 劳模生活困难补助金: two review levels (the courier union, then the city), a five-day notice open now with an objection.
  const fund = await createProgramme(ctx, officer, {
    kind: 'model_worker_fund',
    title: `${year}年劳模生活困难补助金`,
    orgId: city.city.id,
    ...window,
    rules: {
      reviewLevels: 2,
      publicityDays: 5,
      publicityAt: 'programme',
      period: 'year',
      standardAmountFen: 300_000,
      caps: {},
      reviewStepNames: ['基层工会初审', '市总工会主席办公会'],
      modelWorkerFund: { fund: 'living_hardship', requireYearlyCheck: true },
    },
  });
  const fundIds: string[] = [];
  for (const m of couriers.slice(0, 8)) fundIds.push(await apply(fund.id, m.id));
  const [waiting, atCity, returned, rejected, onNotice1, onNotice2, reviewed, withdrawn] = fundIds as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  void waiting; // review_1: the courier union has not looked at it yet
  await act(unionOfficer, atCity, { action: 'review_pass' });
  await act(unionOfficer, returned, { action: 'review_return', reason: '请补充低保证明或收入证明材料' });
  await act(unionOfficer, rejected, { action: 'review_reject', reason: '家庭人均收入高于本年度补助标准' });
  for (const id of [onNotice1, onNotice2]) {
    await act(unionOfficer, id, { action: 'review_pass' });
    await act(officer, id, { action: 'review_pass' });
  }
  await act(unionOfficer, reviewed, { action: 'review_pass' });
  await act(officer, reviewed, { action: 'review_pass' }); // reviewed: the next notice will list it
  await actOnApplication(
    ctx,
    await demoWorker(ctx, couriers[7]!, courierUnion.path),
    withdrawn,
    { action: 'withdraw' },
    undefined,
  );
  const notice = await publishProgrammeNotice(ctx, officer, fund.id, { applicationIds: [onNotice1, onNotice2] });
  const objector = await demoWorker(ctx, others[0]!);
  await objectToNotice(
    ctx,
    objector,
    notice.items[0]!.id,
    { entryNo: 2, content: '据了解该职工家中有营运车辆，收入情况与公示不符，请核实。' },
    undefined,
  );

  // 金秋助学: one review level, no notice (publicityDays 0), so approval, a paid batch and a failed payment exist.
  const studentAid = await createProgramme(ctx, officer, {
    kind: 'student_aid',
    title: `${year}年金秋助学`,
    orgId: city.city.id,
    ...window,
    rules: {
      reviewLevels: 1,
      publicityDays: 0,
      publicityAt: 'programme',
      period: 'year',
      caps: {},
      studentAid: { groups: ['model_worker_child', 'platform_worker_child'] },
    },
  });
  const students = [
    { studentName: '王子涵', school: '西北大学', enrolment: 'admitted', grade: '大一' },
    { studentName: '李佳怡', school: '西安交通大学', enrolment: 'admitted', grade: '大一' },
    { studentName: '张浩然', school: '陕西师范大学', enrolment: 'enrolled', grade: '大二' },
    { studentName: '刘雨桐', school: '长安大学', enrolment: 'admitted', grade: '大一' },
    { studentName: '陈思远', school: '西安电子科技大学', enrolment: 'enrolled', grade: '大三' },
  ];
  const aidIds: string[] = [];
  for (const [i, m] of platformWorkers.slice(1, 6).entries())
    aidIds.push(await apply(studentAid.id, m.id, { amountFen: 500_000, details: students[i] }));
  for (const id of aidIds.slice(0, 4)) {
    await act(officer, id, { action: 'review_pass' });
    await act(officer, id, { action: 'approve' });
  }
  const batch = await createDisbursement(ctx, officer, studentAid.id);
  const paymentOf = (applicationId: string) => batch.payments.find((p) => p.applicationId === applicationId)!.id;
  await settleDisbursement(ctx, officer, batch.id, {
    items: [
      { paymentId: paymentOf(aidIds[0]!), status: 'paid' },
      { paymentId: paymentOf(aidIds[1]!), status: 'paid' },
      { paymentId: paymentOf(aidIds[2]!), status: 'failed', reason: '户名与账号不符' },
    ],
  });
  // aidIds[3]: pending in the batch; aidIds[4]: rejected.
  await act(officer, aidIds[4]!, { action: 'review_reject', reason: '学生未被本科院校录取' });

  // 勤工俭学: placements approved at once (no notice), the employing unit's days recorded within the caps.
  const workStudy = await createProgramme(ctx, officer, {
    kind: 'work_study',
    title: `${year}年暑期勤工俭学`,
    orgId: city.city.id,
    ...window,
    rules: { reviewLevels: 1, publicityDays: 0, publicityAt: 'programme', period: 'year', caps: {} },
  });
  const posts = [
    { jobType: 'social_practice', post: '社区服务站志愿助理', student: { name: '赵一鸣', school: '西安石油大学' } },
    { jobType: 'internship', post: '档案整理助理', student: { name: '孙若楠', school: '西安工业大学' } },
    { jobType: 'transitional', post: '驿站值守', student: { name: '周子豪', school: '西安科技大学' } },
  ] as const;
  const today = shanghaiDay(now);
  for (const [i, m] of others.slice(6, 9).entries()) {
    const id = await apply(workStudy.id, m.id, { details: { ...posts[i]!, employerOrgId: courierUnion.id } });
    if (i === 2) continue; // waiting for review
    await act(officer, id, { action: 'review_pass' });
    await act(officer, id, { action: 'approve' });
    await recordWorkDay(ctx, officer, id, { date: today, payFen: 12_000, note: '上午 4 小时' }, undefined);
  }

  // 医疗互助: enrolled members' claims, paid by tiers of the self-paid part, one of them waiting for review.
  const mutualAid = await createProgramme(ctx, officer, {
    kind: 'medical_mutual_aid',
    title: `${year}年职工医疗互助`,
    orgId: city.city.id,
    ...window,
    rules: {
      reviewLevels: 1,
      publicityDays: 5,
      publicityAt: 'programme',
      period: 'programme',
      caps: {},
      mutualAid: {
        tiers: [{ uptoFen: 1_000_000, percent: 50 }, { uptoFen: 5_000_000, percent: 60 }, { percent: 70 }],
        perMemberCapFen: 50_000_000,
      },
    },
  });
  for (const [i, m] of others.slice(9, 12).entries()) {
    await enrolMember(ctx, officer, mutualAid.id, { memberId: m.id });
    if (i === 2) continue; // enrolled, nothing claimed
    await fileClaim(
      ctx,
      officer,
      {
        programmeId: mutualAid.id,
        memberId: m.id,
        payee: payee(),
        bills: [
          {
            totalFen: 4_860_000 + i * 1_200_000,
            basicInsuranceFen: 2_900_000,
            majorIllnessFen: 600_000,
            admittedOn: today,
            hospital: '西安市第一医院',
          },
        ],
      },
      undefined,
    );
  }

  // 劳模疗休养 (model workers first, then front-line workers, then first come) and 免费体检: signups open now.
  const closesSoon = new Date(now.getTime() + 14 * 86_400_000);
  const eventDay = shanghaiDay(new Date(now.getTime() + 30 * 86_400_000));
  const trip = await createProgramme(ctx, officer, {
    kind: 'recuperation',
    title: `${year}年劳模疗休养（秦岭）`,
    orgId: city.city.id,
    opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
    closesAt: closesSoon.toISOString(),
    rules: {
      reviewLevels: 1,
      publicityDays: 0,
      publicityAt: 'programme',
      period: 'programme',
      caps: {},
      quota: {
        places: 4,
        eventDate: eventDay,
        priority: [{ by: 'honour_level', levels: ['national', 'provincial', 'municipal'] }, { by: 'front_line' }],
      },
    },
  });
  for (const m of couriers.slice(0, 6))
    await signUp(ctx, officer, trip.id, { memberId: m.id, frontLine: true }, undefined);
  const checkup = await createProgramme(ctx, officer, {
    kind: 'health_check',
    title: `${year}年一线职工免费体检`,
    orgId: city.city.id,
    opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
    closesAt: closesSoon.toISOString(),
    rules: {
      reviewLevels: 1,
      publicityDays: 0,
      publicityAt: 'programme',
      period: 'programme',
      caps: {},
      quota: { places: 50, eventDate: eventDay, priority: [{ by: 'front_line' }, { by: 'first_time' }] },
    },
  });
  for (const m of others.slice(18, 24))
    await signUp(ctx, officer, checkup.id, { memberId: m.id, frontLine: true }, undefined);

  // 社团补贴 and a custom programme: open, with applications waiting for review.
  const more = [
    { kind: 'club_subsidy' as const, title: `${year}年职工文体社团补贴`, amountFen: 200_000 },
    { kind: 'custom' as const, title: `${year}年夏送清凉慰问`, amountFen: 20_000 },
  ];
  for (const [i, p] of more.entries()) {
    const programme = await createProgramme(ctx, officer, {
      kind: p.kind,
      title: p.title,
      orgId: city.city.id,
      ...window,
      rules: { reviewLevels: 1, publicityDays: 5, publicityAt: 'programme', period: 'year', caps: {} },
    });
    for (const m of others.slice(12 + i * 3, 15 + i * 3)) await apply(programme.id, m.id, { amountFen: p.amountFen });
  }
}

/** YYYY-MM-DD in Asia/Shanghai. */
function shanghaiDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

/** A worker account for a demo member, as signing in by SMS would make it. */
async function demoWorker(ctx: AppContext, member: { id: string; orgId: string; name: string }, orgPath?: string) {
  const [row] = await ctx.db
    .select({ phoneHash: members.phoneHash, phoneEnc: members.phoneEnc, phoneMasked: members.phoneMasked })
    .from(members)
    .where(eq(members.id, member.id));
  const [account] = await ctx.db
    .insert(workerAccounts)
    .values({ phoneHash: row!.phoneHash, phoneEnc: row!.phoneEnc, phoneMasked: row!.phoneMasked })
    .onConflictDoNothing()
    .returning({ id: workerAccounts.id });
  const principal: WorkerPrincipal = {
    kind: 'worker',
    accountId: account!.id,
    phoneMasked: row!.phoneMasked,
    membership: orgPath ? { memberId: member.id, orgId: member.orgId, orgPath, name: member.name } : null,
  };
  return principal;
}
