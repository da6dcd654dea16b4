import { z } from 'zod';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { isUniqueViolation } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import { insertOrg, isWithin, orgAncestry } from '../../kernel/org-tree.js';
import { audited, inScope, orgInScope, type Authorize } from '../../kernel/use-case.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { countMembersUnder } from '../members/index.js';
import { authorizeManageOrg, authorizeReadOrg } from './orgs.policy.js';
import * as repo from './orgs.repository.js';

const nameCursor = z.object({ name: z.string(), id: z.uuid() });

function present(row: repo.OrgRow) {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    kind: row.kind,
    regionCode: row.regionCode,
    depth: row.depth,
    childCount: row.childCount,
  };
}

/** The org of `id` in the caller's subtree (else 404), to a caller `authorize` lets act on it (else 403). */
async function loadVisible(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  authorize: Authorize,
): Promise<repo.OrgRow> {
  const row = await repo.findOrgRow(ctx.db, id);
  return inScope(row ? { ...row, orgPath: row.path } : null, principal, authorize);
}

export async function createOrg(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: { parentId: string; name: string; kind: string; regionCode?: string | undefined },
) {
  const parent = await orgInScope(ctx, principal, input.parentId, authorizeManageOrg);
  try {
    const created = await audited(
      ctx,
      principal,
      (tx) => insertOrg(tx, { parent, name: input.name, kind: input.kind, regionCode: input.regionCode ?? null }),
      (org) => ({
        action: 'org.create',
        objectType: 'org',
        objectId: org.id,
        orgId: org.id,
        details: { parentId: parent.id, name: org.name, kind: org.kind, regionCode: org.regionCode },
      }),
    );
    return present({ ...created, childCount: 0 });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ORG_NAME_TAKEN');
    throw error;
  }
}

export async function updateOrg(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  patch: { name?: string | undefined; regionCode?: string | null | undefined },
) {
  await loadVisible(ctx, principal, id, authorizeManageOrg);
  try {
    await audited(ctx, principal, (tx) => repo.updateOrgRow(tx, id, patch), {
      action: 'org.update',
      objectType: 'org',
      objectId: id,
      orgId: id,
      details: patch,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ORG_NAME_TAKEN');
    throw error;
  }
  return present((await repo.findOrgRow(ctx.db, id))!);
}

export async function getOrg(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await loadVisible(ctx, principal, id, authorizeReadOrg);
  const ancestry = await orgAncestry(ctx.db, row.path);
  return {
    ...present(row),
    ancestors: ancestry
      .filter((a) => isWithin(a.path, principal.orgPath) && a.id !== row.id)
      .map((a) => ({ id: a.id, name: a.name })),
    memberCount: await countMembersUnder(ctx.db, row.path),
  };
}

export async function listOrgChildren(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  limit: number,
  cursor: string | undefined,
) {
  await loadVisible(ctx, principal, id, authorizeReadOrg);
  const rows = await repo.listChildren(ctx.db, id, limit, decodeCursor(cursor, nameCursor));
  const page = paginate(rows, limit, (r) => ({ name: r.name, id: r.id }));
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

export async function searchOrgs(
  ctx: AppContext,
  principal: StaffPrincipal,
  filter: { q?: string | undefined; kind?: string | undefined },
  limit: number,
  cursor: string | undefined,
) {
  authorizeReadOrg(principal, principal.orgPath);
  const rows = await repo.searchOrgs(ctx.db, principal.orgPath, filter, limit, decodeCursor(cursor, nameCursor));
  const page = paginate(rows, limit, (r) => ({ name: r.name, id: r.id }));
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

export async function searchUnionDirectory(
  ctx: AppContext,
  q: string | undefined,
  limit: number,
  cursor: string | undefined,
) {
  const rows = await repo.searchDirectory(ctx.db, q, limit, decodeCursor(cursor, nameCursor));
  return paginate(rows, limit, (r) => ({ name: r.name, id: r.id }));
}
