import { z } from 'zod';
import { timelineView } from '../../kernel/workflow.js';
import { isIdNumber } from '../../kernel/pii.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { phoneSchema } from '../auth/index.js';

export const idNumberSchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isIdNumber, { message: 'invalid_id_number' })
  .describe('18-character resident ID-card number');

export const createMemberBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    phone: phoneSchema,
    orgId: z.uuid(),
    idNumber: idNumberSchema.optional(),
    employer: z.string().trim().max(100).optional(),
    occupation: z.string().trim().max(50).optional(),
  })
  .strict();

export const memberView = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().describe('masked, e.g. 138****5678'),
  idNumber: z.string().nullable().describe('masked'),
  employer: z.string().nullable(),
  occupation: z.string().nullable(),
  org: z.object({ id: z.uuid(), name: z.string() }),
  joinedAt: z.string(),
});

export const memberPiiView = z.object({ id: z.uuid(), phone: z.string(), idNumber: z.string().nullable() });

export const idParams = z.object({ id: z.uuid() });
export const listMembersQuery = pageQuery.extend({
  orgId: z.uuid().optional(),
  q: z.string().trim().max(50).optional().describe('name fragment, full phone or full ID number'),
});
export const exportMembersQuery = listMembersQuery.omit({ limit: true, cursor: true });
export const memberPage = pageOf(memberView);

export { jobView } from '../../kernel/imports.js';

export const applicationStatus = z.enum(['submitted', 'approved', 'rejected', 'withdrawn']);

export const createApplicationBody = z
  .object({
    orgId: z.uuid().describe('the grassroots union to join'),
    name: z.string().trim().min(1).max(50),
    idNumber: idNumberSchema.optional(),
    employer: z.string().trim().max(100).optional(),
    occupation: z.string().trim().max(50).optional(),
  })
  .strict();

export const applicationView = z.object({
  id: z.uuid(),
  status: applicationStatus,
  org: z.object({ id: z.uuid(), name: z.string() }),
  name: z.string(),
  phone: z.string().describe('masked'),
  idNumber: z.string().nullable().describe('masked'),
  employer: z.string().nullable(),
  occupation: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  memberId: z.uuid().nullable(),
  actions: z.array(z.string()).describe('what the caller may do now'),
  timeline: timelineView.optional(),
});

export const listApplicationsQuery = pageQuery.extend({
  mine: z.enum(['true', 'false']).optional(),
  status: applicationStatus.optional(),
  orgId: z.uuid().optional(),
});
export const applicationPage = pageOf(applicationView);

export const applicationActionBody = z
  .object({ action: z.enum(['approve', 'reject', 'withdraw']), note: z.string().trim().max(500).optional() })
  .strict();

export const memberCardView = z.object({
  memberId: z.uuid(),
  cardNumber: z.string(),
  name: z.string(),
  phone: z.string().describe('masked'),
  org: z.object({ id: z.uuid(), name: z.string() }),
  joinedAt: z.string(),
});
