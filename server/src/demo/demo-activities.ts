import { eq, inArray } from 'drizzle-orm';
import { hashPassword } from '../modules/auth/index.js';
import {
  staffRoles,
  type Membership,
  type StaffPrincipal,
  type StaffRole,
  type WorkerPrincipal,
} from '../kernel/auth.js';
import { shanghaiDate, type Clock } from '../kernel/clock.js';
import type { AppContext } from '../kernel/context.js';
import { staff, workerAccounts } from '../kernel/db/kernel.tables.js';
import {
  actOnStory,
  addEntry,
  addQuestions,
  castDemoBallots,
  createFinalRound,
  createPoll,
  createQuiz,
  startAttempt,
  submitAttempt,
  addJudges,
  assignJudges,
  createContest,
  createWalkChallenge,
  judgingQueue,
  likeStory,
  pollEntries,
  recordSteps,
  scoreEntry,
  submitEntry,
  submitStory,
  walkDays,
} from '../modules/activities/index.js';
import { members } from '../modules/members/index.js';
import { demoMemberCount, demoStaffPassword, type DemoCity } from './demo-city.js';

type Member = WorkerPrincipal & { membership: Membership };
const day = 86_400_000;

/** A clock stopped `daysAgo` days before now: the use cases then write the history as it happened. */
function ctxAt(ctx: AppContext, now: number, daysAgo: number): AppContext {
  const clock: Clock = { now: () => new Date(now - daysAgo * day) };
  return { ...ctx, clock };
}

/** The demo's activities staff: the city's 活动专干 and a panel of judges (评委) in the city and three districts. */
const accounts = [
  { username: 'xian_activities', displayName: '市总活动专干', roles: ['activity_officer'], at: 'city' },
  { username: 'judge_city_1', displayName: '市总评委（高级工程师）', roles: ['judge'], at: 'city' },
  { username: 'judge_city_2', displayName: '市总评委（技能大师）', roles: ['judge'], at: 'city' },
  { username: 'judge_city_3', displayName: '市总评委（高校教授）', roles: ['judge'], at: 'city' },
  { username: 'judge_lianhu', displayName: '莲湖区评委', roles: ['judge'], at: '莲湖区总工会' },
  { username: 'judge_yanta', displayName: '雁塔区评委', roles: ['judge'], at: '雁塔区总工会' },
  { username: 'judge_baqiao', displayName: '灞桥区评委', roles: ['judge'], at: '灞桥区总工会' },
] as const;

const storyTexts: { title: string; body: string }[] = [
  {
    title: '凌晨四点的城市美容师',
    body: '每天凌晨四点，我和工友们就推着清扫车上路了。十五年来，我扫过的街道连起来能绕西安城好几圈。累的时候，路边爱心驿站的一杯热水，就是最好的加油。',
  },
  {
    title: '跑单路上的“暖蜂驿站”',
    body: '送外卖六年，风里雨里都赶过单。去年冬天，工会在商圈建了暖蜂驿站，能充电、能热饭、能歇脚，我们骑手终于有了自己的“家”。',
  },
  {
    title: '从学徒到班组长',
    body: '十八岁进厂当学徒，师傅手把手教我看图纸、调设备。如今我带着十二个人的班组，去年我们的小革新让换模时间缩短了一半。',
  },
  {
    title: '货车司机的年夜饭',
    body: '跑长途的人，过年常在路上。今年除夕，工会在服务区给我们摆了年夜饭，还送了体检卡。热腾腾的饺子端上来，眼眶一下就湿了。',
  },
  {
    title: '病房里的“工会娘家人”',
    body: '爱人住院那段日子，工会干部三次来病房看望，帮我们申请了医疗互助。那一刻我真切感受到，工会就是职工的娘家。',
  },
  {
    title: '家政姐妹的夜校课堂',
    body: '工会办的家政技能夜校，我一节课没落下。拿到高级育婴师证书那天，雇主给我涨了工资，我也更有底气了。',
  },
  {
    title: '护士站的深夜灯光',
    body: '夜班的护士站总是亮着灯。我们轮流守护病人，也互相照顾。工会送来的夜班营养餐，让漫长的夜晚多了一份温暖。',
  },
  {
    title: '网约车里的“移动课堂”',
    body: '跑网约车之余，我在工会的线上课堂学了法律知识。后来帮同行追回了被拖欠的平台奖励，大家都叫我“车队里的明白人”。',
  },
  {
    title: '快递小哥的新家',
    body: '以前下班只能挤在城中村的出租屋，工会的职工公寓让我们几个快递兄弟住上了干净的新房，每月租金还有补贴。',
  },
  {
    title: '班组里的“金点子”',
    body: '我提的“小建议”被厂里采纳：在生产线加一块导向板，每年能省下近十万元的废料。工会还给我发了创新奖。',
  },
];

