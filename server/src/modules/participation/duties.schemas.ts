import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { timelineView } from '../../kernel/workflow.js';
import { dutyActions, dutyStates } from './duties.workflow.js';

const isoDate = z.iso.date().describe('YYYY-MM-DD, Asia/Shanghai');

export const recordDutyBody = z
  .object({
    representativeId: z.uuid().describe("the representative's id in this congress (a representative: their own)"),
    indicatorCode: z
      .string()
      .min(1)
      .max(40)
      .describe("a duty-record indicator's code; staff may also give a bonus or penalty item's code"),
    occurredOn: isoDate.describe('within the term, not after today (Asia/Shanghai)'),
    note: z.string().trim().min(1).max(1000).describe('what was done: where, with whom, what came of it'),
    photoIds: z
      .array(z.uuid())
      .max(3)
      .optional()
      .describe('photos uploaded by the caller through POST /api/v1/duties/photos (at most 3)'),
  })
  .strict();

export const dutyActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm'), note: z.string().trim().min(1).max(500).optional() }).strict(),
  z.object({ action: z.literal('reject'), reason: z.string().trim().min(1).max(500) }).strict(),
]);
export type DutyActionBody = z.infer<typeof dutyActionBody>;

export const dutyView = z.object({
  id: z.uuid(),
  congressId: z.uuid(),
  representative: z.object({
    id: z.uuid(),
    name: z.string(),
    org: z.object({ id: z.uuid(), name: z.string() }),
  }),
  indicator: z.object({
    code: z.string(),
    name: z.string().nullable().describe('null: the model no longer has this code (the record counts nothing)'),
    kind: z.enum(['indicator', 'bonus', 'penalty']).nullable(),
  }),
  occurredOn: z.string(),
  note: z.string(),
  status: z.enum(dutyStates),
  rejectReason: z.string().nullable(),
  enteredBy: z.enum(['representative', 'staff']),
  counts: z.boolean().describe('confirmed and its code is in the model: it scores'),
  actions: z.array(z.enum(dutyActions)),
  photos: z.array(z.object({ id: z.uuid(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() })),
  createdAt: z.string(),
  timeline: timelineView.optional(),
});
export const dutyPage = pageOf(dutyView);

export const listDutiesQuery = pageQuery
  .extend({
    representativeId: z.uuid().optional(),
    status: z.enum(dutyStates).optional(),
    indicatorCode: z.string().min(1).max(40).optional(),
  })
  .strict();

export const myDutiesQuery = pageQuery.extend({ congressId: z.uuid() }).strict();

export const dutyIdParams = z.object({ id: z.uuid() }).strict();
export const dutyPhotoParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();
export const photoUploadReply = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
});
