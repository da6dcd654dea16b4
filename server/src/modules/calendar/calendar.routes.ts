import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { zodRoutes } from '../../kernel/http.js';
import * as s from './calendar.schemas.js';
import { getCalendarYear, loadWorkingCalendar, replaceCalendarYear } from './calendar.service.js';

// Other server processes' changes are picked up within this time.
const refreshMs = 10 * 60_000;

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['calendar'];
  let timer: ReturnType<typeof setInterval> | null = null;
  app.addHook('onReady', async () => {
    await loadWorkingCalendar(ctx.db);
    timer = setInterval(() => void loadWorkingCalendar(ctx.db).catch(() => undefined), refreshMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });

  r.get('/api/v1/calendar', { schema: { tags, querystring: s.yearQuery, response: { 200: s.calendarYear } } }, async (req) => {
    requireStaff(req.principal);
    return getCalendarYear(ctx, req.query.year);
  });
  r.put('/api/v1/calendar/:year', { schema: { tags, params: s.yearParams, body: s.replaceYearBody, response: { 200: s.calendarYear } } }, async (req) =>
    replaceCalendarYear(ctx, requireStaff(req.principal), req.params.year, req.body.days),
  );
}
