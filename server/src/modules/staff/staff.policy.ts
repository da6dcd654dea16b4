import { authorizeStaff } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';

/** Staff accounts are managed by org_admin over the account's org. */
export function authorizeManageStaff(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, [], orgPath);
}

/** Nobody grants roles they do not hold themselves (org_admin holds all). */
export function assertCanGrant(principal: StaffPrincipal, roles: readonly string[]): void {
  if (principal.roles.includes('org_admin')) return;
  if (roles.some((r) => !principal.roles.includes(r as StaffPrincipal['roles'][number])))
    throw new AppError('FORBIDDEN');
}
