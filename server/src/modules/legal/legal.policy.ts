import { authorizeStaff } from '../../kernel/access.js';
import type { Principal } from '../../kernel/auth.js';
import { isWithin } from '../../kernel/org-tree.js';

/** Cases are handled by case_handler (and org_admin) over the centre's subtree; leaders read figures. */
export function authorizeHandleCases(principal: Extract<Principal, { kind: 'staff' }>, orgPath: string): void {
  authorizeStaff(principal, ['case_handler'], orgPath);
}

export function authorizeReadCaseFigures(principal: Extract<Principal, { kind: 'staff' }>, orgPath: string): void {
  authorizeStaff(principal, ['case_handler', 'leader'], orgPath);
}

/** Who may see a case at all: its applicant, and staff of the centre's subtree. Everyone else gets 404. */
export function canSeeCase(principal: Principal, c: { applicantId: string; orgPath: string }): boolean {
  return principal.kind === 'worker' ? principal.accountId === c.applicantId : isWithin(c.orgPath, principal.orgPath);
}

/** The parties the caller stands for on a case, for the workflow engine. */
export function casePartiesOf(principal: Principal, c: { applicantId: string; orgPath: string }): string[] {
  if (principal.kind === 'worker') return principal.accountId === c.applicantId ? ['applicant'] : [];
  authorizeHandleCases(principal, c.orgPath);
  return ['staff:case_handler'];
}
