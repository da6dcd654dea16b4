import { and, asc, gte, lt } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { calendarDays } from '../../kernel/db/kernel.tables.js';

const columns = { date: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name };

export interface CalendarDayRow {
  date: typeof calendarDays.$inferSelect.day;
  kind: typeof calendarDays.$inferSelect.kind;
  name: typeof calendarDays.$inferSelect.name;
}

export async function allDays(db: Db): Promise<CalendarDayRow[]> {
  return db.select(columns).from(calendarDays).orderBy(asc(calendarDays.day));
}

const ofYear = (year: number) => and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`));

export async function daysOfYear(db: Db, year: number): Promise<CalendarDayRow[]> {
  return db.select(columns).from(calendarDays).where(ofYear(year)).orderBy(asc(calendarDays.day));
}

/** The year's entries become exactly `days` (one statement for the lot). */
export async function replaceYear(db: Db, year: number, days: CalendarDayRow[], staffId: string): Promise<void> {
  await db.delete(calendarDays).where(ofYear(year));
  if (days.length > 0)
    await db
      .insert(calendarDays)
      .values(days.map((d) => ({ day: d.date, kind: d.kind, name: d.name, updatedBy: staffId })));
}
