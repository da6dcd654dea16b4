import { z } from 'zod';
import { isUniqueViolation } from '../../kernel/db/client.js';
import { revokeSessionsOf, type StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { audited, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { hashPassword } from '../auth/index.js';
import { assertCanGrant, authorizeManageStaff } from './staff.policy.js';
import * as repo from './staff.repository.js';

function present(row: repo.StaffRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    org: { id: row.orgId, name: row.orgName },
    roles: row.roles,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createStaff(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: { username: string; password: string; orgId: string; roles: string[]; displayName?: string | undefined },
) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeManageStaff);
  assertCanGrant(principal, input.roles);
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await audited(
      ctx,
      principal,
      (tx) =>
        repo.insertStaff(tx, {
          username: input.username,
          passwordHash,
          orgId: org.id,
          roles: input.roles,
          displayName: input.displayName ?? null,
        }),
      (staffId) => ({
        action: 'staff.create',
        objectType: 'staff',
        objectId: staffId,
        orgId: org.id,
        details: { username: input.username, roles: input.roles },
      }),
    );
    return present((await repo.findStaffRow(ctx.db, id))!);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('USERNAME_TAKEN');
    throw error;
  }
}

export async function getStaff(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return present(inScope(await repo.findStaffRow(ctx.db, id), principal, authorizeManageStaff));
}

export async function updateStaff(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  patch: {
    roles?: string[] | undefined;
    active?: boolean | undefined;
    password?: string | undefined;
    displayName?: string | undefined;
  },
) {
  const row = inScope(await repo.findStaffRow(ctx.db, id), principal, authorizeManageStaff);
  if (patch.roles) assertCanGrant(principal, patch.roles);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  await audited(
    ctx,
    principal,
    async (tx) => {
      await repo.updateStaffRow(tx, id, {
        roles: patch.roles,
        active: patch.active,
        passwordHash,
        displayName: patch.displayName,
      });
      // A disabled account or a new password ends every open session of it.
      if (patch.active === false || passwordHash) await revokeSessionsOf(tx, 'staff', id, ctx.clock.now());
    },
    {
      action: 'staff.update',
      objectType: 'staff',
      objectId: id,
      orgId: row.orgId,
      details: {
        roles: patch.roles,
        active: patch.active,
        passwordChanged: passwordHash !== undefined,
        displayName: patch.displayName,
      },
    },
  );
  return present((await repo.findStaffRow(ctx.db, id))!);
}

export async function listStaff(
  ctx: AppContext,
  principal: StaffPrincipal,
  filter: { orgId?: string | undefined; q?: string | undefined },
  limit: number,
  cursor: string | undefined,
) {
  const scope = await scopeOf(ctx, principal, filter.orgId, authorizeManageStaff);
  const rows = await repo.listStaffRows(
    ctx.db,
    scope,
    filter.q,
    limit,
    decodeCursor(cursor, z.object({ username: z.string() })),
  );
  const page = paginate(rows, limit, (r) => ({ username: r.username.toLowerCase() }));
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}
