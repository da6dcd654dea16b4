import { z } from 'zod';
import { visitSubjects } from '../../../../shared/labels.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { hardshipStates } from './hardship.workflow.js';

/** The contract of visit logs (走访): who went where, when, what they found and what follows. */

const isoDate = z.iso.date().describe('YYYY-MM-DD, Asia/Shanghai');
const text = (max: number) => z.string().trim().min(1).max(max);

export const recordVisitBody = z
  .object({
    subject: z.enum(visitSubjects).describe('a household (困难家庭), platform workers, or a work site (清凉工地)'),
    householdId: z
      .uuid()
      .optional()
      .describe(
        'the household file (subject household only): one of the caller’s subtree, one they filed, or one whose id a 409 HOUSEHOLD_EXISTS gave them',
      ),
    orgId: z
      .uuid()
      .optional()
      .describe(
        "the union the visit counts for, in the caller's subtree (default: the caller's own); not for a household, whose visits count for its union",
      ),
    place: text(200).optional().describe('where: the site, station or street (platform workers and work sites only)'),
    visitedOn: isoDate.describe('the day of the visit, not after today (Asia/Shanghai)'),
    visitors: z
      .array(text(50))
      .min(1)
      .max(20)
      .refine((a) => new Set(a).size === a.length, { message: 'duplicate_visitor' })
      .describe('who went: cadres and volunteers by name'),
    peopleReached: z.number().int().min(1).max(100_000).optional().describe('people met or served'),
    findings: text(2000).describe('what was found'),
    followUp: text(1000).optional().describe('what is to be done next; open until marked done'),
    photoIds: z
      .array(z.uuid())
      .max(6)
      .optional()
      .describe('photos uploaded by the caller through POST /api/v1/hardship/photos (at most 6)'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.subject === 'household') {
      if (b.householdId === undefined) ctx.addIssue({ code: 'custom', path: ['householdId'], message: 'required' });
      if (b.orgId !== undefined) ctx.addIssue({ code: 'custom', path: ['orgId'], message: 'not_for_subject' });
      if (b.place !== undefined) ctx.addIssue({ code: 'custom', path: ['place'], message: 'not_for_subject' });
    } else if (b.householdId !== undefined)
      ctx.addIssue({ code: 'custom', path: ['householdId'], message: 'not_for_subject' });
  });
export type RecordVisitBody = z.infer<typeof recordVisitBody>;

export const visitActions = ['follow_up_done'] as const;

export const followUpDoneBody = z.object({ note: text(1000).optional().describe('what was done') }).strict();

const ref = z.object({ id: z.uuid(), name: z.string() });

export const visitView = z.object({
  id: z.uuid(),
  subject: z.enum(visitSubjects),
  org: ref
    .nullable()
    .describe("the union the visit counts for; null to a visitor from outside the household's subtree"),
  household: z
    .object({
      id: z.uuid(),
      status: z.enum(hardshipStates),
      headName: z.string().nullable().describe('null when the caller may not open the file'),
      visible: z.boolean().describe('the caller may open the file (in their subtree, or filed by them)'),
    })
    .nullable(),
  place: z.string().nullable(),
  visitedOn: z.string(),
  visitors: z.array(z.string()),
  peopleReached: z.number().int().nullable(),
  findings: z.string().nullable().describe("null when withheld: a household's findings are sensitive"),
  followUp: z.string().nullable(),
  followUpOpen: z.boolean().describe('a follow-up was set and is not yet done'),
  followUpDone: z
    .object({ at: z.string(), by: z.string().nullable(), note: z.string().nullable() })
    .nullable()
    .describe('when, by whom (username) and how the follow-up was done'),
  sensitiveMasked: z.boolean().describe("true: a household's findings and follow-up are withheld from this reader"),
  photos: z
    .array(z.object({ id: z.uuid(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() }))
    .describe(
      "at GET /api/v1/hardship/visits/{id}/photos/{fileId}; none shown when a household's findings are withheld",
    ),
  recordedBy: z.object({ staffId: z.uuid(), username: z.string(), org: ref }),
  createdAt: z.string(),
  actions: z.array(z.enum(visitActions)).describe('what the caller may do now'),
});
export type VisitView = z.infer<typeof visitView>;
export const visitPage = pageOf(visitView);

const filters = {
  orgId: z.uuid().optional().describe("a union of the caller's subtree (default: the caller's own)"),
  subject: z.enum(visitSubjects).optional(),
  householdId: z.uuid().optional().describe("one household's visits (a file the caller may open), wherever they count"),
  from: isoDate.optional().describe('visited on or after'),
  to: isoDate.optional().describe('visited on or before'),
  followUpOpen: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only visits whose follow-up is open; false: only those with none open'),
};
export const listVisitsQuery = pageQuery.extend(filters).strict();
export type ListVisitsQuery = z.infer<typeof listVisitsQuery>;
export const exportVisitsQuery = z.object(filters).strict();
export type VisitFilters = z.infer<typeof exportVisitsQuery>;

export const visitStatsQuery = z
  .object({
    orgId: z.uuid().optional().describe("the union whose child unions are counted (default: the caller's own)"),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

const counts = z.object({
  visits: z.number().int(),
  bySubject: z.object(
    Object.fromEntries(visitSubjects.map((s) => [s, z.number().int()])) as {
      [K in (typeof visitSubjects)[number]]: z.ZodNumber;
    },
  ),
  peopleReached: z.number().int(),
  followUpsOpen: z.number().int(),
});
export type VisitCounts = z.infer<typeof counts>;

export const visitStatsView = z.object({
  org: ref,
  from: z.string().nullable(),
  to: z.string().nullable(),
  own: counts.describe('visits counted for the union itself, not for one below it'),
  children: z.array(
    ref.extend({ hasChildren: z.boolean(), counts }).describe("a child union with its subtree's visits"),
  ),
  total: counts.describe('the whole subtree: own plus every child'),
});

export const visitIdParams = z.object({ id: z.uuid() }).strict();
export const visitPhotoParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();
