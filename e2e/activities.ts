import { staffApiLogin } from './browser.js';
import { call } from './programmes.js';

/**
 * The activities journeys' start: a suffix that keeps this run's names apart, the city's administrator, and an
 * activity officer (活动专干) of the city federation they name for this run (`<prefix>_<suffix>`, password
 * `officer-pass-1`), signed in through the API.
 */
export async function cityActivityOfficer(prefix: string) {
  const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
  const admin = await staffApiLogin('xian_admin');
  const officer = { username: `${prefix}_${suffix}`, password: 'officer-pass-1' };
  await call(
    admin.token,
    'POST',
    '/api/v1/staff',
    { ...officer, orgId: admin.orgId, displayName: '活动专干', roles: ['activity_officer'] },
    201,
  );
  const officerApi = await staffApiLogin(officer.username, officer.password);
  return { suffix, admin, officer, officerApi };
}
