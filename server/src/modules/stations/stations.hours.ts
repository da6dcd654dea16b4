import { shanghaiDate } from '../../kernel/clock.js';

export const stationTypes = ['rest_station', 'mother_baby_room', 'cooling_bus', 'breakfast_shop'] as const;
export type StationType = (typeof stationTypes)[number];

/** Two letters per type in the station code: 610104RS0001 is the first rest station registered in 莲湖区. */
export const typeCodeLetters: Record<StationType, string> = {
  rest_station: 'RS',
  mother_baby_room: 'MB',
  cooling_bus: 'CB',
  breakfast_shop: 'BS',
};

export function stationCode(regionCode: string, type: StationType, sequence: number): string {
  return `${regionCode}${typeCodeLetters[type]}${String(sequence).padStart(4, '0')}`;
}

export interface Hours {
  type: string;
  alwaysOpen: boolean;
  openDays: number[];
  opensAt: string | null;
  closesAt: string | null;
  scheduleDate: string | null;
}

/** The Shanghai wall clock of an instant: what "open now" is judged against. */
export interface ShanghaiMoment {
  date: string;
  isoWeekday: number;
  time: string;
}

export function shanghaiMoment(at: Date): ShanghaiMoment {
  const local = new Date(at.getTime() + 8 * 3600 * 1000);
  const weekday = local.getUTCDay();
  return { date: shanghaiDate(at), isoWeekday: weekday === 0 ? 7 : weekday, time: local.toISOString().slice(11, 19) };
}

/** A mobile station is on the map only on the day its manager set its position for. */
export function inServiceOn(h: Hours, day: string): boolean {
  return h.type !== 'cooling_bus' || h.scheduleDate === day;
}

/** Open now: always open, or today is an open day and the time is inside opens–closes (which may cross midnight). */
export function isOpenAt(h: Hours, m: ShanghaiMoment): boolean {
  if (!inServiceOn(h, m.date)) return false;
  if (h.alwaysOpen) return true;
  if (!h.opensAt || !h.closesAt || !h.openDays.includes(m.isoWeekday)) return false;
  const opens = h.opensAt.slice(0, 8).padEnd(8, ':00');
  const closes = h.closesAt.slice(0, 8).padEnd(8, ':00');
  return opens <= closes ? m.time >= opens && m.time < closes : m.time >= opens || m.time < closes;
}
