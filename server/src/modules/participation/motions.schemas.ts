import { z } from 'zod';
import { ballotChoices } from './motions.rule.js';

/**
 * `scheduled` before opensAt; `open` for ballots; `ended` after closesAt until staff close it; `closed` once the result
 * is fixed and published.
 */
export const motionStatuses = ['scheduled', 'open', 'ended', 'closed'] as const;
export type MotionStatus = (typeof motionStatuses)[number];

const instant = z.iso.datetime({ offset: true });

export const createMotionBody = z
  .object({
    title: z.string().trim().min(1).max(200).describe('e.g. 铸链公司职工安置方案'),
    body: z.string().trim().min(1).max(20_000),
    documentFileId: z
      .uuid()
      .optional()
      .describe('a PDF or image uploaded by the caller at POST /api/v1/motions/documents'),
    opensAt: instant.optional().describe('default now'),
    closesAt: instant.optional().describe('default: open until staff close it'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.opensAt && v.closesAt && Date.parse(v.closesAt) <= Date.parse(v.opensAt))
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' });
  });

export const ballotBody = z.object({ choice: z.enum(ballotChoices) }).strict();

const disclosureRef = z.object({ id: z.uuid(), contentHash: z.string() });

export const motionView = z.object({
  id: z.uuid(),
  congress: z.object({ id: z.uuid(), name: z.string() }),
  title: z.string(),
  body: z.string(),
  document: z
    .object({ id: z.uuid(), fileName: z.string(), mediaType: z.string() })
    .nullable()
    .describe('read at GET /api/v1/motions/{id}/document'),
  status: z.enum(motionStatuses),
  opensAt: z.string(),
  closesAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  disclosure: disclosureRef.nullable().describe('the published result (厂务公开), once closed'),
  myChoice: z
    .enum(ballotChoices)
    .nullable()
    .optional()
    .describe("a representative's own ballot (null: not voted); absent for staff"),
});
export const motionList = z.object({
  items: z.array(motionView),
  nextCursor: z.string().nullable().describe('always null: the whole list in one page'),
});

export const ballotReply = z.object({
  motionId: z.uuid(),
  choice: z.enum(ballotChoices),
  castAt: z.string(),
});

export const resultView = z.object({
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  voted: z.number().int(),
  representatives: z
    .number()
    .int()
    .describe('all active representatives of the congress: now while running, fixed at close'),
  quorumMet: z.boolean().describe('voted ≥ two thirds of representatives'),
  passed: z.boolean().describe('quorumMet and for > half of ALL representatives'),
  final: z.boolean().describe('false: running counts until staff close the motion'),
  disclosure: disclosureRef.nullable(),
});

export const attendanceView = z.object({
  representatives: z.number().int(),
  voted: z.number().int(),
  items: z.array(
    z.object({
      representativeId: z.uuid(),
      name: z.string(),
      delegation: z.string().nullable(),
      votedAt: z.string().nullable().describe('who voted, never how'),
    }),
  ),
  nextCursor: z.string().nullable().describe('always null: the whole list in one page'),
});

export const publicDisclosureView = z.object({
  id: z.uuid(),
  kind: z.literal('motion_result'),
  org: z.object({ name: z.string() }),
  congress: z.object({ name: z.string() }),
  motion: z.object({ title: z.string() }),
  seq: z.number().int().describe("position in the org's chain of disclosures"),
  publishedAt: z.string(),
  result: z
    .object({
      for: z.number().int(),
      against: z.number().int(),
      abstain: z.number().int(),
      voted: z.number().int(),
      representatives: z.number().int(),
      quorumMet: z.boolean(),
      passed: z.boolean(),
      closedAt: z.string(),
    })
    .nullable()
    .describe('read from the published text (null if the text is not what was published: see the verifier)'),
  content: z.string().describe('the exact text published'),
  contentHash: z.string().describe('sha256(prevHash ‖ "\\n" ‖ content), hex'),
  prevHash: z.string(),
});

export const verifyReply = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  broken: z.array(
    z.object({
      disclosureId: z.uuid(),
      seq: z.number().int(),
      problem: z.enum(['content_changed', 'chain_broken', 'not_as_audited', 'result_changed']),
    }),
  ),
});

export const documentReply = z.object({
  id: z.uuid().describe('named in documentFileId of a new motion'),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});

export const idParams = z.object({ id: z.uuid() }).strict();
