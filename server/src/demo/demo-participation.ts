import { eq, inArray } from 'drizzle-orm';
import {
  staffRoles,
  type Membership,
  type StaffPrincipal,
  type StaffRole,
  type WorkerPrincipal,
} from '../kernel/auth.js';
import { shanghaiDate } from '../kernel/clock.js';
import type { AppContext } from '../kernel/context.js';
import { orgs, staff, workerAccounts } from '../kernel/db/kernel.tables.js';
import { members } from '../modules/members/index.js';
import {
  actOnDuty,
  actOnProposal,
  actOnSuggestion,
  addRepresentatives,
  answerCosignature,
  castBallot,
  closeMotion,
  createCongress,
  createMotion,
  createReview,
  postSuggestion,
  recordDuty,
  respondToReview,
  submitProposal,
  supportSuggestion,
} from '../modules/participation/index.js';
import { demoMemberCount, type DemoCity } from './demo-city.js';

type Member = WorkerPrincipal & { membership: Membership };
interface DemoMember {
  id: string;
  name: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  phoneHash: string;
  phoneMasked: string;
}

const day = 86_400_000;

/**
 * Xi'an's participation (云履职 / 职代会 / 会员评家), made through the module's own use cases — so each proposal,
 * suggestion, duty record and motion has its real timeline, audit records, notifications and disclosure hash chain —
 * not written into tables: the city's 第十五届会员代表大会 with its 300 representatives in district delegations,
 * proposals in every state of the loop, 职工事大家议 suggestions, a 会员评家 review open now, duty records for the
 * leaderboard, a passed motion and an open one; the textile mill's 职代会 with its resettlement plan voted and published.
 */
