import { authorizeStaff } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';

/** Campaigns and partner merchants of a subtree are run by perks_manager (and org_admin) over it. */
export function authorizeManagePerks(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['perks_manager'], orgPath);
}
