import { eq } from 'drizzle-orm';
import type { StaffPrincipal, StaffRole } from './auth.js';
import type { Db } from './db/client.js';
import { orgs, staff } from './db/kernel.tables.js';
import { AppError, validationFailed } from './errors.js';
import { isWithin } from './org-tree.js';

/**
 * The one access rule for staff: a role held in an org applies to that org and everything below it.
 * Objects outside the caller's subtree do not exist for them (404); inside it, a missing role is 403.
 */
export function canSee(principal: StaffPrincipal, orgPath: string): boolean {
  return isWithin(orgPath, principal.orgPath);
}

export function holdsAnyRole(principal: StaffPrincipal, roles: readonly StaffRole[]): boolean {
  return principal.roles.some((r) => r === 'org_admin' || roles.includes(r));
}

/** Deny by default: passes only when the object is in scope and the caller holds one of `roles` (org_admin holds all). */
export function authorizeStaff(principal: StaffPrincipal, roles: readonly StaffRole[], orgPath: string): void {
  if (!canSee(principal, orgPath)) throw new AppError('NOT_FOUND');
  if (!holdsAnyRole(principal, roles)) throw new AppError('FORBIDDEN');
}

/** For lists and creations that are not yet tied to an object: the caller needs the role somewhere. */
export function requireStaffRole(principal: StaffPrincipal, roles: readonly StaffRole[]): void {
  if (!holdsAnyRole(principal, roles)) throw new AppError('FORBIDDEN');
}

/** Loaded objects outside the caller's subtree are answered as if they did not exist. */
export function visibleOrNotFound<T extends { orgPath: string }>(row: T | null, principal: StaffPrincipal): T {
  if (!row || !canSee(principal, row.orgPath)) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * A staff account that a request names (a shop's cashier, a station's manager) must lie in `scope` (the caller's
 * subtree): else 400 `not_in_scope` on `field` — the same answer whether it does not exist or is someone else's.
 */
export async function requireStaffWithin(db: Db, staffId: string, scope: string, field: string): Promise<void> {
  const [row] = await db
    .select({ orgPath: orgs.path })
    .from(staff)
    .innerJoin(orgs, eq(orgs.id, staff.orgId))
    .where(eq(staff.id, staffId));
  if (!row || !isWithin(row.orgPath, scope))
    throw validationFailed([{ path: field, code: 'not_in_scope', message: '' }]);
}
