import { audited } from '../../kernel/use-case.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { findRootOrg } from '../../kernel/org-tree.js';
import { authorizeEditCalendar } from './calendar.policy.js';
import * as repo from './calendar.repository.js';

/** The change-feed topic of calendar edits (kernel/changes.ts): every server process reloads its copy. */
export const calendarTopic = 'calendar';

/** Loads the working calendar every deadline is counted by (at start, after a change, and now and then). */
export async function loadWorkingCalendar(ctx: AppContext): Promise<void> {
  const ticket = ctx.calendar.beginLoad();
  const days = await repo.allDays(ctx.db);
  ctx.calendar.useLoaded(ticket, {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  });
}

export async function getCalendarYear(ctx: AppContext, year: number) {
  return { year, days: await repo.daysOfYear(ctx.db, year) };
}

/** 节假日安排: the federation's administrators enter each year's holidays and make-up working days. */
export async function replaceCalendarYear(
  ctx: AppContext,
  principal: StaffPrincipal,
  year: number,
  days: repo.CalendarDayRow[],
) {
  const root = await findRootOrg(ctx.db);
  if (!root) throw new AppError('NOT_FOUND');
  authorizeEditCalendar(principal, root.path);
  const issues = [];
  const seen = new Set<string>();
  for (const [i, d] of days.entries()) {
    if (!d.date.startsWith(`${year}-`)) issues.push({ path: `days.${i}.date`, code: 'outside_year', message: '' });
    if (seen.has(d.date)) issues.push({ path: `days.${i}.date`, code: 'duplicate', message: '' });
    seen.add(d.date);
  }
  if (issues.length > 0) throw validationFailed(issues);
  await audited(
    ctx,
    principal,
    async (tx) => {
      await repo.replaceYear(tx, year, days, principal.staffId);
      await ctx.changes.publish(tx, calendarTopic);
    },
    {
      action: 'calendar.replace_year',
      objectType: 'calendar',
      objectId: null,
      orgId: root.id,
      details: {
        year,
        holidays: days.filter((d) => d.kind === 'holiday').length,
        workdays: days.filter((d) => d.kind === 'workday').length,
      },
    },
  );
  await loadWorkingCalendar(ctx);
  return getCalendarYear(ctx, year);
}
