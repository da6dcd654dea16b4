import { auditIn } from '../kernel/use-case.js';
import type { AppContext } from '../kernel/context.js';
import { staff } from '../kernel/db/kernel.tables.js';
import { insertOrg, type OrgNode } from '../kernel/org-tree.js';
import { withIdCheckChar } from '../kernel/pii.js';
import { hashPassword } from '../modules/auth/index.js';
import { members, memberSecrets } from '../modules/members/index.js';
import { insertNewStation, stations, type StationInput } from '../modules/stations/index.js';
import {
  breakfastEnrolments,
  breakfastPartners,
  merchantStaff,
  merchants,
  voucherCampaigns,
} from '../modules/perks/index.js';
import { shanghaiDate } from '../kernel/clock.js';
import { eq } from 'drizzle-orm';
import type { Db } from '../kernel/db/client.js';

export const demoStaffPassword = 'demo12345';
/** Demo members: phones 13900000001 … 13900000300. */
export const demoMemberCount = 300;

/** GB/T 2260 codes of Xi'an's central districts (the city of seed 000). */
const districts = [
  {
    name: '新城区总工会',
    code: '610102',
    unions: ['新城区环卫工会', '西安市第一医院工会'],
    center: [34.2667, 108.9608],
    streets: ['解放路', '长乐路', '东五路', '韩森路', '西一路'],
  },
  {
    name: '碑林区总工会',
    code: '610103',
    unions: ['碑林区环卫工会', '碑林区家政服务业工会'],
    center: [34.2537, 108.943],
    streets: ['南大街', '友谊东路', '建设路', '和平路', '环城南路'],
  },
  {
    name: '莲湖区总工会',
    code: '610104',
    unions: ['莲湖区团结西路环卫所工会', '莲湖区快递物流行业工会', '莲湖区餐饮外卖骑手工会'],
    center: [34.2651, 108.9336],
    streets: ['团结西路', '大庆路', '劳动路', '丰庆路', '桃园路'],
  },
  {
    name: '雁塔区总工会',
    code: '610113',
    unions: ['雁塔区网约车司机工会', '雁塔区科技园联合工会'],
    center: [34.2227, 108.9487],
    streets: ['小寨东路', '高新路', '电子正街', '长安中路', '含光路'],
  },
  {
    name: '未央区总工会',
    code: '610112',
    unions: ['未央区货车司机之家工会', '未央区制造业联合工会'],
    center: [34.2925, 108.9468],
    streets: ['凤城二路', '未央路', '太华路', '北二环', '文景路'],
  },
  {
    name: '灞桥区总工会',
    code: '610111',
    unions: ['灞桥区纺织厂工会'],
    center: [34.2734, 109.0643],
    streets: ['纺织城正街', '长乐东路', '灞桥街道', '洪庆路', '席王路'],
  },
];

const restServices = ['饮水', '热饭', '充电', '如厕', '急救包', '休息座椅'];

const surnames = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const givenNames = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
];
const occupations = ['环卫工人', '快递员', '外卖骑手', '网约车司机', '货车司机', '家政服务员', '工厂职工', '护士'];

export interface DemoCity {
  city: OrgNode;
  districts: OrgNode[];
  grassroots: OrgNode[];
}

