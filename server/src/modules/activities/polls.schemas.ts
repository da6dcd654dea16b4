import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { timelineView } from '../../kernel/workflow.js';
import { pollEntryActions, pollEntryStates, pollFlagStates } from './polls.workflow.js';

export const idParams = z.object({ id: z.uuid() }).strict();
export const photoParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();
const isoTime = z.iso.datetime({ offset: true });
const ref = z.object({ id: z.uuid(), name: z.string() });

const windowOk = (v: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  !v.startsAt || !v.endsAt || Date.parse(v.endsAt) > Date.parse(v.startsAt);

const pollFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).optional(),
  startsAt: isoTime,
  endsAt: isoTime.describe('ballots are taken until (not including) this instant'),
  ballotsPerMemberPerDay: z
    .number()
    .int()
    .min(1)
    .max(100)
    .describe('ballots one member may cast a day (Asia/Shanghai), over all entries'),
  perEntryPerDay: z.number().int().min(1).max(100).describe('ballots one member may cast a day for one entry'),
};

export const createPollBody = z
  .object({ ...pollFields, orgId: z.uuid().describe('the union running it: members of its subtree vote') })
  .strict()
  .refine(windowOk, { path: ['endsAt'], message: 'invalid' });

export const updatePollBody = z
  .object({
    title: pollFields.title.optional(),
    description: z.string().trim().max(5000).nullable().optional(),
    startsAt: isoTime.optional(),
    endsAt: isoTime.optional(),
    ballotsPerMemberPerDay: pollFields.ballotsPerMemberPerDay.optional(),
    perEntryPerDay: pollFields.perEntryPerDay.optional(),
  })
  .strict()
  .refine(windowOk, { path: ['endsAt'], message: 'invalid' });

export const pollView = z.object({
  id: z.uuid(),
  org: ref,
  title: z.string(),
  description: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  ballotsPerMemberPerDay: z.number().int(),
  perEntryPerDay: z.number().int(),
  open: z.boolean().describe('ballots are taken now'),
  round: z.number().int().describe('1, or the finalist round after previousPollId'),
  previousPollId: z.uuid().nullable(),
  nextPollId: z.uuid().nullable().describe('its finalist round, once created'),
  liveEntries: z.number().int(),
  totalVotes: z.number().int(),
  pendingEntries: z.number().int().optional().describe('staff: nominations waiting for moderation'),
  openFlags: z.number().int().optional().describe('staff: suspicious bursts not yet handled'),
  myVotesToday: z
    .object({ total: z.number().int(), left: z.number().int() })
    .optional()
    .describe("members: the caller's ballots today (Asia/Shanghai) and how many are left"),
  createdAt: z.string(),
});
export const pollPage = pageOf(pollView);
export const listPollsQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("staff: the subtree (default the caller's)"),
    q: z.string().trim().max(100).optional().describe('part of the title'),
  })
  .strict();

export const publicPollView = pollView.omit({ pendingEntries: true, openFlags: true, myVotesToday: true });

const photo = z.object({
  id: z.uuid(),
  url: z.string().describe('where the image is read (no sign-in for live entries)'),
});

export const addEntryBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).optional(),
    photoIds: z
      .array(z.uuid())
      .max(9)
      .optional()
      .describe('photos uploaded by the caller (POST /api/v1/polls/photos), in order'),
  })
  .strict();

export const entryView = z.object({
  id: z.uuid(),
  pollId: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  photos: z.array(photo),
  status: z.enum(pollEntryStates),
  nominated: z.boolean().describe('nominated by a member (else added by staff)'),
  mine: z.boolean().describe("members: the caller's own nomination"),
  sourceEntryId: z.uuid().nullable().describe('finalists: the entry of the round before'),
  votes: z.number().int().describe('live count (voided ballots excluded)'),
  myVotesToday: z.number().int().optional().describe("members: the caller's ballots for it today"),
  availableActions: z.array(z.enum(pollEntryActions)),
  createdAt: z.string(),
  timeline: timelineView.optional(),
});
export const entryPage = pageOf(entryView.omit({ timeline: true }));
export const listEntriesQuery = pageQuery
  .extend({
    status: z.enum(pollEntryStates).optional().describe('staff: one state (default all); others see live entries'),
    mine: z.enum(['true', 'false']).optional().describe("members: the caller's own nominations, in any state"),
    q: z.string().trim().max(100).optional().describe('entries whose name or text contains it (a large poll: 10,000)'),
  })
  .strict();
export const publicEntriesQuery = pageQuery
  .extend({ q: z.string().trim().max(100).optional().describe('entries whose name or text contains it') })
  .strict();

export const entryActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), note: z.string().trim().max(1000).optional() }).strict(),
  z.object({ action: z.literal('reject'), reason: z.string().trim().min(1).max(2000) }).strict(),
  z.object({ action: z.literal('remove'), reason: z.string().trim().min(1).max(2000) }).strict(),
]);
export type EntryActionBody = z.infer<typeof entryActionBody>;

export const ballotBody = z.object({ entryId: z.uuid() }).strict();
export const ballotReply = z.object({
  pollId: z.uuid(),
  entryId: z.uuid(),
  castAt: z.string(),
  day: z.string().describe('the Shanghai calendar day it counts against'),
  leftToday: z.number().int().describe('ballots the member has left today in this poll'),
  leftForEntryToday: z.number().int().describe('ballots the member has left today for this entry'),
});

export const resultsReply = z.object({
  items: z.array(z.object({ entryId: z.uuid(), title: z.string(), votes: z.number().int() })),
  totalVotes: z.number().int(),
});
export const staffResultsReply = resultsReply.extend({
  voidedVotes: z.number().int().describe('ballots voided by staff on flags (not in votes)'),
  final: z.boolean().describe('the poll has ended'),
});

export const finalistsBody = z
  .object({
    topN: z.number().int().min(1).max(1000),
    title: z.string().trim().min(1).max(200).optional().describe('default: the first round’s title with 决赛'),
    description: z.string().trim().max(5000).optional(),
    startsAt: isoTime,
    endsAt: isoTime,
    ballotsPerMemberPerDay: pollFields.ballotsPerMemberPerDay.optional().describe('default: as the first round'),
    perEntryPerDay: pollFields.perEntryPerDay.optional().describe('default: as the first round'),
  })
  .strict()
  .refine(windowOk, { path: ['endsAt'], message: 'invalid' });
export const finalistsReply = pollView.extend({
  tiesIncluded: z.number().int().describe('entries beyond topN taken in because they tie with the N-th'),
});

export const flagView = z.object({
  id: z.uuid(),
  pollId: z.uuid(),
  entry: z.object({ id: z.uuid(), title: z.string() }),
  kind: z.enum(['address', 'new_accounts']),
  address: z.string().nullable().describe('kind address: the client address'),
  windowStart: z.string(),
  windowEnd: z.string(),
  ballotsAtFlag: z.number().int(),
  ballotsInWindow: z.number().int().describe('ballots of the burst counted so far'),
  voidedBallots: z.number().int().nullable(),
  status: z.enum(pollFlagStates),
  createdAt: z.string(),
});
export const flagPage = pageOf(flagView);
export const listFlagsQuery = pageQuery.extend({ status: z.enum(pollFlagStates).optional() }).strict();
export const flagActionBody = z.object({ note: z.string().trim().max(1000).optional() }).strict();

export const photoUploadReply = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});