const contestEntries: { title: string; category: string; description: string }[] = [
  {
    title: '快速换模定位装置',
    category: 'innovation',
    description: '在冲压模具底座加装锥形定位销与快换夹钳，换模时间由40分钟缩短到15分钟，年节约工时约600小时。',
  },
  {
    title: '电缆剥皮多功能工具',
    category: 'invention',
    description: '一把工具完成不同线径电缆的环切、纵切与剥皮，减少刀具划伤，已在三个班组试用。',
  },
  {
    title: '公交车门防夹提示灯',
    category: 'creation',
    description: '车门关闭前3秒闪烁提示并蜂鸣，红外检测到遮挡自动停止关闭，试点线路夹人投诉降为零。',
  },
  {
    title: '快递分拣台高度可调设计',
    category: 'design',
    description: '分拣台按身高一键升降，减少弯腰次数，试点站点腰肌劳损报告下降三成。',
  },
  {
    title: '环卫车作业路线优化建议',
    category: 'suggestion',
    description: '按早高峰车流重排清扫路线与时段，避开拥堵路段，每车每日节油约4升。',
  },
  {
    title: '焊接烟尘移动收集罩',
    category: 'invention',
    description: '带万向臂的移动吸尘罩，贴近焊点收集烟尘，车间PM2.5浓度下降六成。',
  },
  {
    title: '纺纱断头自动报警器',
    category: 'innovation',
    description: '光电检测纱线断头并声光报警，挡车工巡回距离减少一半，断头处理时间缩短。',
  },
  {
    title: '护理记录语音录入流程',
    category: 'suggestion',
    description: '夜班护理记录改为语音录入后校对，单次记录时间由5分钟降到2分钟。',
  },
  {
    title: '网约车司机休息区导航小程序',
    category: 'design',
    description: '把沿线爱心驿站、充电桩和免费停车点标在一张图上，司机一键导航。',
  },
  {
    title: '变压器巡检记录二维码',
    category: 'creation',
    description: '每台变压器贴二维码，扫码即录巡检数据，纸质台账取消，数据可追溯。',
  },
  {
    title: '货车盲区雷达加装方案',
    category: 'innovation',
    description: '右侧盲区加装毫米波雷达并与转向灯联动报警，试点车队右转事故为零。',
  },
  {
    title: '食堂余料称重公示',
    category: 'suggestion',
    description: '每日公示各窗口余料重量，按数据调整备餐量，食堂浪费减少两成。',
  },
];

