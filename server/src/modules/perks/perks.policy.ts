import { authorizeStaff } from '../../kernel/access.js';
import type { Membership, StaffPrincipal } from '../../kernel/auth.js';
import { AppError } from '../../kernel/errors.js';
import { isWithin } from '../../kernel/org-tree.js';

/** Campaigns and partner merchants of a subtree are run by perks_manager (and org_admin) over it. */
export function authorizeManagePerks(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['perks_manager'], orgPath);
}

/** A shop's cashier verifies vouchers and serves breakfasts: the merchant role itself (org_admin does not stand in). */
export function authorizeCashier(principal: StaffPrincipal): void {
  if (!principal.roles.includes('merchant')) throw new AppError('FORBIDDEN');
}

/** A member may claim a campaign of their own union or any union above it. */
export function mayClaimCampaign(membership: Membership, c: { orgPath: string }): boolean {
  return isWithin(membership.orgPath, c.orgPath);
}

/** Claims are taken from `startsAt` until (not including) `endsAt`. */
export function isCampaignOpen(c: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  return c.startsAt.getTime() <= now.getTime() && now.getTime() < c.endsAt.getTime();
}
