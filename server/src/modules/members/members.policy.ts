import { authorizeStaff, canSee, holdsAnyRole } from '../../kernel/access.js';
import type { Principal, StaffPrincipal } from '../../kernel/auth.js';

/** The member registry of a subtree is kept by member_manager (and org_admin) over it. */
export function authorizeManageMembers(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['member_manager'], orgPath);
}

/**
 * Finding members in the registry (masked list and search): its keepers, and programme officers (补助专干), who apply
 * for members on their behalf, and activity officers (活动专干), who register members in skills competitions (技能大赛).
 * Export, import and unmasked reads stay with the keepers.
 */
export function authorizeSearchMembers(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(
    principal,
    ['member_manager', 'programme_officer', 'participation_officer', 'activity_officer'],
    orgPath,
  );
}

/** Unmasked phone and ID number: the same roles, and every read is audited by the service. */
export function authorizeReadMemberPii(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['member_manager'], orgPath);
}

/** Membership applications are decided by whoever keeps the registry of the union applied to. */
const deciders = ['member_manager'] as const;

/**
 * The parties the caller stands for on an application, for the workflow engine: its applicant; staff who may decide
 * it (in scope, with the role). Anyone else stands for none — they can take no action (the engine answers 403).
 */
export function applicationParties(
  principal: Principal,
  application: { accountId: string; orgPath: string },
): string[] {
  if (principal.kind === 'worker') return principal.accountId === application.accountId ? ['applicant'] : [];
  return canSee(principal, application.orgPath) && holdsAnyRole(principal, deciders) ? ['staff:member_manager'] : [];
}

/** Who may see an application at all: its applicant, and staff of the union's subtree. Everyone else gets 404. */
export function canSeeApplication(principal: Principal, application: { accountId: string; orgPath: string }): boolean {
  return principal.kind === 'worker'
    ? principal.accountId === application.accountId
    : canSee(principal, application.orgPath);
}
