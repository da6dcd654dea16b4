import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, rootAdminToken } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { addWorkingDays } from '../../kernel/clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

// A holiday week the way the State Council publishes one: five weekdays off, a Saturday worked before it.
const week = [
  { date: '2031-10-01', kind: 'holiday', name: '国庆节' },
  { date: '2031-10-02', kind: 'holiday', name: '国庆节' },
  { date: '2031-10-03', kind: 'holiday', name: '国庆节' },
  { date: '2031-10-06', kind: 'holiday', name: '国庆节' },
  { date: '2031-10-07', kind: 'holiday', name: '国庆节' },
  { date: '2031-09-27', kind: 'workday', name: '国庆节调休上班' },
];

describe('working calendar 节假日安排', () => {
  it('the federation enters a year’s holidays; working-day deadlines skip them and count make-up days', async () => {
    const root = await rootAdminToken(t);
    // Tuesday 30 September 2031, 10:00: one working day → Wednesday, until the calendar says otherwise.
    const eve = new Date('2031-09-30T10:00:00+08:00');
    expect(addWorkingDays(eve, 1, t.ctx.calendar.current()).toISOString()).toBe('2031-10-01T15:59:59.999Z');
    const saved = await t.call('PUT', '/api/v1/calendar/2031', { token: root, body: { days: week } });
    expect(saved.status).toBe(200);
    expect(saved.json.days).toHaveLength(6);
    // Now the first working day after the eve is Wednesday 8 October; Friday 26 September + 1 is Saturday the 27th.
    expect(addWorkingDays(eve, 1, t.ctx.calendar.current()).toISOString()).toBe('2031-10-08T15:59:59.999Z');
    expect(addWorkingDays(new Date('2031-09-26T10:00:00+08:00'), 1, t.ctx.calendar.current()).toISOString()).toBe(
      '2031-09-27T15:59:59.999Z',
    );

    // Any staff member reads it; only the federation's administrators change it.
    const w = await freshWorld(t);
    const read = await t.call('GET', '/api/v1/calendar?year=2031', { token: w.admin.token });
    expect(read.json.days.map((d: { date: string }) => d.date)).toEqual([...week.map((d) => d.date)].sort());
    expect((await t.call('PUT', '/api/v1/calendar/2031', { token: w.admin.token, body: { days: [] } })).status).toBe(
      403,
    );
    expect((await t.call('GET', '/api/v1/calendar?year=2031')).status).toBe(401);

    // Shape first (kind, name), then the year's rules (inside the year, each date once).
    const clashing = [
      { date: '2032-01-01', kind: 'holiday', name: '元旦' },
      { date: '2031-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2031-05-01', kind: 'holiday', name: '劳动节' },
    ];
    const bad = await t.call('PUT', '/api/v1/calendar/2031', {
      token: root,
      body: { days: [...clashing, { date: '2031-05-02', kind: 'day_off', name: '' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'days.3.kind',
      'days.3.name',
    ]);
    const clash = await t.call('PUT', '/api/v1/calendar/2031', { token: root, body: { days: clashing } });
    expect(clash.json.error.details.issues.map((i: { path: string; code: string }) => `${i.path}:${i.code}`)).toEqual([
      'days.0.date:outside_year',
      'days.2.date:duplicate',
    ]);

    // Replacing the year with nothing restores plain weekdays.
    await t.call('PUT', '/api/v1/calendar/2031', { token: root, body: { days: [] } });
    expect(addWorkingDays(eve, 1, t.ctx.calendar.current()).toISOString()).toBe('2031-10-01T15:59:59.999Z');
  });
});
