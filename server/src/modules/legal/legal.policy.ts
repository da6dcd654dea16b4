import { authorizeStaff, holdsAnyRole } from '../../kernel/access.js';
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

const handlers = ['case_handler'] as const;

/**
 * The parties the caller stands for on a case, for the workflow engine: its applicant; staff who may handle it (in
 * the centre's subtree, with the role). Anyone else stands for none — no action is theirs (the engine answers 403).
 */
export function casePartiesOf(principal: Principal, c: { applicantId: string; orgPath: string }): string[] {
  if (principal.kind === 'worker') return principal.accountId === c.applicantId ? ['applicant'] : [];
  return isWithin(c.orgPath, principal.orgPath) && holdsAnyRole(principal, handlers) ? ['staff:case_handler'] : [];
}

/** The applicant rates their case once it is closed. */
export function mayRateCase(parties: readonly string[], c: { status: string; ratingScore: number | null }): boolean {
  return parties.includes('applicant') && c.status === 'closed' && !c.ratingScore;
}

/** First contact is owed within a working day while the case waits for it (the ledger's 首联超期). */
export function isFirstContactOverdue(
  c: { firstContactAt: Date | null; status: string; firstContactDueAt: Date },
  now: Date,
): boolean {
  return (
    c.firstContactAt === null &&
    ['submitted', 'accepted', 'assigned'].includes(c.status) &&
    c.firstContactDueAt.getTime() < now.getTime()
  );
}

/** A handler must be active staff who may handle cases, of the centre's subtree or above it (a district's handler may take a street centre's case). */
export function mayHandleCase(
  handler: { active: boolean; roles: string[]; orgPath: string } | null,
  c: { orgPath: string },
): boolean {
  const mayHandle =
    handler !== null &&
    handler.active &&
    (handler.roles.includes('case_handler') || handler.roles.includes('org_admin'));
  const related = handler !== null && (isWithin(handler.orgPath, c.orgPath) || isWithin(c.orgPath, handler.orgPath));
  return mayHandle && related;
}
