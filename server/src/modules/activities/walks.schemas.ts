import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { stepSources } from './walks.tables.js';

/** The contract of walking challenges 健步走 (API.md "Activities": /api/v1/walk-challenges). */

/** More than this in one day is not believed (about 70 km of walking): refused, 400 `implausible_steps` on `steps`. */
export const maxDailySteps = 100_000;

export const idParams = z.object({ id: z.uuid() }).strict();

const day = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2100-12-31', { message: 'invalid_date' });

export const stepsParams = z
  .object({ id: z.uuid(), date: day.describe('the day, YYYY-MM-DD (Asia/Shanghai)') })
  .strict();

const ref = z.object({ id: z.uuid(), name: z.string() });

export const createChallengeBody = z
  .object({
    orgId: z.uuid().describe('the union running it: members of its subtree take part'),
    title: z.string().trim().min(1).max(100),
    startsOn: day.describe('the first day, Asia/Shanghai'),
    endsOn: day.describe('the last day (included), Asia/Shanghai; at most 366 days after the first'),
    dailyGoalSteps: z.number().int().min(1).max(maxDailySteps).optional().describe('a day’s target shown to members'),
  })
  .strict()
  .refine((b) => b.endsOn >= b.startsOn, { message: 'too_small', path: ['endsOn'] })
  .refine((b) => Date.parse(b.endsOn) - Date.parse(b.startsOn) <= 366 * 86_400_000, {
    message: 'too_big',
    path: ['endsOn'],
  });
export type CreateChallengeBody = z.infer<typeof createChallengeBody>;

export const updateChallengeBody = z
  .object({
    title: z.string().trim().min(1).max(100).optional(),
    startsOn: day
      .optional()
      .describe('a new first day: only before the challenge starts, and not before today (400 past_date)'),
    endsOn: day
      .optional()
      .describe(
        'a new last day: not before today (400 past_date) and not once the challenge has ended (409 ACTIVITY_NOT_OPEN reason ended)',
      ),
    dailyGoalSteps: z.number().int().min(1).max(maxDailySteps).nullable().optional().describe('null: no goal'),
  })
  .strict();
export type UpdateChallengeBody = z.infer<typeof updateChallengeBody>;

export const challengeStates = ['upcoming', 'running', 'ended'] as const;

export const challengeView = z.object({
  id: z.uuid(),
  org: ref,
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  dailyGoalSteps: z.number().int().nullable(),
  state: z.enum(challengeStates).describe('by today in Asia/Shanghai'),
  today: z.string().describe('today, Asia/Shanghai: the last day steps may be recorded for'),
  recordableUntil: z
    .string()
    .describe(
      'the last day (Asia/Shanghai) on which the challenge’s days may still be recorded or corrected: 3 days after endsOn (phones sync late); after it 409 ACTIVITY_NOT_OPEN with reason closed',
    ),
  participants: z.number().int().describe('members who recorded at least one day'),
  createdAt: z.string(),
});
export type ChallengeView = z.infer<typeof challengeView>;
export const challengePage = pageOf(challengeView);

export const listChallengesQuery = pageQuery
  .extend({
    orgId: z
      .uuid()
      .optional()
      .describe(
        "staff: a union of the caller's subtree (default the caller's own), its subtree's challenges; members: ignored, the challenges of their union and those above it",
      ),
  })
  .strict();
export type ListChallengesQuery = z.infer<typeof listChallengesQuery>;

export const recordStepsBody = z
  .object({
    steps: z
      .number()
      .int()
      .min(0)
      .refine((n) => n <= maxDailySteps, { message: 'implausible_steps' })
      .describe(`the day's count, 0 to ${maxDailySteps} (more: 400 implausible_steps on steps)`),
    source: z.enum(stepSources).optional().describe('typed (default) or device: read from the phone’s step counter'),
  })
  .strict();
export type RecordStepsBody = z.infer<typeof recordStepsBody>;

export const dayView = z.object({
  date: z.string(),
  steps: z.number().int(),
  source: z.enum(stepSources),
  recordedAt: z.string(),
});

export const recordStepsReply = dayView.extend({
  challengeId: z.uuid(),
  totalSteps: z.number().int().describe('the member’s total over the challenge, this day included'),
});

export const myWalkView = z.object({
  challenge: challengeView,
  days: z.array(dayView).describe('the days recorded, first to last'),
  totalSteps: z.number().int(),
  daysRecorded: z.number().int(),
  goalDays: z.number().int().describe('days at or above the daily goal (0 without a goal)'),
  rank: z.number().int().nullable().describe('by total steps among participants; null before the first day recorded'),
  participants: z.number().int(),
});

export const leaderboardQuery = z
  .object({
    by: z.enum(['member', 'org']).default('member'),
    date: day.optional().describe('that day only; without it, the whole challenge'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type LeaderboardQuery = z.infer<typeof leaderboardQuery>;

export const leaderboardView = z.object({
  challengeId: z.uuid(),
  by: z.enum(['member', 'org']),
  date: z.string().nullable(),
  participants: z.number().int(),
  members: z
    .array(
      z.object({
        rank: z.number().int().describe('1 + those with more steps: equal counts share a rank'),
        member: z.object({
          id: z.uuid().nullable().describe('staff only; null for members'),
          name: z.string().describe('masked (张*明) for members, but their own'),
          org: ref,
        }),
        mine: z.boolean(),
        steps: z.number().int(),
        days: z.number().int(),
      }),
    )
    .describe('by=member: the top `limit`, most steps first'),
  orgs: z
    .array(
      z.object({
        rank: z.number().int().nullable().describe('null for a union nobody of which took part'),
        org: ref,
        participants: z.number().int().describe('members of that union who recorded steps (the denominator)'),
        steps: z.number().int(),
        averageSteps: z.number().int().describe('steps ÷ participants, rounded'),
        mine: z.boolean(),
      }),
    )
    .describe(
      "by=org: each union directly below the challenge's union (members filed to the challenge's union itself count under it), highest average first",
    ),
  me: z
    .object({ rank: z.number().int().nullable(), steps: z.number().int() })
    .nullable()
    .describe('the calling member’s own rank and steps (or their union’s, by=org); null for staff'),
});
export type LeaderboardView = z.infer<typeof leaderboardView>;
