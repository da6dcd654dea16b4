import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../modules/auth/index.js';
import { staffRoles, type StaffPrincipal, type StaffRole } from '../kernel/auth.js';
import { addWorkingDays, type Clock } from '../kernel/clock.js';
import type { AppContext } from '../kernel/context.js';
import { staff, workflowTimeline } from '../kernel/db/kernel.tables.js';
import { maskIdNumber, maskPhone, withIdCheckChar } from '../kernel/pii.js';
import type { hardshipCauses, hardshipChannels, hardshipLevels } from '../../../shared/labels.js';
import {
  actOnLead,
  fileLead,
  hardshipHouseholds,
  putStandard,
  reviewDeadlineFrom,
  verificationWorkingDays,
} from '../modules/hardship/index.js';
import { members } from '../modules/members/index.js';
import { demoStaffPassword, type DemoCity } from './demo-city.js';

const day = 86_400_000;
type Cause = (typeof hardshipCauses)[number];
type Level = (typeof hardshipLevels)[number];
type Channel = (typeof hardshipChannels)[number];

/** 西安市's 低保 line (monthly, per head) as the city's 深度困难 line, and 1.5 × it for 相对困难. */
export const demoIncomeLineFen = 83_000;
export const demoRelativeLineFen = 124_500;
/** The county of the survey: 灞桥区 (610111), its 765 households (seed 001's Qingtongxia count). */
export const demoHouseholdCount = 765;
const showcaseCount = 60;

const surnames = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const givenNames = ['桂兰', '建国', '秀珍', '永红', '海燕', '志强', '玉梅', '长安', '凤英', '建军', '淑芬', '国庆'];
const streets = ['纺织城正街', '长乐东路', '灞桥街道', '洪庆路', '席王路', '十里铺', '新合街道', '狄寨街道'];
const causeMixes: Cause[][] = [
  ['illness'],
  ['disability'],
  ['unemployment'],
  ['illness', 'schooling'],
  ['single_parent', 'schooling'],
  ['disaster'],
  ['disability', 'unemployment'],
  ['illness', 'other'],
];

interface DemoHousehold {
  headName: string;
  idNumber: string;
  phone: string;
  regionCode: string;
  address: string;
  size: number;
  monthlyIncomeFen: number;
  causes: Cause[];
}

