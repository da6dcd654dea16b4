import {
  createOrg,
  createStaffUser,
  freshRegionCode,
  freshWorld,
  randomIdNumber,
  randomPhone,
  type Org,
  type StaffUser,
  type World,
} from './factories.js';
import type { TestApp } from './harness.js';

/**
 * A county of its own for hardship tests: the world's federation, a county union under it with a region code no
 * other test uses (standards are keyed by region code across the federation), a community union below the county,
 * and the people who work on households there.
 */
export interface HardshipWorld extends World {
  regionCode: string;
  county: Org;
  community: Org;
  /** assistance_officer of the county union: verifies, archives, runs campaigns. */
  officer: StaffUser;
  /** assistance_worker (a volunteer) bound to the community union: files leads in the field. */
  worker: StaffUser;
  /** leader of the world's federation: reads figures, sensitive fields masked. */
  leader: StaffUser;
}

export async function hardshipWorld(t: TestApp): Promise<HardshipWorld> {
  const w = await freshWorld(t);
  const regionCode = await freshRegionCode(t);
  const county = await createOrg(t, w.admin.token, w.org.id, 'federation', regionCode);
  const community = await createOrg(t, w.admin.token, county.id, 'grassroots', regionCode);
  const officer = await createStaffUser(t, w.admin.token, county.id, ['assistance_officer']);
  const worker = await createStaffUser(t, w.admin.token, community.id, ['assistance_worker']);
  const leader = await createStaffUser(t, w.admin.token, w.org.id, ['leader']);
  return { ...w, regionCode, county, community, officer, worker, leader };
}

/** A household as the survey form sends it (a fresh head ID number and phone each call). */
export function householdInput(regionCode: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    headName: '李桂兰',
    idNumber: randomIdNumber(),
    phone: randomPhone(),
    regionCode,
    address: '青铜峡市裕民街道幸福巷12号',
    size: 4,
    monthlyIncomeFen: 45_000,
    causes: ['illness'],
    ...overrides,
  };
}

/** Files a lead (201 expected) and answers its id. */
export async function fileLead(
  t: TestApp,
  token: string,
  household: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.call('POST', '/api/v1/hardship/leads', {
    token,
    body: { household, channel: 'volunteer', consent: true, ...extra },
  });
  if (res.status !== 201) throw new Error(`file lead failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.id as string;
}
