/** Calendar arithmetic in Asia/Shanghai (UTC+8 all year, no daylight saving). */

/** What time it is: `ctx.clock`. The one place the server reads the system time, so tests can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that tests set: at a fixed instant once `set`, the system time before. */
export class SettableClock implements Clock {
  private at: Date | null = null;

  constructor(at?: Date) {
    if (at) this.at = at;
  }

  set(at: Date): void {
    this.at = at;
  }

  /** Moves a set clock on by `ms`. */
  advance(ms: number): void {
    this.at = new Date(this.now().getTime() + ms);
  }

  now(): Date {
    return this.at ? new Date(this.at.getTime()) : systemClock.now();
  }
}

const shanghaiOffsetMs = 8 * 3600 * 1000;

/** The Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar day starts. */
export function shanghaiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

export function isShanghaiWeekend(at: Date): boolean {
  const day = new Date(at.getTime() + shanghaiOffsetMs).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * Public holidays, and the weekend days worked instead of them (调休), as YYYY-MM-DD in Shanghai.
 * The State Council publishes them each year; a federation administrator enters them (module calendar).
 */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

/**
 * The calendar this app counts working days by (`ctx.calendar`): empty (plain weekdays) until the calendar module
 * loads the entered years, and replaced whole on every load.
 */
export class WorkingCalendarStore {
  private value: WorkingCalendar = { holidays: new Set(), workdays: new Set() };
  private started = 0;
  private applied = 0;

  current(): WorkingCalendar {
    return this.value;
  }

  use(calendar: WorkingCalendar): void {
    this.value = calendar;
  }

  /**
   * Loads that overlap (an edit here, a change told by another process, the periodic reload) may finish in any
   * order: each takes a ticket before it reads, and what it read replaces the calendar only if no load that began
   * later has been applied — an older read never wins.
   */
  beginLoad(): number {
    return ++this.started;
  }

  useLoaded(ticket: number, calendar: WorkingCalendar): void {
    if (ticket < this.applied) return;
    this.applied = ticket;
    this.value = calendar;
  }
}

/** The instant a use case acts at and the calendar its working days count by (`workTime(ctx)`). */
export interface WorkTime {
  now: Date;
  calendar: WorkingCalendar;
}

/** Monday to Friday unless a public holiday; a weekend day when it is worked instead of one. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isShanghaiWeekend(shanghaiDayStart(date));
}

/**
 * The end of the n-th working day after `from`: something received on Friday evening with one
 * working day is due by the end of Monday; received on the eve of the Spring Festival holiday, by
 * the end of the first working day after it.
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar): Date {
  let cursor = shanghaiDayStart(shanghaiDate(from));
  let remaining = days;
  while (remaining > 0) {
    cursor = new Date(cursor.getTime() + 24 * 3600 * 1000);
    if (isWorkingDay(shanghaiDate(cursor), calendar)) remaining--;
  }
  return new Date(cursor.getTime() + 24 * 3600 * 1000 - 1);
}
