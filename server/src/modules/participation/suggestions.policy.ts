import { holdsAnyRole } from '../../kernel/access.js';
import type { Principal } from '../../kernel/auth.js';
import { isWithin } from '../../kernel/org-tree.js';
import { author, officer } from './suggestions.workflow.js';

/** Suggestions and union reviews are run by participation_officer (and org_admin) over the union's subtree. */
export { authorizeRunParticipation } from './participation.policy.js';

interface Visible {
  orgPath: string;
  authorMemberId: string;
}

/**
 * Who sees a suggestion: its author; members whose union is its union or below it (what that union's members see);
 * staff of its union's subtree. Everyone else gets 404.
 */
export function canSeeSuggestion(principal: Principal, s: Visible): boolean {
  if (principal.kind === 'staff') return isWithin(s.orgPath, principal.orgPath);
  const m = principal.membership;
  return m !== null && (m.memberId === s.authorMemberId || isWithin(m.orgPath, s.orgPath));
}

/** The parties the caller stands for on a suggestion, for the workflow engine. */
export function suggestionPartiesOf(principal: Principal, s: Visible): string[] {
  if (principal.kind === 'worker') return principal.membership?.memberId === s.authorMemberId ? [author] : [];
  return isWithin(s.orgPath, principal.orgPath) && holdsAnyRole(principal, ['participation_officer']) ? [officer] : [];
}

/** A member supports a suggestion they can see, not their own, while it is still being considered. */
export function supportRefusal(
  principal: Principal,
  s: Visible & { status: string },
): 'author' | 'not_member' | 'closed' | null {
  if (principal.kind !== 'worker' || !principal.membership) return 'not_member';
  if (principal.membership.memberId === s.authorMemberId) return 'author';
  if (!['open', 'answered', 'taken_up'].includes(s.status)) return 'closed';
  return null;
}

/** A review is open from `opensAt` (inclusive) to `closesAt` (exclusive). */
export function isReviewOpen(r: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return r.opensAt.getTime() <= now.getTime() && now.getTime() < r.closesAt.getTime();
}

/** A member answers a review run by their union or one above it. */
export function mayAnswerReview(memberOrgPath: string, reviewOrgPath: string): boolean {
  return isWithin(memberOrgPath, reviewOrgPath);
}
