import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, SettableClock } from '../src/kernel/clock.js';
import { stationsState } from '../src/modules/stations/stations.state.js';
import {
  campaignOpeningTomorrow,
  createOrg,
  createStaffUser,
  freshRegionCode,
  freshWorld,
  memberOfWorld,
  randomAddress,
  workerLogin,
} from './factories.js';
import { startTestApp, type TestApp } from './harness.js';

/** Everything that lives as long as an app lives on its context: two apps in one process share none of it. */
describe('two apps in one process', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    // The same database, even: only what is in it is shared.
    b = await startTestApp({}, { database: a.database });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('share claim rate limits through the database, as two server processes must: a member limited in app A is limited in app B', async () => {
    const w = await freshWorld(a);
    const token = await memberOfWorld(a, w);
    const url = await campaignOpeningTomorrow(a, w);
    const claim = (t: TestApp) => t.call('POST', url, { token });
    for (let i = 0; i < 5; i++) expect((await claim(a)).json.error.code).toBe('CAMPAIGN_NOT_OPEN');
    for (let i = 0; i < 5; i++) expect((await claim(b)).json.error.code).toBe('CAMPAIGN_NOT_OPEN');
    expect((await claim(a)).status).toBe(429);
    expect((await claim(b)).status).toBe(429);
  });

  it('count working days by their own calendar', () => {
    const eve = new Date('2031-09-30T10:00:00+08:00');
    a.ctx.calendar.use({ holidays: new Set(['2031-10-01', '2031-10-02']), workdays: new Set() });
    expect(addWorkingDays(eve, 1, a.ctx.calendar.current()).toISOString()).toBe('2031-10-03T15:59:59.999Z');
    expect(addWorkingDays(eve, 1, b.ctx.calendar.current()).toISOString()).toBe('2031-10-01T15:59:59.999Z');
  });

  it('each have their own station index, closed with their app', async () => {
    expect(a.ctx.state.get(stationsState).index).not.toBe(b.ctx.state.get(stationsState).index);
    const other = await startTestApp({}, { database: a.database });
    await other.close();
    // Closing another app over the same database leaves this one answering.
    const nearby = await a.call('GET', '/api/v1/stations/nearby?lat=34.26&lng=108.95&limit=1');
    expect(nearby.status).toBe(200);
  });
});

describe('the app clock', () => {
  const clock = new SettableClock();
  let t: TestApp;
  beforeAll(async () => {
    // Thursday 10 January 2030, one second before midnight in Shanghai.
    clock.set(new Date('2030-01-10T23:59:59+08:00'));
    t = await startTestApp(
      {
        queueLimits: {
          legalCases: { perApplicant: 100, perAddress: 2 },
          membershipApplications: { perApplicant: 3, perAddress: 100 },
          suggestions: { perApplicant: 10, perAddress: 200 },
        },
      },
      { clock },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('drives working-day deadlines and the daily quota: both turn over at midnight in Shanghai', async () => {
    const w = await freshWorld(t);
    const regionCode = await freshRegionCode(t);
    await t.call('PATCH', `/api/v1/orgs/${w.org.id}`, { token: w.admin.token, body: { regionCode } });
    const centre = await createOrg(t, w.admin.token, w.org.id, 'center', regionCode);
    await createStaffUser(t, w.admin.token, centre.id, ['case_handler']);
    const worker = await workerLogin(t);
    // An address of this run only: the PostgreSQL server keeps per-address counts across runs.
    const address = randomAddress();
    const file = () =>
      t.call('POST', '/api/v1/legal/cases', {
        token: worker.token,
        remoteAddress: address,
        body: {
          kind: 'mediation',
          category: 'unpaid_wages',
          description: '公司已拖欠我两个月工资，多次讨要未果。',
          employer: { name: '某公司', regionCode },
        },
      });
    const thursday = await file();
    expect(thursday.status).toBe(201);
    // Filed on Thursday: first contact is due by the end of Friday.
    expect(thursday.json.firstContactDueAt).toBe('2030-01-11T15:59:59.999Z');
    expect(thursday.json.createdAt).toBe('2030-01-10T15:59:59.000Z');
    expect((await file()).status).toBe(201);
    const third = await file();
    expect(third.status).toBe(429);
    expect(third.json.error.details).toMatchObject({ reason: 'address_daily_limit', retryAfterSeconds: 1 });
    clock.advance(2000);
    const friday = await file();
    // A new Shanghai day: the address may file again, and Friday's case is due by the end of Monday.
    expect(friday.status).toBe(201);
    expect(friday.json.firstContactDueAt).toBe('2030-01-14T15:59:59.999Z');
    // Overdue is judged by the same clock: on Saturday, Friday's case is not; on Tuesday it is.
    clock.set(new Date('2030-01-12T09:00:00+08:00'));
    expect((await t.call('GET', `/api/v1/legal/cases/${friday.json.id}`, { token: worker.token })).json.overdue).toBe(
      false,
    );
    clock.set(new Date('2030-01-15T09:00:00+08:00'));
    expect((await t.call('GET', `/api/v1/legal/cases/${friday.json.id}`, { token: worker.token })).json.overdue).toBe(
      true,
    );
  });
});
