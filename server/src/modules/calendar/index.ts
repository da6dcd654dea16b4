import type { AppModule } from '../../kernel/module.js';
import { calendarRoutes } from './calendar.routes.js';
import { calendarTopic, loadWorkingCalendar } from './calendar.service.js';

/** A reload now and then, should a change notification have been lost (they are resent after a lost connection). */
export const calendarRefreshMs = 10 * 60_000;

export const calendarModule: AppModule = {
  name: 'calendar',
  async start(ctx) {
    await loadWorkingCalendar(ctx);
    ctx.background.every('calendar.refresh', calendarRefreshMs, () => loadWorkingCalendar(ctx));
    // Edits by any server process.
    await ctx.changes.subscribe(calendarTopic, () =>
      ctx.background.run('calendar.reload', () => loadWorkingCalendar(ctx)),
    );
  },
  routes: calendarRoutes,
};
