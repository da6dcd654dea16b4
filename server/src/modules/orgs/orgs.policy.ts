import { authorizeStaff, canSee } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';

/** Any staff member may read the orgs of their subtree; creating or changing one takes org_admin over it. */
export function authorizeReadOrg(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(
    principal,
    [
      'member_manager',
      'case_handler',
      'station_manager',
      'perks_manager',
      'merchant',
      'leader',
      'programme_officer',
      'participation_officer',
      // 困难职工帮扶: the union picker of the leads queue and the archives (a subtree's unions, its child unions).
      'assistance_officer',
      'assistance_worker',
      // 活动: the union picker of polls, quizzes, contests; judges the unions of the entries they score.
      'activity_officer',
      'judge',
    ],
    orgPath,
  );
}

export function authorizeManageOrg(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, [], orgPath);
}

export { canSee };
