import { canSee, holdsAnyRole } from '../../kernel/access.js';
import type { Principal } from '../../kernel/auth.js';
import { addWorkingDays, type WorkingCalendar } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { committee, cosigner, handler, proposer, ratingWindowWorkingDays } from './proposals.workflow.js';

/** What the policy reads of a proposal. */
export interface ProposalParties {
  proposerMemberId: string;
  congressOrgPath: string;
  handlerOrgPath: string | null;
  /** The member ids of the named co-signers, whatever their answer. */
  cosignerMemberIds: readonly string[];
}

/**
 * The parties the caller stands for on a proposal: its proposer; a named co-signer; the committee (participation
 * officers over the congress's union); the handling body (participation officers over the org it is assigned to).
 * org_admin holds every role. Anyone else stands for none.
 */
export function proposalPartiesOf(principal: Principal, p: ProposalParties): string[] {
  if (principal.kind === 'worker') {
    const memberId = principal.membership?.memberId;
    if (!memberId) return [];
    if (memberId === p.proposerMemberId) return [proposer];
    return p.cosignerMemberIds.includes(memberId) ? [cosigner] : [];
  }
  if (!holdsAnyRole(principal, ['participation_officer'])) return [];
  const parties: string[] = [];
  if (canSee(principal, p.congressOrgPath)) parties.push(committee);
  if (p.handlerOrgPath !== null && canSee(principal, p.handlerOrgPath)) parties.push(handler);
  return parties;
}

/**
 * Who may see a proposal at all: its proposer and named co-signers; staff whose subtree holds the congress's union
 * or the handling body. Everyone else gets 404 — not even that it exists.
 */
export function canSeeProposal(principal: Principal, p: ProposalParties): boolean {
  if (principal.kind === 'worker') {
    const memberId = principal.membership?.memberId;
    return memberId !== undefined && (memberId === p.proposerMemberId || p.cosignerMemberIds.includes(memberId));
  }
  return canSee(principal, p.congressOrgPath) || (p.handlerOrgPath !== null && canSee(principal, p.handlerOrgPath));
}

/** Staff who see a proposal read it with the participation role (403 without it; org_admin holds it). */
export function authorizeReadProposal(principal: Principal): void {
  if (principal.kind === 'staff' && !holdsAnyRole(principal, ['participation_officer']))
    throw new AppError('FORBIDDEN');
}

/**
 * An answer nobody rates does not keep the loop open for ever: the committee may close it once the proposer has had
 * `ratingWindowWorkingDays` (15) working days to rate. The instant from which it may.
 */
export function closableUnratedFrom(repliedAt: Date, calendar: WorkingCalendar): Date {
  return addWorkingDays(repliedAt, ratingWindowWorkingDays, calendar);
}

/** A rating is satisfied when the proposer says so, else when it scores 3 or more. */
export function isSatisfied(rating: { score: number; satisfied?: boolean | undefined }): boolean {
  return rating.satisfied ?? rating.score >= 3;
}

/** Handling is overdue while the proposal is with the handling body past its due time. */
export function isProposalOverdue(p: { status: string; dueAt: Date | null }, now: Date): boolean {
  return p.status === 'assigned' && p.dueAt !== null && p.dueAt.getTime() < now.getTime();
}

/** Co-signers answer while the committee has not yet decided (submitted, or returned to the proposer). */
export function isCosigningOpen(status: string): boolean {
  return status === 'submitted' || status === 'returned';
}
