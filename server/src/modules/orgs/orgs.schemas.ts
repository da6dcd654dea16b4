import { z } from 'zod';
import { orgKinds } from '../../kernel/org-tree.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';

export const regionCodeSchema = z
  .string()
  .regex(/^\d{6}$/, { message: 'invalid_region_code' })
  .describe('GB/T 2260 administrative division code');

export const createOrgBody = z
  .object({
    parentId: z.uuid(),
    name: z.string().trim().min(1).max(100),
    kind: z.enum(orgKinds),
    regionCode: regionCodeSchema.optional(),
  })
  .strict();

export const updateOrgBody = z
  .object({ name: z.string().trim().min(1).max(100).optional(), regionCode: regionCodeSchema.nullable().optional() })
  .strict();

export const orgView = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  kind: z.string(),
  regionCode: z.string().nullable(),
  depth: z.number().int(),
  childCount: z.number().int(),
});

export const orgDetail = orgView.extend({
  ancestors: z.array(z.object({ id: z.uuid(), name: z.string() })).describe('root first, the caller-visible part only'),
  memberCount: z.number().int().describe('members in this org and below'),
});

export const idParams = z.object({ id: z.uuid() });
export const listOrgsQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(orgKinds).optional(),
});
export const orgPage = pageOf(orgView);
export const pageQueryOnly = pageQuery;

export const directoryQuery = pageQuery.extend({ q: z.string().trim().max(50).optional() });
export const directoryEntry = z.object({
  id: z.uuid(),
  name: z.string(),
  regionCode: z.string().nullable(),
  parentName: z.string().nullable(),
});
export const directoryPage = pageOf(directoryEntry);
