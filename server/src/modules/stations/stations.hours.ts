import { shanghaiDate } from '../../kernel/clock.js';
import { stationTypes } from '../../../../shared/labels.js';

export { stationTypes };
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
  /** Seconds since Shanghai midnight. */
  second: number;
}

export function shanghaiMoment(at: Date): ShanghaiMoment {
  const local = new Date(at.getTime() + 8 * 3600 * 1000);
  const weekday = local.getUTCDay();
  const second = local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds();
  return {
    date: shanghaiDate(at),
    isoWeekday: weekday === 0 ? 7 : weekday,
    time: local.toISOString().slice(11, 19),
    second,
  };
}

/** Hours reduced to what "open now" compares, once per station rather than once per question. */
export interface CompiledHours {
  type: string;
  alwaysOpen: boolean;
  /** Bit n set: open on ISO weekday n. */
  dayMask: number;
  /** Seconds since midnight; -1 without hours. */
  opens: number;
  closes: number;
  scheduleDate: string | null;
}

export function compileHours(h: Hours): CompiledHours {
  const clock = (t: string | null) => {
    if (!t) return -1;
    const [h = 0, m = 0, sec = 0] = t.split(':').map(Number);
    return h * 3600 + m * 60 + sec;
  };
  return {
    type: h.type,
    alwaysOpen: h.alwaysOpen,
    dayMask: h.openDays.reduce((mask, d) => mask | (1 << d), 0),
    opens: clock(h.opensAt),
    closes: clock(h.closesAt),
    scheduleDate: h.scheduleDate,
  };
}

/**
 * Open at a Shanghai second of the day: always open, or the weekday is an open day and the second is
 * inside opens–closes (which may cross midnight). Plain numbers, so the nearby grid can call it on
 * its packed arrays.
 */
export function openAtSecond(
  alwaysOpen: boolean,
  dayMask: number,
  opens: number,
  closes: number,
  isoWeekday: number,
  second: number,
): boolean {
  if (alwaysOpen) return true;
  if (opens < 0 || closes < 0 || (dayMask & (1 << isoWeekday)) === 0) return false;
  return opens <= closes ? second >= opens && second < closes : second >= opens || second < closes;
}

/** Open now; a mobile station only on the day its manager set its position for. */
export function isOpenCompiled(h: CompiledHours, m: ShanghaiMoment): boolean {
  if (h.type === 'cooling_bus' && h.scheduleDate !== m.date) return false;
  return openAtSecond(h.alwaysOpen, h.dayMask, h.opens, h.closes, m.isoWeekday, m.second);
}

export function isOpenAt(h: Hours, m: ShanghaiMoment): boolean {
  return isOpenCompiled(compileHours(h), m);
}
