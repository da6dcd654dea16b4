import { z } from 'zod';
import { aidKinds, donorKinds } from '../../../../shared/labels.js';

/** The contract of donor units (爱心企业 and others) of a union's love alliance (爱心联盟). */

const ref = z.object({ id: z.uuid(), name: z.string() });
const contactPhone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, 'invalid_phone')
  .describe('a mobile or landline number');

export const donorBody = z
  .object({
    orgId: z.uuid().describe('the union whose alliance it joins'),
    name: z.string().trim().min(1).max(100).describe('unique within the union'),
    kind: z.enum(donorKinds),
    contactName: z.string().trim().min(1).max(50).optional(),
    contactPhone: contactPhone.optional(),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type DonorBody = z.infer<typeof donorBody>;

export const donorPatch = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    kind: z.enum(donorKinds).optional(),
    contactName: z.string().trim().min(1).max(50).nullable().optional().describe('null clears it'),
    contactPhone: contactPhone.nullable().optional().describe('null clears it'),
    note: z.string().trim().min(1).max(1000).nullable().optional().describe('null clears it'),
  })
  .strict();
export type DonorPatch = z.infer<typeof donorPatch>;

export const donorParams = z.object({ id: z.uuid() }).strict();

export const listDonorsQuery = z
  .object({
    orgId: z.uuid().optional().describe("the donors of this union's subtree (default the caller's)"),
    householdId: z
      .uuid()
      .optional()
      .describe(
        "instead: the donors who may give to this household (of its union or above it), for the aid form's select",
      ),
    q: z.string().trim().min(1).max(50).optional().describe('part of the name'),
  })
  .strict();
export type ListDonorsQuery = z.infer<typeof listDonorsQuery>;
export const exportDonorsQuery = listDonorsQuery.omit({ householdId: true });

export const donorView = z.object({
  id: z.uuid(),
  org: ref,
  name: z.string(),
  kind: z.enum(donorKinds),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('masked for readers who do not run assistance over its union'),
  note: z.string().nullable(),
  createdAt: z.string(),
  gave: z.object({
    count: z.number().int().describe('help recorded with this donor'),
    totalFen: z.number().int().describe('the sum of their amounts'),
    lastGivenOn: z.string().nullable(),
  }),
  mayEdit: z.boolean(),
});
export type DonorView = z.infer<typeof donorView>;

export const donorList = z.object({
  items: z.array(donorView),
  nextCursor: z.null().describe('always null: the whole alliance in one page (at most 1000)'),
});

export const giftView = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  head: z.string().describe('the head of the household, masked (李*兰)'),
  householdOrg: z.string(),
  kind: z.enum(aidKinds),
  amountFen: z.number().int().nullable(),
  description: z.string(),
  givenOn: z.string(),
  campaign: z.object({ id: z.uuid(), title: z.string() }).nullable(),
});

export const donorDetail = donorView.extend({ gifts: z.array(giftView).describe('newest first') });
