import { queryRows, sql, type Db } from '../../kernel/db/client.js';

export interface CalendarDayRow {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export async function allDays(db: Db): Promise<CalendarDayRow[]> {
  return queryRows<CalendarDayRow>(db, sql`select day::text as date, kind, name from calendar_days order by day`);
}

export async function daysOfYear(db: Db, year: number): Promise<CalendarDayRow[]> {
  return queryRows<CalendarDayRow>(
    db,
    sql`select day::text as date, kind, name from calendar_days where day >= make_date(${year}::int, 1, 1) and day < make_date(${year}::int + 1, 1, 1) order by day`,
  );
}

/** The year's entries become exactly `days`. */
export async function replaceYear(db: Db, year: number, days: CalendarDayRow[], staffId: string): Promise<void> {
  await db.execute(sql`delete from calendar_days where day >= make_date(${year}::int, 1, 1) and day < make_date(${year}::int + 1, 1, 1)`);
  for (const d of days) {
    await db.execute(sql`insert into calendar_days (day, kind, name, updated_by) values (${d.date}::date, ${d.kind}, ${d.name}, ${staffId}::uuid)`);
  }
}