export async function loadDemoParticipation(ctx: AppContext, city: DemoCity): Promise<void> {
  const orgsById = new Map([city.city, ...city.districts, ...city.grassroots].map((o) => [o.id, o]));
  const staffOf = async (username: string): Promise<StaffPrincipal> => {
    const [row] = await ctx.db.select().from(staff).where(eq(staff.username, username));
    const org = row && orgsById.get(row.orgId);
    if (!row || !org) throw new Error(`demo staff ${username} missing`);
    return {
      kind: 'staff',
      staffId: row.id,
      username,
      orgId: row.orgId,
      orgPath: org.path,
      roles: row.roles.filter((r): r is StaffRole => (staffRoles as readonly string[]).includes(r)),
    };
  };
  const officer = await staffOf('xian_participation');
  const lianhuOfficer = await staffOf('d04_participation');
  const yantaAdmin = await staffOf('d13_admin');
  const textileOfficer = await staffOf('g_textile_participation');
  const district = (name: string) => city.districts.find((d) => d.name === name)!;
  const textileUnion = city.grassroots.find((g) => g.name === '灞桥区纺织厂工会')!;

  // The demo members in phone order (13900000001 first), each with the app account signing in by SMS makes.
  const rows = await ctx.db
    .select({
      id: members.id,
      name: members.name,
      orgId: members.orgId,
      orgPath: orgs.path,
      orgName: orgs.name,
      phoneHash: members.phoneHash,
      phoneEnc: members.phoneEnc,
      phoneMasked: members.phoneMasked,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      inArray(
        members.orgId,
        city.grassroots.map((g) => g.id),
      ),
    );
  const byHash = new Map(rows.map((r) => [r.phoneHash, r]));
  const demoMembers: DemoMember[] = [];
  for (let i = 1; i <= demoMemberCount; i++) {
    const row = byHash.get(ctx.pii.blindIndex('phone', `1390000${String(i).padStart(4, '0')}`));
    if (row) demoMembers.push(row);
  }
  await ctx.db
    .insert(workerAccounts)
    .values(rows.map((r) => ({ phoneHash: r.phoneHash, phoneEnc: r.phoneEnc, phoneMasked: r.phoneMasked })))
    .onConflictDoNothing();
  const accounts = new Map(
    (
      await ctx.db
        .select({ id: workerAccounts.id, phoneHash: workerAccounts.phoneHash })
        .from(workerAccounts)
        .where(
          inArray(
            workerAccounts.phoneHash,
            rows.map((r) => r.phoneHash),
          ),
        )
    ).map((a) => [a.phoneHash, a.id]),
  );
  const worker = (m: DemoMember): Member => ({
    kind: 'worker',
    accountId: accounts.get(m.phoneHash)!,
    phoneMasked: m.phoneMasked,
    membership: { memberId: m.id, orgId: m.orgId, orgPath: m.orgPath, name: m.name },
  });

  // Steps taken some days ago: the same use cases on a clock set back, so timelines and due dates read as lived.
  const daysAgo = (n: number): AppContext => {
    const base = ctx.clock;
    return { ...ctx, clock: { now: () => new Date(base.now().getTime() - n * day) } };
  };
  const now = ctx.clock.now();
  const year = Number(shanghaiDate(now).slice(0, 4));

  // ——— 西安市总工会第十五届会员代表大会: 300 representatives in district delegations ———
  const termCtx = daysAgo(120);
  const congress = await createCongress(termCtx, officer, {
    orgId: city.city.id,
    kind: 'members_congress',
    name: '西安市总工会第十五届会员代表大会',
    termStartsOn: shanghaiDate(new Date(now.getTime() - 120 * day)),
    termEndsOn: `${year + 4}-12-31`,
  });
  const delegationOf = (m: DemoMember) => {
    const d = city.districts.find((x) => m.orgPath.startsWith(`${x.path}.`));
    return d ? d.name.replace('总工会', '代表团') : '产业代表团';
  };
  const repIds = await addRepresentatives(
    termCtx,
    officer,
    congress.id,
    demoMembers.map((m) => ({ memberId: m.id, delegation: delegationOf(m) })),
  );
  const reps = demoMembers.map((member, i) => ({ id: repIds[i]!, member }));
  const rep = (n: number) => reps[n - 1]!; // rep(1): 13900000001
  const as = (n: number) => worker(rep(n).member);

  // ——— 提案: one in every state of the loop ———
  type ProposalInput = Parameters<typeof submitProposal>[2];
  const propose = async (
    at: AppContext,
    n: number,
    input: Omit<ProposalInput, 'congressId'>,
    cosign: { n: number; agree?: boolean }[] = [],
  ) => {
    const p = await submitProposal(
      at,
      as(n),
      { ...input, congressId: congress.id, coSignerIds: cosign.map((c) => rep(c.n).id) },
      undefined,
    );
    for (const c of cosign)
      if (c.agree !== undefined) await answerCosignature(at, as(c.n), p.id, { agree: c.agree }, undefined);
    return p.id;
  };
  const act = (at: AppContext, who: StaffPrincipal | Member, id: string, body: Parameters<typeof actOnProposal>[3]) =>
    actOnProposal(at, who, id, body);
  const dueIn = (at: AppContext, days: number) => shanghaiDate(new Date(at.clock.now().getTime() + days * day));
  const lianhu = district('莲湖区总工会').id;
  const yanta = district('雁塔区总工会').id;

  // submitted: waiting for the committee; 13900000001 is asked to co-sign and has not answered yet.
  await propose(
    daysAgo(1),
    5,
    {
      title: '关于在主城区增设外卖骑手停车充电点的建议',
      body: '我市外卖骑手多在商圈路边临时停车、在楼道充电，既有安全隐患也常被处罚。建议由工会协调城管、商圈物业，在骑手集中的商圈和驿站旁设置集中停车区和智能充电柜，并对骑手充电给予优惠。',
      category: 'labour_protection',
    },
    [{ n: 1 }, { n: 6, agree: true }],
  );
  // returned: the committee asks for figures.
  const returned = await propose(daysAgo(9), 7, {
    title: '关于提高环卫工人高温津贴标准的建议',
    body: '夏季我市最高气温屡超40℃，环卫工人户外作业时间长，现行高温津贴标准多年未调整。建议推动提高高温津贴标准，并督促各环卫作业单位足额按月发放。',
    category: 'wages_benefits',
  });
  await act(daysAgo(7), officer, returned, {
    action: 'review_return',
    reason: '请补充各环卫所高温作业时长和现行津贴发放情况的调查数据后再提交。',
  });
  // accepted: 立案, not yet assigned.
  const accepted = await propose(daysAgo(4), 8, {
    title: '关于加强快递分拣中心夜班劳动保护的建议',
    body: '快递分拣中心夜班连续作业时间长、照明和通风不足，搬运伤害时有发生。建议督促企业落实夜班工间休息、配备护腰护具，并将分拣中心纳入劳动保护专项检查。',
    category: 'labour_protection',
  });
  await act(daysAgo(2), officer, accepted, { action: 'review_accept' });
  // assigned, overdue: the handling body's due date passed (督办).
  const overdue = await propose(daysAgo(40), 9, {
    title: '关于在环卫作业区增设环卫工人休息点的建议',
    body: '部分主干道沿线没有可供环卫工人歇脚、喝水、热饭的地方，工人只能在路边树荫下休息。建议依托工会驿站、沿街商户和公厕管理用房，每两公里设置一处环卫工人休息点。',
    category: 'living_welfare',
  });
  await act(daysAgo(38), officer, overdue, { action: 'review_accept' });
  await act(daysAgo(37), officer, overdue, {
    action: 'assign',
    handlerOrgId: lianhu,
    dueOn: dueIn(daysAgo(37), 25),
  });
  // assigned, due tomorrow: the reminder goes to the handling body; it takes up the most supported suggestion below.
  const dueSoonAt = daysAgo(15);
  // referred: a matter of the city's transport, followed on the 12345 platform.
  const referred = await propose(daysAgo(30), 11, {
    title: '关于增开纺织城片区职工通勤公交线路的建议',
    body: '纺织城片区企业多、职工通勤距离远，早晚高峰公交班次少、换乘多。建议协调公交集团在上下班时段增开通勤专线，延长末班车时间。',
    category: 'living_welfare',
  });
  await act(daysAgo(28), officer, referred, { action: 'review_accept' });
  await act(daysAgo(27), officer, referred, {
    action: 'refer_external',
    platform: '12345 市民服务热线',
    externalRef: `XA12345-${year}-0815-0372`,
  });
  // answered, waiting for the proposer's rating: 13900000001's own proposal, co-signed by two representatives.
  const own = await propose(
    daysAgo(35),
    1,
    {
      title: '关于开设职工子女暑期托管班的建议',
      body: '暑假期间双职工家庭孩子无人看管的问题突出，一线职工尤其困难。建议由工会牵头，依托职工之家、社区和学校场地开设暑期托管班，提供看护、课业辅导和兴趣活动，对一线职工子女减免费用。',
      category: 'living_welfare',
    },
    [
      { n: 2, agree: true },
      { n: 3, agree: true },
    ],
  );
  await act(daysAgo(33), officer, own, { action: 'review_accept' });
  await act(daysAgo(32), officer, own, { action: 'assign', handlerOrgId: lianhu, dueOn: dueIn(daysAgo(32), 20) });
  await act(daysAgo(3), lianhuOfficer, own, {
    action: 'answer',
    reply:
      '感谢您的建议。区总工会已会同区教育局在劳动路、桃园路两所小学开设职工子女暑期托管班，7月8日开班，每期四周，一线职工子女免费，其他职工子女每期收取200元餐费。报名通过本应用“服务”栏目进行。',
  });
  // closed: rated satisfied.
  const closed = await propose(daysAgo(60), 12, {
    title: '关于为新就业形态劳动者开展职业技能培训的建议',
    body: '网约车司机、快递员、外卖骑手等新就业形态劳动者普遍缺少系统的技能培训和职业晋升通道。建议工会联合人社部门开设免费夜校，开展安全驾驶、电动车维修、客户服务等培训并颁发证书。',
    category: 'vocational_skills',
  });
  await act(daysAgo(58), officer, closed, { action: 'review_accept' });
  await act(daysAgo(57), officer, closed, { action: 'assign', handlerOrgId: yanta, dueOn: dueIn(daysAgo(57), 30) });
  await act(daysAgo(40), yantaAdmin, closed, {
    action: 'answer',
    reply:
      '雁塔区总工会已在科技园职工夜校开设新就业形态劳动者技能培训班，首期120人结业，后续每季度开班一期，费用由工会经费承担。',
  });
  await act(daysAgo(38), as(12), closed, { action: 'rate', score: 5, comment: '落实很快，培训很实用。' });
  // closed: rated fairly well.
  const closed2 = await propose(daysAgo(55), 14, {
    title: '关于冬季为户外劳动者驿站配备取暖设施的建议',
    body: '冬季清晨环卫工人、快递员在户外作业寒冷难耐，现有工会驿站多数没有取暖设施。建议为驿站统一配备电暖器、热水器，并延长冬季开放时间。',
    category: 'living_welfare',
  });
  await act(daysAgo(53), officer, closed2, { action: 'review_accept' });
  await act(daysAgo(52), officer, closed2, { action: 'assign', handlerOrgId: lianhu, dueOn: dueIn(daysAgo(52), 20) });
  await act(daysAgo(30), lianhuOfficer, closed2, {
    action: 'answer',
    reply: '已为辖区全部18个工会驿站配备电暖器和即热式饮水机，冬季开放时间提前到早6点。',
  });
  await act(daysAgo(29), as(14), closed2, { action: 'rate', score: 4 });
  // closed dissatisfied: the first answer rated dissatisfied reopens handling; the second too ends the loop.
  const dissatisfied = await propose(daysAgo(70), 13, {
    title: '关于规范家政服务员劳动合同签订的建议',
    body: '家政服务员多通过中介公司上岗，普遍未签订劳动合同或服务协议，工伤和工资拖欠时维权困难。建议推动家政企业员工制改革，推广使用规范合同文本。',
    category: 'wages_benefits',
  });
  await act(daysAgo(68), officer, dissatisfied, { action: 'review_accept' });
  await act(daysAgo(67), officer, dissatisfied, {
    action: 'assign',
    handlerOrgId: district('碑林区总工会').id,
    dueOn: dueIn(daysAgo(67), 20),
  });
  await act(daysAgo(50), officer, dissatisfied, {
    action: 'answer',
    reply: '已向家政企业发放倡议书，倡导签订劳动合同。',
  });
  await act(daysAgo(49), as(13), dissatisfied, {
    action: 'rate',
    score: 2,
    comment: '只发倡议书，没有实际措施。',
  });
  await act(daysAgo(20), officer, dissatisfied, {
    action: 'answer',
    reply: '碑林区家政服务业工会已与5家家政企业开展集体协商，推广使用规范合同文本，后续将纳入年度检查。',
  });
  await act(daysAgo(18), as(13), dissatisfied, { action: 'rate', score: 2, satisfied: false, comment: '覆盖面太小。' });
  // rejected: not a matter for the union's proposals.
  const rejected = await propose(daysAgo(25), 15, {
    title: '关于为全体职工每月增发交通补贴的建议',
    body: '近年通勤成本上涨，建议全市各单位每月统一为职工增发300元交通补贴。',
    category: 'wages_benefits',
  });
  await act(daysAgo(23), officer, rejected, {
    action: 'review_reject',
    reason: '涉及企业薪酬分配自主权，不属于工会提案办理范围，建议通过所在单位工资集体协商提出。',
  });
  // converted: a matter of one union, taken on as a suggestion (职工事大家议) to it.
  const converted = await propose(daysAgo(22), 16, {
    title: '关于职工食堂增设清真窗口的建议',
    body: '单位食堂只有一个窗口，回族职工就餐不便。建议食堂增设清真窗口，或与周边清真餐馆合作提供工作餐。',
    category: 'living_welfare',
  });
  await act(daysAgo(21), officer, converted, { action: 'convert_to_suggestion' });
  // withdrawn by the proposer, after a return.
  const withdrawn = await propose(daysAgo(19), 17, {
    title: '关于组织职工春季运动会的建议',
    body: '建议市总工会在春季组织全市职工运动会，设置拔河、跳绳、趣味接力等项目，丰富职工文化生活。',
    category: 'other',
  });
  await act(daysAgo(18), as(17), withdrawn, {
    action: 'withdraw',
    note: '本单位工会已安排运动会，撤回。',
  });

  // ——— 职工事大家议: suggestions to the city with supports ———
  const suggestions = [
    ['希望工会驿站周末也开放', '我们环卫工人周末也要上班，但很多驿站周末锁门，希望能排班开放。'],
    ['建议组织职工免费体检增加妇科项目', '往年体检项目较少，女职工希望增加妇科和乳腺检查。'],
    ['快递员午休没有地方热饭', '希望在快递网点集中的地方设置微波炉和休息桌椅。'],
    ['建议开设职工子女假期书法班', '孩子假期在家没人管，希望工会能开设书法、美术兴趣班。'],
    ['网约车司机希望有固定的休息停车点', '机场和火车站附近没有可以短暂休息的停车点，经常被罚。'],
    ['纺织厂宿舍热水供应时间太短', '倒班职工下班时热水已经停了，希望延长供应时间。'],
    ['建议工会提供免费法律咨询进企业', '很多职工不知道怎么维权，希望律师定期到企业来讲座和咨询。'],
    ['希望工会年卡能在更多商户使用', '普惠卡能用的商户太少，希望增加超市和加油站。'],
    ['货车司机之家希望增加淋浴间', '长途货车司机回来想洗个澡，现在只有两个淋浴间，经常排队。'],
    ['建议为一线职工开设心理疏导热线', '工作压力大，希望工会能有心理咨询服务。'],
  ] as const;
  const suggestionIds: string[] = [];
  for (const [i, [title, body]] of suggestions.entries()) {
    const author = worker(demoMembers[40 + i * 7]!);
    const s = await postSuggestion(
      daysAgo(30 - i * 2),
      author,
      { title, body, orgId: city.city.id },
      undefined,
      'demo',
    );
    suggestionIds.push(s.id);
    // Supports from other members: a spread, most for the first.
    const supporters = demoMembers.slice(100 + i * 3, 100 + i * 3 + Math.max(2, 24 - i * 3));
    for (const m of supporters) await supportSuggestion(daysAgo(29 - i * 2), worker(m), s.id);
  }
  await actOnSuggestion(
    daysAgo(10),
    officer,
    suggestionIds[1]!,
    { action: 'answer', reply: '今年起一线女职工免费体检已增加妇科和乳腺检查项目，请关注体检报名通知。' },
    undefined,
  );
  await actOnSuggestion(
    daysAgo(8),
    officer,
    suggestionIds[7]!,
    { action: 'reject', reason: '普惠卡合作商户由各区总工会按年度招募，请向所在区总工会反映。' },
    undefined,
  );
  // assigned, due tomorrow: a representative takes the most supported suggestion up as a proposal.
  const dueSoon = await propose(dueSoonAt, 18, {
    title: '关于推动工会驿站周末和节假日开放的建议',
    body: '职工事大家议中“希望工会驿站周末也开放”获得大量职工支持。环卫、快递等一线职工周末照常上班，建议各级工会驿站实行周末和节假日轮值开放，并公布开放时间。',
    category: 'living_welfare',
    suggestionId: suggestionIds[0]!,
  });
  await act(daysAgo(14), officer, dueSoon, { action: 'review_accept' });
  await act(daysAgo(14), officer, dueSoon, {
    action: 'assign',
    handlerOrgId: lianhu,
    dueOn: shanghaiDate(new Date(now.getTime() + day)),
  });

  // ——— 会员评家: the city's review, open now, answered by a good share of members (more in some districts) ———
  const review = await createReview(daysAgo(10), officer, {
    orgId: city.city.id,
    title: `${year}年度会员评家：工会工作满意度测评`,
    description: '请您对所在工会本年度的工作作出评价，您的意见将作为工会改进工作的依据。',
    questions: [
      { text: '工会为职工办实事的成效' },
      { text: '工会驿站等服务阵地的便利程度' },
      { text: '工会维护职工合法权益的及时性' },
      { text: '工会干部的工作作风' },
    ],
    opensAt: new Date(now.getTime() - 10 * day).toISOString(),
    closesAt: new Date(now.getTime() + 20 * day).toISOString(),
  });
  const ratings = ['satisfied', 'satisfied', 'fairly_satisfied', 'satisfied', 'dissatisfied'] as const;
  const comments = ['希望驿站多开一些。', '维权服务很及时，感谢！', '希望多组织技能培训。', '普惠活动名额太少。'];
  for (const [i, m] of demoMembers.entries()) {
    // 13900000001 has not answered yet, so a demo visitor can; others answer at rates varying by union.
    if (i === 0 || (i * 37) % 100 >= 45 + (city.grassroots.findIndex((g) => g.id === m.orgId) % 4) * 10) continue;
    await respondToReview(daysAgo(i % 9), worker(m), review.id, {
      answers: review.questions.map((q, k) => ({ questionId: q.id, rating: ratings[(i + k * 3) % ratings.length]! })),
      ...(i % 6 === 0 ? { comment: comments[i % comments.length]! } : {}),
    });
  }

  // ——— 代表履职: duty records (the default model) — confirmed, waiting, a bonus and a penalty ———
  const duties = [
    ['congress_attendance', '出席第十五届会员代表大会第二次会议全体会议。'],
    ['review_speech', '在代表团分组审议中就工会经费使用作审议发言。'],
    ['research', '参加市总工会组织的新就业形态劳动者权益保障专题调研。'],
    ['constituent_contact', '走访所在单位一线职工，收集对工会工作的意见建议。'],
    ['feedback', '向选区职工通报大会情况和提案办理结果。'],
    ['training', '参加市总工会举办的代表履职能力培训班。'],
  ] as const;
  // 60 representatives with 1–3 records each; proposals and ballots count for everyone on their own.
  for (let n = 1; n <= 60; n++) {
    const records = 1 + ((n * 7) % 3);
    for (let k = 0; k < records; k++) {
      const [code, note] = duties[(n + k) % duties.length]!;
      const occurredOn = shanghaiDate(new Date(now.getTime() - (5 + ((n * 3 + k * 11) % 90)) * day));
      if (k === records - 1 && n % 5 === 0) {
        // The representative's own record, waiting for staff to confirm it.
        await recordDuty(ctx, as(n), congress.id, {
          representativeId: rep(n).id,
          indicatorCode: code,
          occurredOn,
          note,
        });
      } else if (k === 0 && n % 3 === 0) {
        // The representative's own record, confirmed by staff.
        const d = await recordDuty(ctx, as(n), congress.id, {
          representativeId: rep(n).id,
          indicatorCode: code,
          occurredOn,
          note,
        });
        await actOnDuty(ctx, officer, d.id, { action: 'confirm' });
      } else {
        await recordDuty(ctx, officer, congress.id, {
          representativeId: rep(n).id,
          indicatorCode: code,
          occurredOn,
          note,
        });
      }
    }
  }
  const lastWeek = shanghaiDate(new Date(now.getTime() - 7 * day));
  await recordDuty(ctx, officer, congress.id, {
    representativeId: rep(12).id,
    indicatorCode: 'excellent_proposal',
    occurredOn: lastWeek,
    note: '《关于为新就业形态劳动者开展职业技能培训的建议》评为年度优秀提案。',
  });
  await recordDuty(ctx, officer, congress.id, {
    representativeId: rep(21).id,
    indicatorCode: 'unexcused_absence',
    occurredOn: lastWeek,
    note: '未请假缺席代表团分组审议。',
  });

  // ——— 大会表决: a passed motion (closed, published) and one open now; 13900000001 has not voted on it ———
  const vote = async (motionId: string, voters: number[], choiceOf: (i: number) => 'for' | 'against' | 'abstain') =>
    Promise.all(voters.map((n, i) => castBallot(ctx, as(n), motionId, choiceOf(i), undefined)));
  const passed = await createMotion(ctx, officer, congress.id, {
    title: '关于《西安市总工会职工互助保障活动实施办法（修订草案）》的议案',
    body: '为进一步发挥职工互助保障作用，修订草案将住院医疗互助给付比例由50%提高至60%，新增新就业形态劳动者参保办法。提请大会表决。',
  });
  const passedVoters = Array.from({ length: 246 }, (_, i) => i + 2);
  await vote(passed.id, passedVoters, (i) => (i % 12 === 0 ? 'against' : i % 17 === 0 ? 'abstain' : 'for'));
  await closeMotion(ctx, officer, passed.id);
  const open = await createMotion(ctx, officer, congress.id, {
    title: '关于2027年度职工之家建设资金使用方案的议案',
    body: '2027年度拟安排职工之家建设资金1200万元，重点用于户外劳动者驿站提升改造和基层工会职工书屋建设。请各位代表在表决期内投票。',
    closesAt: new Date(now.getTime() + 5 * day).toISOString(),
  });
  await vote(
    open.id,
    Array.from({ length: 90 }, (_, i) => i + 2),
    (i) => (i % 10 === 0 ? 'abstain' : 'for'),
  );

  // ——— 灞桥区纺织厂 职代会: its members are its representatives; the resettlement plan voted and published ———
  const millCtx = daysAgo(30);
  const mill = await createCongress(millCtx, textileOfficer, {
    orgId: textileUnion.id,
    kind: 'workers_congress',
    name: '灞桥区纺织厂第八届职工代表大会',
    termStartsOn: shanghaiDate(new Date(now.getTime() - 30 * day)),
    termEndsOn: `${year + 2}-12-31`,
  });
  const millMembers = demoMembers.filter((m) => m.orgId === textileUnion.id);
  await addRepresentatives(
    millCtx,
    textileOfficer,
    mill.id,
    millMembers.map((m) => ({ memberId: m.id, delegation: '细纱车间代表组' })),
  );
  const plan = await createMotion(ctx, textileOfficer, mill.id, {
    title: '灞桥区纺织厂整体搬迁职工安置方案',
    body: '工厂整体搬迁至西安国际港务区新厂区。安置方案：全部在岗职工随迁安置，不裁员；搬迁期间开通职工通勤班车；距退休不足5年的职工可申请内部退养；住房困难职工优先入住新厂区公寓；搬迁补贴每人每月500元，发放12个月。提请职工代表大会表决。',
  });
  await Promise.all(
    millMembers
      .slice(0, Math.ceil((millMembers.length * 9) / 10))
      .map((m, i) =>
        castBallot(ctx, worker(m), plan.id, i % 9 === 4 ? 'against' : i % 11 === 7 ? 'abstain' : 'for', undefined),
      ),
  );
  await closeMotion(ctx, textileOfficer, plan.id);
}
