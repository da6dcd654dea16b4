import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, shanghaiDate } from './clock.js';

const weekdays = { holidays: new Set<string>(), workdays: new Set<string>() };

describe('Asia/Shanghai calendar', () => {
  it('puts 23:30 UTC on the next Shanghai day', () => {
    expect(shanghaiDate(new Date('2026-11-20T15:59:59Z'))).toBe('2026-11-20');
    expect(shanghaiDate(new Date('2026-11-20T16:00:00Z'))).toBe('2026-11-21');
  });

  it('counts working days Monday to Friday, ending at the end of the day', () => {
    // Tuesday 2026-11-17 10:00 Shanghai + 1 working day → end of Wednesday
    expect(addWorkingDays(new Date('2026-11-17T10:00:00+08:00'), 1, weekdays).toISOString()).toBe(
      '2026-11-18T15:59:59.999Z',
    );
    // Friday evening + 1 → end of Monday
    expect(addWorkingDays(new Date('2026-11-20T20:00:00+08:00'), 1, weekdays).toISOString()).toBe(
      '2026-11-23T15:59:59.999Z',
    );
    // Saturday + 1 → end of Monday
    expect(addWorkingDays(new Date('2026-11-21T09:00:00+08:00'), 1, weekdays).toISOString()).toBe(
      '2026-11-23T15:59:59.999Z',
    );
    // Thursday + 5 → end of next Thursday
    expect(addWorkingDays(new Date('2026-11-19T09:00:00+08:00'), 5, weekdays).toISOString()).toBe(
      '2026-11-26T15:59:59.999Z',
    );
  });

  it('skips public holidays and counts weekend days worked instead', () => {
    const calendar = { holidays: new Set(['2031-10-01', '2031-10-02']), workdays: new Set(['2031-09-27']) };
    expect(isWorkingDay('2031-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2031-09-27', calendar)).toBe(true); // a Saturday
    expect(isWorkingDay('2031-09-28', calendar)).toBe(false); // a Sunday
    // Tuesday 30 September + 1 → Friday 3 October (Wednesday and Thursday are holidays)
    expect(addWorkingDays(new Date('2031-09-30T09:00:00+08:00'), 1, calendar).toISOString()).toBe(
      '2031-10-03T15:59:59.999Z',
    );
  });
});
