import type { StaffPrincipal, StaffRole } from './auth.js';
import { AppError } from './errors.js';
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
