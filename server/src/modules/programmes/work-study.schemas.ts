import { z } from 'zod';
import { calendarDate } from './programmes.kind-schemas.js';

export const applicationIdParams = z.object({ applicationId: z.uuid() }).strict();

export const workDayBody = z
  .object({
    date: calendarDate().describe('the Shanghai calendar date worked, YYYY-MM-DD; today or earlier'),
    payFen: z.number().int().min(1).max(100_000_000).describe('integer fen (分)'),
    note: z.string().trim().max(200).optional(),
  })
  .strict();

const capLeft = z.object({ totalFen: z.number().int(), limitFen: z.number().int(), leftFen: z.number().int() });

export const workDayView = z.object({
  id: z.uuid(),
  date: z.string(),
  payFen: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const recordedWorkDay = workDayView.extend({
  day: capLeft.extend({ date: z.string() }).describe("the student's pay that day, every placement of the programme"),
  month: capLeft.extend({ month: z.string() }).describe("the student's pay that Shanghai month"),
  applicationAmountFen: z.number().int().describe('the placement’s amount now: what its payment will be'),
});

export const workDayList = z.object({
  applicationId: z.uuid(),
  status: z.string(),
  amountFen: z.number().int().describe('the sum of the placement’s work days'),
  caps: z.object({ perDayFen: z.number().int(), perMonthFen: z.number().int() }),
  items: z.array(workDayView),
  months: z
    .array(capLeft.extend({ month: z.string() }))
    .describe("the student's totals per Shanghai month (every placement of the programme)"),
});
