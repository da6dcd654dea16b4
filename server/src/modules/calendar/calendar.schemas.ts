import { z } from 'zod';

export const calendarKind = z.enum(['holiday', 'workday']);
export const calendarDay = z.object({
  date: z.iso.date(),
  kind: calendarKind.describe('holiday: a weekday off; workday: a weekend day worked instead (调休)'),
  name: z.string().trim().min(1).max(50),
});
export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const replaceYearBody = z.object({ days: z.array(calendarDay).max(120) }).strict();
export const calendarYear = z.object({ year: z.number().int(), days: z.array(calendarDay) });