/** The i-th surveyed household: heads born 1955–1969 (the demo members are born 1970–1999: no ID clash). */
function householdOf(i: number, monthlyIncomeFen: number, causes?: Cause[]): DemoHousehold {
  const birth = `19${55 + (i % 15)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  return {
    headName: `${surnames[i % surnames.length]}${givenNames[(i * 5) % givenNames.length]}`,
    idNumber: withIdCheckChar(`610111${birth}${String(i % 1000).padStart(3, '0')}`),
    phone: `1371111${String(i).padStart(4, '0')}`,
    regionCode: '610111',
    address: `西安市灞桥区${streets[i % streets.length]}${(i % 97) + 1}号`,
    size: 1 + (i % 6),
    monthlyIncomeFen,
    causes: causes ?? causeMixes[i % causeMixes.length]!,
  };
}

/** A clock stopped `daysAgo` days before now: the use cases then write the history as it happened. */
function ctxAt(ctx: AppContext, now: number, daysAgo: number): AppContext {
  const clock: Clock = { now: () => new Date(now - daysAgo * day) };
  return { ...ctx, clock };
}

/**
 * 灞桥区's love alliance survey (爱心联盟: union staff, a social worker, volunteers) of 765 households, in every state of
 * the file. Sixty households are made through the module's own use cases, each at its date (a stopped clock), so their
 * timelines, audit records and deadlines are real: new leads, files verified and archived at each level, reviews a
 * year on, help case by case, rejections, households out of hardship. The other 705 — the survey a year ago, as a
 * county would have it migrated — are written set-based with the same columns and timeline entries the workflow
 * engine writes, so the demo loads in seconds: 400 archives (70 not reviewed within 12 months, flagged), 120 helped
 * case by case, 40 rejected, 40 closed, 40 verified awaiting a decision and 65 leads (35 past their verification
 * deadline).
 */
export async function loadDemoHardship(ctx: AppContext, city: DemoCity): Promise<void> {
  const baqiao = city.districts.find((d) => d.name === '灞桥区总工会')!;
  const textile = city.grassroots.find((g) => g.name === '灞桥区纺织厂工会')!;
  const passwordHash = await hashPassword(demoStaffPassword);
  const accounts = [
    { username: 'xian_assistance', displayName: '市总帮扶专干', orgId: city.city.id, roles: ['assistance_officer'] },
    {
      username: 'd_baqiao_assistance',
      displayName: '灞桥区总工会帮扶专干',
      orgId: baqiao.id,
      roles: ['assistance_officer'],
    },
    { username: 'sw_baqiao', displayName: '灞桥区社工', orgId: baqiao.id, roles: ['assistance_worker'] },
    { username: 'v_baqiao_volunteer', displayName: '纺织厂志愿者', orgId: textile.id, roles: ['assistance_worker'] },
  ];
  const created = await ctx.db
    .insert(staff)
    .values(accounts.map((a) => ({ ...a, passwordHash })))
    .returning({ id: staff.id, username: staff.username, orgId: staff.orgId, roles: staff.roles });
  const orgPathOf = new Map([city.city, ...city.districts, ...city.grassroots].map((o) => [o.id, o.path]));
  const principalOf = (username: string): StaffPrincipal => {
    const row = created.find((c) => c.username === username)!;
    return {
      kind: 'staff',
      staffId: row.id,
      username,
      orgId: row.orgId,
      orgPath: orgPathOf.get(row.orgId)!,
      roles: row.roles.filter((r): r is StaffRole => (staffRoles as readonly string[]).includes(r)),
    };
  };
  const cityOfficer = principalOf('xian_assistance');
  const officer = principalOf('d_baqiao_assistance');
  const socialWorker = principalOf('sw_baqiao');
  const volunteer = principalOf('v_baqiao_volunteer');
  const now = ctx.clock.now().getTime();
  const at = (daysAgo: number) => ctxAt(ctx, now, daysAgo);

  // The standard, set by the city before the survey.
  await putStandard(at(420), cityOfficer, '610100', {
    monthlyIncomeLineFen: demoIncomeLineFen,
    relativeIncomeLineFen: demoRelativeLineFen,
  });

  // A demo member of the textile mill is the head of a household (their app shows its help record).
  const [head] = await ctx.db
    .select({ id: members.id, name: members.name, idNumberEnc: members.idNumberEnc })
    .from(members)
    .where(eq(members.orgId, textile.id))
    .orderBy(members.createdAt)
    .limit(1);

  // ——— sixty households through the use cases ———
  const file = async (
    daysAgo: number,
    i: number,
    income: number,
    by: StaffPrincipal,
    channel: Channel,
    causes?: Cause[],
  ) => {
    const hh = householdOf(i, income, causes);
    if (i === 36 && head?.idNumberEnc)
      Object.assign(hh, { headName: head.name, idNumber: ctx.pii.decrypt(head.idNumberEnc) });
    const lead = await fileLead(
      at(daysAgo),
      by,
      {
        household: hh,
        channel,
        consent: true,
        note: `${hh.size}口之家，${causes?.includes('disaster') ? '房屋受灾' : '主要劳动力患病或失业'}，收入微薄。`,
      },
      undefined,
    );
    return lead.id;
  };
  const act = (daysAgo: number, id: string, body: Parameters<typeof actOnLead>[3]) =>
    actOnLead(at(daysAgo), officer, id, body, undefined);
  const verify = (daysAgo: number, id: string) =>
    act(daysAgo, id, { action: 'verify', note: '区总工会干部与社区入户核实，家庭情况属实，收入证明、病历已留存。' });

  for (let i = 0; i < 10; i++)
    await file(2, i, 50_000 + i * 3_000, i % 2 ? volunteer : socialWorker, i % 2 ? 'volunteer' : 'social_worker');
  for (let i = 10; i < 20; i++) {
    const id = await file(40, i, 55_000 + (i - 10) * 6_000, volunteer, 'volunteer');
    await verify(35, id);
    await act(34, id, { action: 'archive', level: i < 15 ? 'deep' : 'relative' });
  }
  for (let i = 20; i < 25; i++) {
    const id = await file(380, i, 70_000, socialWorker, 'social_worker');
    await verify(378, id);
    await act(377, id, { action: 'archive', level: 'deep' });
    await act(20, id, {
      action: 'review',
      note: '年度复核：家庭收入与人口无明显变化，继续建档帮扶。',
      ...(i === 24 ? { monthlyIncomeFen: 95_000, level: 'relative' as Level } : {}),
    });
  }
  for (let i = 25; i < 30; i++) {
    const id = await file(30, i, 140_000, volunteer, 'hotline');
    await verify(28, id);
    await act(27, id, { action: 'help_case_by_case', note: '收入略高于相对困难标准，因病临时困难，个案帮扶。' });
  }
  for (let i = 30; i < 33; i++) {
    const id = await file(20, i, 260_000, volunteer, 'self');
    await act(18, id, { action: 'reject', reason: '家庭人均月收入明显高于认定标准，且无突发困难。' });
  }
  for (let i = 33; i < 36; i++) {
    const id = await file(400, i, 60_000, socialWorker, 'union');
    await verify(398, id);
    await act(397, id, { action: 'archive', level: 'deep' });
    await act(10, id, { action: 'close', note: '子女参加工作，家庭人均收入已超过标准，实现脱困。' });
  }
  const helped: string[] = [];
  for (let i = 36; i < showcaseCount; i++) {
    const disaster = i % 8 === 5;
    const id = await file(
      50,
      i,
      disaster ? 150_000 : 45_000 + (i - 36) * 3_000,
      i % 2 ? volunteer : socialWorker,
      'volunteer',
      disaster ? ['disaster'] : undefined,
    );
    await verify(45, id);
    await act(44, id, {
      action: 'archive',
      level: disaster ? 'accident' : 45_000 + (i - 36) * 3_000 <= demoIncomeLineFen ? 'deep' : 'relative',
    });
    helped.push(id);
  }

  // ——— the rest of the survey, set-based ———
  await loadSurveyBulk(ctx, now, baqiao.id, [socialWorker, volunteer], officer);
  void helped;
}

interface BulkPlan {
  status: 'submitted' | 'verified' | 'archived' | 'case_by_case' | 'rejected' | 'closed';
  income: number;
  causes?: Cause[];
  level?: Level;
  filedDaysAgo: number;
  reviewedDaysAgo?: number;
}

function bulkPlanOf(k: number): BulkPlan {
  if (k < 400) {
    const accident = k % 10 === 9;
    const deep = k % 3 === 0;
    return {
      status: 'archived',
      income: accident ? 130_000 + (k % 7) * 5_000 : deep ? 40_000 + (k % 40) * 1_000 : 84_000 + (k % 40) * 1_000,
      causes: accident ? ['disaster'] : undefined,
      level: accident ? 'accident' : deep ? 'deep' : 'relative',
      filedDaysAgo: 400,
      ...(k < 330 ? { reviewedDaysAgo: 15 + (k % 20) } : {}),
    };
  }
  if (k < 520) return { status: 'case_by_case', income: 125_000 + (k % 50) * 1_000, filedDaysAgo: 400 };
  if (k < 560) return { status: 'rejected', income: 200_000 + (k % 50) * 2_000, filedDaysAgo: 400 };
  if (k < 600) return { status: 'closed', income: 60_000 + (k % 20) * 1_000, level: 'deep', filedDaysAgo: 400 };
  if (k < 640) return { status: 'verified', income: 70_000 + (k % 30) * 1_000, filedDaysAgo: 55 };
  return { status: 'submitted', income: 60_000 + (k % 30) * 2_000, filedDaysAgo: k < 675 ? 45 : 4 };
}

async function loadSurveyBulk(
  ctx: AppContext,
  now: number,
  orgId: string,
  filers: StaffPrincipal[],
  officer: StaffPrincipal,
): Promise<void> {
  const calendar = ctx.calendar.current();
  const households: (typeof hardshipHouseholds.$inferInsert & { id: string })[] = [];
  const timeline: (typeof workflowTimeline.$inferInsert)[] = [];
  const step = (
    objectId: string,
    action: string,
    from: string | null,
    to: string,
    daysAgo: number,
    actor: StaffPrincipal,
    note: string | null,
    data: Record<string, unknown> = {},
  ) =>
    timeline.push({
      workflow: 'hardship_lead',
      objectId,
      action,
      fromState: from,
      toState: to,
      actorKind: 'staff',
      actorId: actor.staffId,
      note,
      data,
      at: new Date(now - daysAgo * day),
    });
  for (let i = showcaseCount; i < demoHouseholdCount; i++) {
    const k = i - showcaseCount;
    const plan = bulkPlanOf(k);
    const hh = householdOf(i, plan.income, plan.causes);
    const id = crypto.randomUUID();
    const filer = filers[k % filers.length]!;
    const filedAt = new Date(now - plan.filedDaysAgo * day);
    const verifiedDaysAgo = plan.filedDaysAgo - 4;
    const decidedDaysAgo = plan.filedDaysAgo - 6;
    const lastReviewed = plan.reviewedDaysAgo !== undefined ? new Date(now - plan.reviewedDaysAgo * day) : null;
    const archivedAt = plan.level ? new Date(now - decidedDaysAgo * day) : null;
    let dueAt: Date | null = null;
    if (plan.status === 'submitted') dueAt = addWorkingDays(filedAt, verificationWorkingDays, calendar);
    if (plan.status === 'archived') dueAt = reviewDeadlineFrom(lastReviewed ?? archivedAt!);
    const statusDaysAgo =
      plan.status === 'submitted'
        ? plan.filedDaysAgo
        : plan.status === 'verified'
          ? verifiedDaysAgo
          : plan.status === 'closed'
            ? 30
            : (plan.reviewedDaysAgo ?? decidedDaysAgo);
    households.push({
      id,
      orgId,
      filedByStaffId: filer.staffId,
      filedByOrgId: filer.orgId,
      channel: k % 2 ? 'volunteer' : 'social_worker',
      headName: hh.headName,
      headIdHash: ctx.pii.blindIndex('id_number', hh.idNumber),
      headIdEnc: ctx.pii.encrypt(hh.idNumber),
      headIdMasked: maskIdNumber(hh.idNumber),
      phoneHash: ctx.pii.blindIndex('phone', hh.phone),
      phoneEnc: ctx.pii.encrypt(hh.phone),
      phoneMasked: maskPhone(hh.phone),
      regionCode: hh.regionCode,
      address: hh.address,
      size: hh.size,
      monthlyIncomeFen: hh.monthlyIncomeFen,
      causes: hh.causes,
      note: '爱心联盟入户调查登记。',
      consentAt: filedAt,
      level: plan.status === 'archived' ? plan.level! : null,
      archivedAt: plan.status === 'archived' || plan.status === 'closed' ? archivedAt : null,
      lastReviewedAt: lastReviewed,
      verifiedAt: plan.status === 'submitted' ? null : new Date(now - verifiedDaysAgo * day),
      verificationNote: plan.status === 'submitted' ? null : '入户核实，情况属实。',
      rejectionReason: plan.status === 'rejected' ? '家庭人均月收入明显高于认定标准。' : null,
      status: plan.status,
      statusChangedAt: new Date(now - statusDaysAgo * day),
      dueAt,
      createdAt: filedAt,
      updatedAt: new Date(now - statusDaysAgo * day),
    });
    step(id, 'file', null, 'submitted', plan.filedDaysAgo, filer, null, {
      channel: k % 2 ? 'volunteer' : 'social_worker',
    });
    if (plan.status === 'submitted') continue;
    step(id, 'verify', 'submitted', 'verified', verifiedDaysAgo, officer, '入户核实，情况属实。');
    if (plan.status === 'verified') continue;
    if (plan.status === 'rejected') {
      step(id, 'reject', 'verified', 'rejected', decidedDaysAgo, officer, '家庭人均月收入明显高于认定标准。');
      continue;
    }
    if (plan.status === 'case_by_case') {
      step(id, 'help_case_by_case', 'verified', 'case_by_case', decidedDaysAgo, officer, null);
      continue;
    }
    step(id, 'archive', 'verified', 'archived', decidedDaysAgo, officer, null, { level: plan.level });
    if (plan.reviewedDaysAgo !== undefined)
      step(id, 'review', 'archived', 'archived', plan.reviewedDaysAgo, officer, '年度复核，继续建档。');
    if (plan.status === 'closed') step(id, 'close', 'archived', 'closed', 30, officer, '家庭成员就业，实现脱困。');
  }
  for (let i = 0; i < households.length; i += 200)
    await ctx.db.insert(hardshipHouseholds).values(households.slice(i, i + 200));
  for (let i = 0; i < timeline.length; i += 500)
    await ctx.db.insert(workflowTimeline).values(timeline.slice(i, i + 500));
}
