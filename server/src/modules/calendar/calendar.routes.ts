import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../kernel/auth.js';
import { zodRoutes } from '../../kernel/http.js';
import * as s from './calendar.schemas.js';
import { getCalendarYear, replaceCalendarYear } from './calendar.service.js';

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['calendar'];

  r.get(
    '/api/v1/calendar',
    { schema: { tags, querystring: s.yearQuery, response: { 200: s.calendarYear } } },
    async (req) => {
      requireStaff(req.principal);
      return getCalendarYear(ctx, req.query.year);
    },
  );
  r.put(
    '/api/v1/calendar/:year',
    { schema: { tags, params: s.yearParams, body: s.replaceYearBody, response: { 200: s.calendarYear } } },
    async (req) => replaceCalendarYear(ctx, requireStaff(req.principal), req.params.year, req.body.days),
  );
}
