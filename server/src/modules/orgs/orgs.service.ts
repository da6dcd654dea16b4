import { z } from 'zod';
import { writeAudit } from '../../kernel/audit.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { isUniqueViolation } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import { findOrgWithin, insertOrg, isWithin, orgAncestry } from '../../kernel/org-tree.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { countMembersUnder } from '../members/index.js';
import { authorizeManageOrg, authorizeReadOrg } from './orgs.policy.js';
import * as repo from './orgs.repository.js';

const nameCursor = z.object({ name: z.string(), id: z.uuid() });

function present(row: repo.OrgRow) {
  return { id: row.id, parentId: row.parentId, name: row.name, kind: row.kind, regionCode: row.regionCode, depth: row.depth, childCount: row.childCount };
}

async function loadVisible(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<repo.OrgRow> {
  const row = await repo.findOrgRow(ctx.db, id);
  if (!row || !isWithin(row.path, principal.orgPath)) throw new AppError('NOT_FOUND');
  return row;
}

export async function createOrg(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: { parentId: string; name: string; kind: string; regionCode?: string | undefined },
) {
  const parent = await findOrgWithin(ctx.db, input.parentId, principal.orgPath);
  if (!parent) throw new AppError('NOT_FOUND');
  authorizeManageOrg(principal, parent.path);
  try {
    const created = await ctx.db.transaction(async (tx) => {
      const org = await insertOrg(tx, { parent, name: input.name, kind: input.kind, regionCode: input.regionCode ?? null });
      await writeAudit(tx, {
        actor: { kind: 'staff', id: principal.staffId },
        action: 'org.create',
        objectType: 'org',
        objectId: org.id,
        orgId: org.id,
        details: { parentId: parent.id, name: org.name, kind: org.kind, regionCode: org.regionCode },
      });
      return org;
    });
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
  const row = await loadVisible(ctx, principal, id);
  authorizeManageOrg(principal, row.path);
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.updateOrgRow(tx, id, patch);
      await writeAudit(tx, {
        actor: { kind: 'staff', id: principal.staffId },
        action: 'org.update',
        objectType: 'org',
        objectId: id,
        orgId: id,
        details: patch,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ORG_NAME_TAKEN');
    throw error;
  }
  return present((await repo.findOrgRow(ctx.db, id))!);
}

export async function getOrg(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await loadVisible(ctx, principal, id);
  authorizeReadOrg(principal, row.path);
  const ancestry = await orgAncestry(ctx.db, row.path);
  return {
    ...present(row),
    ancestors: ancestry.filter((a) => isWithin(a.path, principal.orgPath) && a.id !== row.id).map((a) => ({ id: a.id, name: a.name })),
    memberCount: await countMembersUnder(ctx.db, row.path),
  };
}

export async function listOrgChildren(ctx: AppContext, principal: StaffPrincipal, id: string, limit: number, cursor: string | undefined) {
  const row = await loadVisible(ctx, principal, id);
  authorizeReadOrg(principal, row.path);
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

export async function searchUnionDirectory(ctx: AppContext, q: string | undefined, limit: number, cursor: string | undefined) {
  const rows = await repo.searchDirectory(ctx.db, q, limit, decodeCursor(cursor, nameCursor));
  return paginate(rows, limit, (r) => ({ name: r.name, id: r.id }));
}
