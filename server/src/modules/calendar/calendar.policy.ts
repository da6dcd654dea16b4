import { authorizeStaff } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { isWithin } from '../../kernel/org-tree.js';

/**
 * The holidays are entered by the federation's administrators: org_admin at the root. Every staff member reads the
 * calendar, so anyone else is refused with 403, not 404.
 */
export function authorizeEditCalendar(principal: StaffPrincipal, rootPath: string): void {
  if (!isWithin(rootPath, principal.orgPath)) throw new AppError('FORBIDDEN');
  authorizeStaff(principal, [], rootPath);
}
