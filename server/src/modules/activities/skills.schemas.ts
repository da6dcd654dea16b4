import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';

export const idParams = z.object({ id: z.uuid() }).strict();
const ref = z.object({ id: z.uuid(), name: z.string() });
const isoTime = z.iso.datetime({ offset: true });
const day = z.iso.date();

const tierName = z.string().trim().min(1).max(30);
export const prizeTier = z.union([
  z.object({ name: tierName, count: z.number().int().min(1).max(1000) }).strict(),
  z.object({ name: tierName, percent: z.number().gt(0).max(100).multipleOf(0.1) }).strict(),
]);

export const defaultPrizeTiers = [
  { name: '一等奖', count: 1 },
  { name: '二等奖', count: 2 },
  { name: '三等奖', count: 3 },
];

export const createCompetitionBody = z
  .object({
    orgId: z.uuid().describe('the union running it: members of its subtree take part'),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).optional(),
    startsOn: day,
    endsOn: day,
    registrationClosesAt: isoTime.optional().describe('default the start day at 00:00 (Beijing time)'),
    prizeTiers: z
      .array(prizeTier)
      .min(1)
      .max(10)
      .default(defaultPrizeTiers)
      .describe('best first: {name, count} places or {name, percent} of the ranked entries; default 1, 2, 3 places'),
  })
  .strict()
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'before startsOn' })
  .refine((v) => v.prizeTiers.reduce((s, t) => s + ('percent' in t ? t.percent : 0), 0) <= 100, {
    path: ['prizeTiers'],
    message: 'the percentages add up to more than 100',
  });
export type CreateCompetitionBody = z.infer<typeof createCompetitionBody>;

export const eventKinds = ['individual', 'team'] as const;

export const createEventBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(eventKinds),
    minTeamSize: z.number().int().min(2).max(20).optional().describe('team events: default 2'),
    maxTeamSize: z.number().int().min(2).max(20).optional().describe('team events: default minTeamSize'),
    theoryWeight: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(30)
      .describe(
        'percent of the total from the theory part (理论); the practical part (实操) weighs the rest; 0: a single score',
      ),
  })
  .strict()
  .refine((v) => v.kind === 'team' || (v.minTeamSize === undefined && v.maxTeamSize === undefined), {
    path: ['minTeamSize'],
    message: 'individual events have no team size',
  })
  .refine((v) => (v.maxTeamSize ?? v.minTeamSize ?? 2) >= (v.minTeamSize ?? 2), {
    path: ['maxTeamSize'],
    message: 'below minTeamSize',
  });
export type CreateEventBody = z.infer<typeof createEventBody>;

export const eventView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(eventKinds),
  minTeamSize: z.number().int(),
  maxTeamSize: z.number().int(),
  theoryWeight: z.number().int(),
  practicalWeight: z.number().int(),
  entryCount: z.number().int(),
});

export const competitionView = z.object({
  id: z.uuid(),
  org: ref,
  title: z.string(),
  description: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  registrationClosesAt: z.string(),
  registrationOpen: z.boolean(),
  prizeTiers: z.array(prizeTier),
  resultsPublishedAt: z.string().nullable(),
  events: z.array(eventView),
  mayRun: z.boolean().describe('the caller creates events, enters scores and publishes'),
});
export const competitionPage = pageOf(competitionView.omit({ events: true }));
export const listCompetitionsQuery = pageQuery
  .extend({ orgId: z.uuid().optional().describe("the subtree (default the caller's)") })
  .strict();

export const registerEntryBody = z
  .object({
    memberIds: z.array(z.uuid()).min(1).max(20).describe('one for an individual event; the team for a team event'),
    teamName: z.string().trim().min(1).max(100).optional().describe('team events: default the union’s name'),
  })
  .strict();

const score = z.number().min(0).max(100).multipleOf(0.01);
export const scoresBody = z
  .object({
    items: z
      .array(
        z
          .object({
            entryId: z.uuid(),
            theory: score.nullable().optional().describe('required when the event weighs a theory part'),
            practical: score,
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();
export type ScoresBody = z.infer<typeof scoresBody>;

const contestant = z.object({ memberId: z.uuid(), name: z.string() });
export const entryView = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  org: ref.describe('the delegation: the union the entry stands for'),
  teamName: z.string().nullable(),
  contestants: z.array(contestant),
  registeredBy: z.enum(['member', 'staff']),
  theory: z.number().nullable(),
  practical: z.number().nullable(),
  total: z.number().nullable(),
  createdAt: z.string(),
});
export const entryList = z.object({ items: z.array(entryView), nextCursor: z.null() });

export const scoresReply = z.object({ updated: z.number().int() });

const resultItem = z.object({
  entryId: z.uuid(),
  rank: z.number().int().nullable().describe('null: no score'),
  tier: z.string().nullable().describe('the prize tier won, or null'),
  teamName: z.string().nullable(),
  contestants: z.array(z.string()).describe('public: names masked (张*明)'),
  org: ref,
  theory: z.number().nullable(),
  practical: z.number().nullable(),
  total: z.number().nullable(),
});
export const resultsView = z.object({
  competition: z.object({
    id: z.uuid(),
    title: z.string(),
    org: ref,
    startsOn: z.string(),
    endsOn: z.string(),
    resultsPublishedAt: z.string().nullable(),
    prizeTiers: z.array(prizeTier),
  }),
  events: z.array(
    eventView.omit({ entryCount: true }).extend({ items: z.array(resultItem).describe('ranked first, best first') }),
  ),
});

const myEntry = z.object({
  entryId: z.uuid(),
  teamName: z.string().nullable(),
  registeredBy: z.enum(['member', 'staff']),
});
export const myCompetitionView = competitionView.omit({ mayRun: true }).extend({
  events: z.array(eventView.extend({ myEntry: myEntry.nullable() })),
});
export const myCompetitionPage = pageOf(myCompetitionView);
export const myCompetitionsQuery = pageQuery.strict();