const quizBank: { text: string; options: string[]; correct: string[]; kind: 'single' | 'multiple' | 'true_false' }[] = [
  {
    kind: 'single',
    text: '劳动者每日工作时间一般不超过几小时？',
    options: ['6小时', '8小时', '10小时', '12小时'],
    correct: ['B'],
  },
  {
    kind: 'single',
    text: '发生火灾时，正确的逃生做法是？',
    options: ['乘坐电梯', '用湿毛巾捂住口鼻低姿撤离', '跳楼', '返回取贵重物品'],
    correct: ['B'],
  },
  {
    kind: 'single',
    text: '全国安全生产月一般在每年的哪个月？',
    options: ['3月', '6月', '9月', '12月'],
    correct: ['B'],
  },
  {
    kind: 'single',
    text: '收到“冒充客服退款”的电话，应当？',
    options: ['按对方要求转账', '提供验证码', '挂断并通过官方渠道核实', '下载对方发来的软件'],
    correct: ['C'],
  },
  {
    kind: 'single',
    text: '职工发生工伤后，用人单位应在多少日内申请工伤认定？',
    options: ['7日', '15日', '30日', '60日'],
    correct: ['C'],
  },
  {
    kind: 'single',
    text: '设置密码时，较安全的做法是？',
    options: ['用生日', '所有网站用同一个', '字母数字符号组合并定期更换', '写在便签贴在电脑上'],
    correct: ['C'],
  },
  {
    kind: 'single',
    text: '劳动合同期限三个月以上不满一年的，试用期不得超过？',
    options: ['半个月', '一个月', '两个月', '六个月'],
    correct: ['B'],
  },
  {
    kind: 'single',
    text: '高处作业是指坠落高度基准面多少米以上？',
    options: ['1米', '2米', '3米', '5米'],
    correct: ['B'],
  },
  {
    kind: 'multiple',
    text: '以下哪些属于个人敏感信息？',
    options: ['身份证号', '银行卡号', '行踪轨迹', '公开的单位名称'],
    correct: ['A', 'B', 'C'],
  },
  {
    kind: 'multiple',
    text: '使用灭火器的正确步骤包括？',
    options: ['拔掉保险销', '握住喷管对准火焰根部', '压下压把', '对准火焰顶部喷射'],
    correct: ['A', 'B', 'C'],
  },
  {
    kind: 'multiple',
    text: '职工依法享有的权利有？',
    options: ['取得劳动报酬', '休息休假', '获得劳动安全卫生保护', '无故旷工'],
    correct: ['A', 'B', 'C'],
  },
  {
    kind: 'multiple',
    text: '防范网络诈骗，应当做到？',
    options: ['不点陌生链接', '不透露验证码', '转账前多方核实', '把密码告诉“客服”'],
    correct: ['A', 'B', 'C'],
  },
  { kind: 'true_false', text: '用人单位可以扣押劳动者的身份证件。', options: ['正确', '错误'], correct: ['B'] },
  {
    kind: 'true_false',
    text: '公共场所的免费 Wi-Fi 可以放心用来网上支付。',
    options: ['正确', '错误'],
    correct: ['B'],
  },
  { kind: 'true_false', text: '进入有限空间作业前应先通风、检测、再作业。', options: ['正确', '错误'], correct: ['A'] },
  { kind: 'true_false', text: '加班费的计算基数不得低于当地最低工资标准。', options: ['正确', '错误'], correct: ['A'] },
  { kind: 'true_false', text: '电气设备着火时可以直接用水扑救。', options: ['正确', '错误'], correct: ['B'] },
  { kind: 'true_false', text: '工会会员有权对工会工作提出批评和建议。', options: ['正确', '错误'], correct: ['A'] },
  {
    kind: 'true_false',
    text: '手机收到的短信验证码可以告诉自称银行工作人员的人。',
    options: ['正确', '错误'],
    correct: ['B'],
  },
  {
    kind: 'true_false',
    text: '女职工在孕期、产期、哺乳期内，用人单位不得随意解除劳动合同。',
    options: ['正确', '错误'],
    correct: ['A'],
  },
];

const drivers = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const driverNames = ['建军', '国强', '志刚', '海涛', '永平', '红军', '保平', '军利', '小龙', '卫东', '文斌', '长青'];

/** A wrong answer to a question whose right one is `correct` (A or B exists on every kind). */
const wrongFor = (correct: string[] | undefined) => (correct?.[0] === 'A' ? ['B'] : ['A']);

const rubric = [
  { criterion: '创新性', weight: 30, maxScore: 10 },
  { criterion: '实用性', weight: 30, maxScore: 10 },
  { criterion: '经济效益', weight: 25, maxScore: 10 },
  { criterion: '推广价值', weight: 15, maxScore: 10 },
];

/**
 * Xi'an's activities (活动), made through the module's own use cases so that each has its real audit records,
 * timelines and notifications: the city's 健步走 running now with three weeks of members' steps, stories in every
 * state of moderation with likes, and a 五小 contest in judging with a panel of six judges (回避 respected by the
 * assignment) and most of its entries scored.
 */
