/** Calendar arithmetic in Asia/Shanghai (UTC+8 all year, no daylight saving). */
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
 * The end of the n-th working day after `from` (Mon–Fri in Shanghai; public holidays are not yet modelled):
 * something received on Friday evening with one working day is due by the end of Monday.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let cursor = shanghaiDayStart(shanghaiDate(from));
  let remaining = days;
  while (remaining > 0) {
    cursor = new Date(cursor.getTime() + 24 * 3600 * 1000);
    if (!isShanghaiWeekend(cursor)) remaining--;
  }
  return new Date(cursor.getTime() + 24 * 3600 * 1000 - 1);
}
