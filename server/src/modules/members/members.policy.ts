import { authorizeStaff } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';

/** The member registry of a subtree is kept by member_manager (and org_admin) over it. */
export function authorizeManageMembers(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['member_manager'], orgPath);
}

/** Unmasked phone and ID number: the same roles, and every read is audited by the service. */
export function authorizeReadMemberPii(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['member_manager'], orgPath);
}

/** Membership applications are decided by whoever keeps the registry of the union applied to. */
export function applicationParties(principal: StaffPrincipal, orgPath: string): string[] {
  authorizeStaff(principal, ['member_manager'], orgPath);
  return ['staff:member_manager'];
}