export async function loadDemoActivities(ctx: AppContext, city: DemoCity): Promise<void> {
  const allOrgs = [city.city, ...city.districts, ...city.grassroots];
  const orgByName = new Map(allOrgs.map((o) => [o.name, o]));
  const orgPathOf = new Map(allOrgs.map((o) => [o.id, o.path]));
  const passwordHash = await hashPassword(demoStaffPassword);
  const created = await ctx.db
    .insert(staff)
    .values(
      accounts.map((a) => ({
        username: a.username,
        displayName: a.displayName,
        roles: [...a.roles],
        orgId: a.at === 'city' ? city.city.id : orgByName.get(a.at)!.id,
        passwordHash,
      })),
    )
    .returning({ id: staff.id, username: staff.username, orgId: staff.orgId, roles: staff.roles });
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
  const officer = principalOf('xian_activities');
  const judges = created.filter((c) => c.username.startsWith('judge_')).map((c) => principalOf(c.username));
  const now = ctx.clock.now().getTime();
  const at = (daysAgo: number) => ctxAt(ctx, now, daysAgo);

  // The demo members (phones 13900000001…) with the app accounts signing in by SMS makes.
  const rows = await ctx.db
    .select({
      id: members.id,
      name: members.name,
      orgId: members.orgId,
      phoneHash: members.phoneHash,
      phoneEnc: members.phoneEnc,
      phoneMasked: members.phoneMasked,
    })
    .from(members)
    .where(
      inArray(
        members.orgId,
        city.grassroots.map((g) => g.id),
      ),
    );
  await ctx.db
    .insert(workerAccounts)
    .values(rows.map((r) => ({ phoneHash: r.phoneHash, phoneEnc: r.phoneEnc, phoneMasked: r.phoneMasked })))
    .onConflictDoNothing();
  const accountOf = new Map(
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
  const byHash = new Map(rows.map((r) => [r.phoneHash, r]));
  const demoMembers: Member[] = [];
  for (let i = 1; i <= demoMemberCount; i++) {
    const row = byHash.get(ctx.pii.blindIndex('phone', `1390000${String(i).padStart(4, '0')}`));
    if (!row) continue;
    demoMembers.push({
      kind: 'worker',
      accountId: accountOf.get(row.phoneHash)!,
      phoneMasked: row.phoneMasked,
      membership: { memberId: row.id, orgId: row.orgId, orgPath: orgPathOf.get(row.orgId)!, name: row.name },
    });
  }
  const member = (i: number) => demoMembers[i % demoMembers.length]!;

  // ——— 健步走: the city's challenge, started 20 days ago, ten days to go; 120 members' days so far ———
  const today = shanghaiDate(new Date(now));
  const dateAgo = (n: number) => shanghaiDate(new Date(now - n * day));
  const walk = await createWalkChallenge(at(25), officer, {
    orgId: city.city.id,
    title: '“健康西安 职工同行”冬季健步走',
    startsOn: dateAgo(20),
    endsOn: shanghaiDate(new Date(now + 10 * day)),
    dailyGoalSteps: 8_000,
  });
  // Twelve members' days through the use case (audited, as the app records them); 108 more written set-based.
  const walked: (typeof walkDays.$inferInsert)[] = [];
  for (let i = 0; i < 120; i++) {
    const walker = member(i);
    for (let d = 20; d >= 0; d--) {
      if ((i + d) % 5 === 0) continue; // a day without a walk now and then
      const steps = 3_000 + ((i * 7_919 + d * 104_729) % 14_000);
      const date = d === 0 ? today : dateAgo(d);
      const source = i % 3 === 0 ? 'device' : 'typed';
      if (i < 12) await recordSteps(at(d), walker, walk.id, date, { steps, source });
      else
        walked.push({
          challengeId: walk.id,
          memberId: walker.membership.memberId,
          day: date,
          steps,
          source,
          orgId: walker.membership.orgId,
          recordedAt: new Date(now - d * day),
        });
    }
  }
  await ctx.db.insert(walkDays).values(walked);

  // ——— 职工故事: ten stories, seven approved (with likes), one rejected with its reason, two waiting ———
  for (const [i, text] of storyTexts.entries()) {
    const author = member(i * 17 + 3);
    const story = await submitStory(at(30 - i * 2), author, text, undefined, '127.0.0.1');
    if (i < 7) {
      await actOnStory(at(29 - i * 2), officer, story.id, { action: 'approve' }, undefined);
      for (let l = 0; l < 8 + ((i * 13) % 40); l++) await likeStory(at(28 - i * 2), member(l * 5 + i), story.id);
    } else if (i === 7) {
      await actOnStory(
        at(29 - i * 2),
        officer,
        story.id,
        { action: 'reject', reason: '文中出现了平台和同行的真实姓名，请隐去后重新提交。' },
        undefined,
      );
    }
  }

  // ——— 知识竞赛: the city's safety and cyber-security quiz, running now; members have taken it ———
  const quiz = await createQuiz(at(6), officer, {
    orgId: city.city.id,
    title: '2026年安全生产与网络安全知识竞赛',
    description: '每次随机抽取10题，限时5分钟，每天可答3次。80分及格，及格者参加抽奖。',
    prizes: '一等奖2名（运动手环），二等奖10名（工会定制保温杯）',
    startsAt: new Date(now - 5 * day).toISOString(),
    endsAt: new Date(now + 25 * day).toISOString(),
    questionsPerAttempt: 10,
    timeLimitSeconds: 300,
    attemptsPerDay: 3,
    passScore: 80,
  });
  await addQuestions(at(6), officer, quiz.id, quizBank);
  const correctOf = new Map(quizBank.map((q) => [q.text, q.correct]));
  for (let i = 0; i < 40; i++) {
    const takenAt = at(i % 5);
    const { attempt } = await startAttempt(takenAt, member(i * 3 + 1), quiz.id);
    await submitAttempt(ctxAt(ctx, now - (i % 5) * day + 90_000 + i * 1_000, 0), member(i * 3 + 1), attempt.id, {
      answers: attempt.questions.map((q, k) => ({
        questionId: q.id,
        // Most answer well; every fourth member slips on a question or two.
        choices: i % 4 === 3 && k < 3 ? wrongFor(correctOf.get(q.text)) : (correctOf.get(q.text) ?? []),
      })),
    });
  }

  // ——— 网络投票: 西安市“最美货车司机”, 120 nominees in the first round, its 40 finalists voting now ———
  const firstRound = await createPoll(at(20), officer, {
    orgId: city.city.id,
    title: '寻找西安市“最美货车司机”',
    description: '由各级工会推荐，网络投票前40名进入决赛。',
    startsAt: new Date(now - 16 * day).toISOString(),
    endsAt: new Date(now - 2 * day).toISOString(),
    ballotsPerMemberPerDay: 5,
    perEntryPerDay: 1,
  });
  const entryIds: string[] = [];
  for (let i = 0; i < 120; i++) {
    const name = `${drivers[i % drivers.length]}${driverNames[(i * 7) % driverNames.length]}`;
    const entry = await addEntry(at(18), officer, firstRound.id, {
      title: name,
      description: `驾龄${8 + (i % 20)}年，安全行驶${60 + ((i * 13) % 140)}万公里，${i % 3 === 0 ? '多次在高速上救助遇险司机' : '常年跑陕西至新疆干线，零事故零违章'}。`,
    });
    entryIds.push(entry.id);
  }
  const ballotsOn = (pollEntries: string[], memberCount: number, spread: number) =>
    demoMembers.slice(0, memberCount).flatMap((m, i) =>
      [0, 1, 2].map((k) => ({
        memberId: m.membership.memberId,
        accountId: m.accountId,
        // Popular nominees draw more: the lower the index, the likelier (a skewed pick over the list).
        entryId: pollEntries[Math.floor((((i * 31 + k * 17) % 97) / 97) ** 2 * spread)]!,
      })),
    );
  for (const d of [15, 12, 9, 6, 3])
    await castDemoBallots(at(d), firstRound.id, ballotsOn(entryIds, 200 + d * 5, entryIds.length));
  const finalRound = await createFinalRound(at(1), officer, firstRound.id, {
    topN: 40,
    startsAt: new Date(now - 1 * day).toISOString(),
    endsAt: new Date(now + 9 * day).toISOString(),
    ballotsPerMemberPerDay: 3,
    perEntryPerDay: 1,
  });
  const finalEntries = (
    await ctx.db.select({ id: pollEntries.id }).from(pollEntries).where(eq(pollEntries.pollId, finalRound.id))
  ).map((e) => e.id);
  await castDemoBallots(at(1), finalRound.id, ballotsOn(finalEntries, 150, finalEntries.length));

  // ——— 五小 contest: entries from members across the city, six judges, judging under way ———
  const contest = await createContest(at(40), officer, {
    orgId: city.city.id,
    title: '2026年西安市职工“五小”创新成果评选',
    description: '面向全市职工征集小发明、小创造、小革新、小设计、小建议成果，网上申报、网上评审。',
    categories: [
      { key: 'invention', label: '小发明' },
      { key: 'creation', label: '小创造' },
      { key: 'innovation', label: '小革新' },
      { key: 'design', label: '小设计' },
      { key: 'suggestion', label: '小建议' },
    ],
    rubric,
    judgesPerEntry: 3,
  });
  for (const [i, entry] of contestEntries.entries()) {
    await submitEntry(
      at(35 - i),
      member(i * 23 + 11),
      contest.id,
      i % 4 === 0 ? { ...entry, teamName: `${entry.title}攻关小组`, teamMembers: ['李师傅', '赵工'] } : entry,
      undefined,
    );
  }
  await addJudges(at(20), officer, contest.id, { staffIds: judges.map((j) => j.staffId) });
  await assignJudges(at(18), officer, contest.id);
  // Every judge has scored most of their queue; a few entries still wait for their last judge.
  let n = 0;
  for (const judge of judges) {
    for (const a of (await judgingQueue(at(10), judge)).items) {
      n += 1;
      if (n % 7 === 6) continue;
      await scoreEntry(at(10 - (n % 8)), judge, a.entryId, {
        scores: rubric.map((r, k) => ({ criterion: r.criterion, score: 5 + ((n * 3 + k * 5) % 6) })),
        comment: n % 3 === 0 ? '思路清晰，建议补充应用数据。' : undefined,
      });
    }
  }
}