export async function loadDemoCity(ctx: AppContext, root: OrgNode): Promise<DemoCity> {
  const passwordHash = await hashPassword(demoStaffPassword);
  return ctx.db.transaction(async (tx) => {
    const province = await insertOrg(tx, {
      parent: root,
      name: '陕西省总工会',
      kind: 'federation',
      regionCode: '610000',
    });
    const city = await insertOrg(tx, {
      parent: province,
      name: '西安市总工会',
      kind: 'federation',
      regionCode: '610100',
    });
    const transport = await insertOrg(tx, {
      parent: city,
      name: '西安市交通运输工会',
      kind: 'industry',
      regionCode: '610100',
    });
    const accounts: (typeof staff.$inferInsert)[] = [
      { username: 'xian_admin', displayName: '市总管理员', orgId: city.id, roles: ['org_admin'], passwordHash },
      { username: 'xian_leader', displayName: '市总领导', orgId: city.id, roles: ['leader'], passwordHash },
    ];
    const districtNodes: OrgNode[] = [];
    const grassroots: OrgNode[] = [];
    for (const d of districts) {
      const district = await insertOrg(tx, { parent: city, name: d.name, kind: 'federation', regionCode: d.code });
      districtNodes.push(district);
      const center = await insertOrg(tx, {
        parent: district,
        name: `${d.name.replace('总工会', '')}职工法律服务中心`,
        kind: 'center',
        regionCode: d.code,
      });
      for (const u of d.unions)
        grassroots.push(await insertOrg(tx, { parent: district, name: u, kind: 'grassroots', regionCode: d.code }));
      const short = `d${d.code.slice(4)}`;
      await loadDemoStations(ctx, tx, district, d, grassroots[grassroots.length - 1]!);
      accounts.push(
        {
          username: `${short}_stations`,
          displayName: `${d.name}阵地专干`,
          orgId: district.id,
          roles: ['station_manager'],
          passwordHash,
        },
        {
          username: `${short}_admin`,
          displayName: `${d.name}管理员`,
          orgId: district.id,
          roles: ['org_admin'],
          passwordHash,
        },
        {
          username: `${short}_members`,
          displayName: `${d.name}会员专干`,
          orgId: district.id,
          roles: ['member_manager'],
          passwordHash,
        },
        {
          username: `${short}_legal`,
          displayName: `${center.name}调解员`,
          orgId: center.id,
          roles: ['case_handler'],
          passwordHash,
        },
      );
      // A second handler of the 莲湖 centre, so a case can be assigned to someone other than the one who accepted it.
      if (d.code === '610104') {
        accounts.push({
          username: `${short}_lawyer`,
          displayName: `${center.name}律师`,
          orgId: center.id,
          roles: ['case_handler'],
          passwordHash,
        });
      }
    }
    grassroots.push(
      await insertOrg(tx, {
        parent: transport,
        name: '顺达快递西安分公司工会',
        kind: 'grassroots',
        regionCode: '610112',
      }),
    );
    accounts.push(
      {
        username: 'd04_perks',
        displayName: '莲湖区普惠专干',
        orgId: districtNodes[2]!.id,
        roles: ['perks_manager'],
        passwordHash,
      },
      {
        username: 'd04_shop',
        displayName: '爱心游泳馆收银',
        orgId: districtNodes[2]!.id,
        roles: ['merchant'],
        passwordHash,
      },
    );
    // 补助专干 of the city (runs the programmes) and of the courier union (the first review of its members).
    accounts.push(
      {
        username: 'xian_programmes',
        displayName: '市总补助专干',
        orgId: city.id,
        roles: ['programme_officer'],
        passwordHash,
      },
      {
        username: 'g_courier_programmes',
        displayName: '快递物流行业工会补助专干',
        orgId: grassroots.find((g) => g.name === '莲湖区快递物流行业工会')!.id,
        roles: ['programme_officer'],
        passwordHash,
      },
    );
    // 民主管理专干 of the city: its congress terms, representatives, proposals' committee work, motions and scores.
    accounts.push({
      username: 'xian_participation',
      displayName: '市总民主管理专干',
      orgId: city.id,
      roles: ['participation_officer'],
      passwordHash,
    });
    // A district's 民主管理专干 (the handling body of assigned proposals) and the textile mill union's (its 职代会).
    accounts.push(
      {
        username: 'd04_participation',
        displayName: '莲湖区总工会民主管理专干',
        orgId: districtNodes[2]!.id,
        roles: ['participation_officer'],
        passwordHash,
      },
      {
        username: 'g_textile_participation',
        displayName: '灞桥区纺织厂工会民主管理专干',
        orgId: grassroots.find((g) => g.name === '灞桥区纺织厂工会')!.id,
        roles: ['participation_officer'],
        passwordHash,
      },
    );
    const created = await tx.insert(staff).values(accounts).returning({ id: staff.id, username: staff.username });
    // A partner shop of 莲湖区 with its cashier, and a voucher campaign open for a month.
    const [shop] = await tx
      .insert(merchants)
      .values({ orgId: districtNodes[2]!.id, name: '莲湖爱心游泳馆', address: '西安市莲湖区劳动路66号' })
      .returning({ id: merchants.id });
    await tx
      .insert(merchantStaff)
      .values({ merchantId: shop!.id, staffId: created.find((a) => a.username === 'd04_shop')!.id });
    await tx.insert(voucherCampaigns).values({
      orgId: districtNodes[2]!.id,
      title: '夏日游泳体验券',
      quantity: 500,
      remaining: 500,
      perMemberLimit: 1,
      startsAt: new Date(ctx.clock.now().getTime() - 3600_000),
      endsAt: new Date(ctx.clock.now().getTime() + 30 * 86_400_000),
      faceValueFen: 5000,
      merchantId: shop!.id,
      createdBy: created.find((a) => a.username === 'd04_perks')!.id,
    });

    // 300 members spread over the grassroots unions, phones 139 0000 0001…0300, valid ID numbers (the city
    // congress's 300 representatives, demo-participation.ts).
    const rows: (typeof members.$inferInsert)[] = [];
    for (let i = 1; i <= demoMemberCount; i++) {
      const org = grassroots[i % grassroots.length]!;
      const phone = `1390000${String(i).padStart(4, '0')}`;
      const birth = `19${70 + (i % 30)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
      const idNumber = withIdCheckChar(`${org.regionCode ?? '610100'}${birth}${String(i % 1000).padStart(3, '0')}`);
      rows.push({
        orgId: org.id,
        name: `${surnames[i % surnames.length]}${givenNames[(i * 7) % givenNames.length]}`,
        ...memberSecrets(ctx, phone, idNumber),
        employer: org.name.replace(/工会$/, ''),
        occupation: occupations[i % occupations.length]!,
      });
    }
    const inserted = await tx
      .insert(members)
      .values(rows)
      .returning({ id: members.id, orgId: members.orgId, occupation: members.occupation });
    // 爱心早餐: 莲湖区 enrols its sanitation workers; the demo shop serves breakfast too.
    const lianhu = districtNodes[2]!;
    const lianhuUnions = new Set(grassroots.filter((g) => g.path.startsWith(`${lianhu.path}.`)).map((g) => g.id));
    const sweepers = inserted.filter((m) => lianhuUnions.has(m.orgId));
    await tx.insert(breakfastEnrolments).values(
      sweepers.map((m, i) => ({
        memberId: m.id,
        orgId: lianhu.id,
        cardCode: `BF${String(1000000000 + i)
          .replace(/0/g, 'A')
          .replace(/1/g, 'B')}`,
        enrolledBy: created.find((a) => a.username === 'd04_perks')!.id,
      })),
    );
    await tx.insert(breakfastPartners).values({ merchantId: shop!.id, orgId: lianhu.id });
    await auditIn(
      ctx,
      tx,
      { kind: 'system', id: null },
      {
        action: 'system.demo_loaded',
        objectType: 'org',
        objectId: city.id,
        orgId: city.id,
        details: { members: rows.length },
      },
    );
    return { city, districts: districtNodes, grassroots };
  });
}

/** Stations on real streets of each district: rest stations, a mother-and-baby room, a breakfast shop, a cooling bus. */
async function loadDemoStations(
  ctx: AppContext,
  tx: Db,
  district: OrgNode,
  d: (typeof districts)[number],
  union: OrgNode,
): Promise<void> {
  const system = { kind: 'system' as const, id: null };
  const [lat0, lng0] = d.center as [number, number];
  // Six decimals (≈ 0.1 m), as a map picker gives them.
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  const at = (i: number) => ({
    lat: round6(lat0 + Math.sin(i * 1.7) * 0.018),
    lng: round6(lng0 + Math.cos(i * 1.3) * 0.022),
  });
  const base = (i: number): Omit<StationInput, 'type' | 'name'> => ({
    orgId: i % 2 === 0 ? district.id : union.id,
    address: `西安市${d.name.replace('总工会', '')}${d.streets[i % d.streets.length]}${10 + i * 7}号`,
    ...at(i),
    alwaysOpen: false,
    openDays: [1, 2, 3, 4, 5, 6, 7],
    opensAt: '07:00',
    closesAt: '21:00',
    services: restServices,
    supplies: '饮用水、微波炉、充电线、急救包',
    phone: `029-8${d.code.slice(4)}${String(10000 + i).slice(1)}`,
  });
  for (let i = 0; i < 5; i++) {
    const street = d.streets[i % d.streets.length]!;
    await insertNewStation(
      ctx,
      tx,
      system,
      { ...base(i), type: 'rest_station', name: `${street}工会爱心驿站`, alwaysOpen: i === 0 },
      d.code,
    );
  }
  await insertNewStation(
    ctx,
    tx,
    system,
    {
      ...base(5),
      type: 'mother_baby_room',
      name: `${d.streets[0]}母婴关爱室`,
      services: ['哺乳', '尿布台', '温奶', '休息座椅'],
      opensAt: '09:00',
      closesAt: '18:00',
      openDays: [1, 2, 3, 4, 5],
    },
    d.code,
  );
  await insertNewStation(
    ctx,
    tx,
    system,
    {
      ...base(6),
      type: 'breakfast_shop',
      name: `${d.streets[1]}爱心早餐店`,
      services: ['爱心早餐'],
      opensAt: '05:30',
      closesAt: '09:30',
    },
    d.code,
  );
  if (d.code === '610104' || d.code === '610113') {
    const code = await insertNewStation(
      ctx,
      tx,
      system,
      {
        ...base(7),
        type: 'cooling_bus',
        name: `${d.name.replace('总工会', '')}纳凉公交`,
        services: ['空调', '饮水', '休息座椅'],
      },
      d.code,
    );
    // On the map today, 10:00–16:00, as a manager would set it in the morning.
    await tx
      .update(stations)
      .set({ scheduleDate: shanghaiDate(ctx.clock.now()), opensAt: '10:00', closesAt: '16:00' })
      .where(eq(stations.code, code));
  }
}
