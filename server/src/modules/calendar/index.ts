import type { AppModule } from '../../kernel/module.js';
import { calendarRoutes } from './calendar.routes.js';
import { loadWorkingCalendar } from './calendar.service.js';

/** Other server processes' changes to the calendar are picked up within this time. */
export const calendarRefreshMs = 10 * 60_000;

export const calendarModule: AppModule = {
  name: 'calendar',
  async start(ctx) {
    await loadWorkingCalendar(ctx);
    ctx.background.every('calendar.refresh', calendarRefreshMs, () => loadWorkingCalendar(ctx));
  },
  routes: calendarRoutes,
};
