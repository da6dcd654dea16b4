import { canSee, holdsAnyRole } from '../../kernel/access.js';
import type { Membership, Principal } from '../../kernel/auth.js';
import { isWithin } from '../../kernel/org-tree.js';
import { officer } from './polls.workflow.js';

/** A member votes in (and nominates to) the polls of their own union and of every union above it. */
export function mayVoteIn(membership: Membership, poll: { orgPath: string }): boolean {
  return isWithin(membership.orgPath, poll.orgPath);
}

/** The parties a caller stands for on a poll's entries and flags (the workflow's `by`). */
export function pollPartiesOf(principal: Principal, poll: { orgPath: string }): string[] {
  if (principal.kind === 'staff' && canSee(principal, poll.orgPath) && holdsAnyRole(principal, ['activity_officer']))
    return [officer];
  return [];
}
