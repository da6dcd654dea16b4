import { z } from 'zod';
import { congressKinds, congressStatuses, representativeStatuses } from '../../../../shared/labels.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';

/** 会员代表大会 (a union's members' representatives) or 职工代表大会 (an enterprise's workers' congress, 职代会). */
export { congressKinds, congressStatuses, representativeStatuses };
export type CongressKind = (typeof congressKinds)[number];
export type CongressStatus = (typeof congressStatuses)[number];
export type RepresentativeStatus = (typeof representativeStatuses)[number];

const isoDate = z.iso.date().describe('YYYY-MM-DD, Asia/Shanghai');

export const createCongressBody = z
  .object({
    orgId: z.uuid().describe('the union whose congress it is: its representatives are members of its subtree'),
    name: z.string().trim().min(1).max(100).describe('e.g. 平湖市总工会第八届会员代表大会'),
    kind: z.enum(congressKinds).default('members_congress'),
    termStartsOn: isoDate,
    termEndsOn: isoDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.termEndsOn < v.termStartsOn)
      ctx.addIssue({ code: 'custom', path: ['termEndsOn'], message: 'must not be before termStartsOn' });
  });

export const congressView = z.object({
  id: z.uuid(),
  org: z.object({ id: z.uuid(), name: z.string() }),
  kind: z.enum(congressKinds),
  name: z.string(),
  termStartsOn: z.string(),
  termEndsOn: z.string(),
  status: z.enum(congressStatuses),
  archivedAt: z.string().nullable(),
  representatives: z.number().int().describe('active representatives'),
  createdAt: z.string(),
});
export const congressPage = pageOf(congressView);

export const listCongressesQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("the subtree whose congresses to list (default the caller's)"),
    status: z.enum(congressStatuses).optional(),
  })
  .strict();

export const addRepresentativeBody = z
  .object({
    memberId: z.uuid().describe("a member of the congress's subtree"),
    delegation: z.string().trim().min(1).max(100).optional().describe('代表团 / 选区'),
  })
  .strict();

export const representativeView = z.object({
  id: z.uuid(),
  congressId: z.uuid(),
  member: z.object({ id: z.uuid(), name: z.string(), phone: z.string().describe('masked') }),
  org: z.object({ id: z.uuid(), name: z.string() }).describe("the member's union"),
  delegation: z.string().nullable(),
  status: z.enum(representativeStatuses),
  createdAt: z.string(),
});
export const representativePage = pageOf(representativeView);

export const listRepresentativesQuery = pageQuery
  .extend({
    q: z.string().trim().min(1).max(50).optional().describe("part of the representative's name"),
    status: z.enum(representativeStatuses).optional().describe('default active'),
  })
  .strict();

export const exportRepresentativesQuery = listRepresentativesQuery.omit({ limit: true, cursor: true });

/** What a member sees of the terms they represent (the member app's entry to proposals, votes and duties). */
export const myCongressView = congressView.omit({ representatives: true }).extend({
  representativeId: z.uuid(),
  delegation: z.string().nullable(),
});
export const myCongressList = z.object({
  items: z.array(myCongressView),
  nextCursor: z.string().nullable().describe('always null: the whole list in one page'),
});

export const idParams = z.object({ id: z.uuid() }).strict();
export const representativeParams = z.object({ id: z.uuid(), representativeId: z.uuid() }).strict();
