import { describe, expect, it } from 'vitest';
import { isOpenAt, shanghaiMoment, stationCode, type Hours } from './stations.hours.js';

const base: Hours = {
  type: 'rest_station',
  alwaysOpen: false,
  openDays: [1, 2, 3, 4, 5],
  opensAt: '08:00:00',
  closesAt: '20:00:00',
  scheduleDate: null,
};
const at = (iso: string) => shanghaiMoment(new Date(iso));

describe('station hours', () => {
  it('reads the Shanghai wall clock', () => {
    expect(at('2026-11-23T01:30:00Z')).toEqual({
      date: '2026-11-23',
      isoWeekday: 1,
      time: '09:30:00',
      second: 9 * 3600 + 30 * 60,
    });
    expect(at('2026-11-22T15:59:00Z')).toEqual({
      date: '2026-11-22',
      isoWeekday: 7,
      time: '23:59:00',
      second: 23 * 3600 + 59 * 60,
    });
  });

  it('is open inside the hours on an open day only', () => {
    expect(isOpenAt(base, at('2026-11-23T09:00:00+08:00'))).toBe(true);
    expect(isOpenAt(base, at('2026-11-23T07:59:59+08:00'))).toBe(false);
    expect(isOpenAt(base, at('2026-11-23T20:00:00+08:00'))).toBe(false);
    expect(isOpenAt(base, at('2026-11-22T12:00:00+08:00'))).toBe(false); // Sunday
    expect(isOpenAt({ ...base, alwaysOpen: true }, at('2026-11-22T03:00:00+08:00'))).toBe(true);
  });

  it('handles hours that cross midnight', () => {
    const night = { ...base, openDays: [1, 2, 3, 4, 5, 6, 7], opensAt: '22:00:00', closesAt: '06:00:00' };
    expect(isOpenAt(night, at('2026-11-23T23:00:00+08:00'))).toBe(true);
    expect(isOpenAt(night, at('2026-11-23T05:00:00+08:00'))).toBe(true);
    expect(isOpenAt(night, at('2026-11-23T12:00:00+08:00'))).toBe(false);
  });

  it('shows a cooling bus only on the day it was scheduled', () => {
    const bus: Hours = {
      ...base,
      type: 'cooling_bus',
      openDays: [1, 2, 3, 4, 5, 6, 7],
      opensAt: '10:00',
      closesAt: '16:00',
      scheduleDate: '2026-07-20',
    };
    expect(isOpenAt(bus, at('2026-07-20T11:00:00+08:00'))).toBe(true);
    expect(isOpenAt(bus, at('2026-07-21T11:00:00+08:00'))).toBe(false);
  });

  it('builds codes from region, type and sequence', () => {
    expect(stationCode('610104', 'rest_station', 1)).toBe('610104RS0001');
    expect(stationCode('610113', 'cooling_bus', 12)).toBe('610113CB0012');
  });
});
