import { authorizeStaff, canSee, holdsAnyRole } from '../../kernel/access.js';
import type { Principal, StaffPrincipal } from '../../kernel/auth.js';
import { isWithin } from '../../kernel/org-tree.js';
import { agent, applicant, finalReviewer, levelOf, manager, reviewer } from './programmes.workflow.js';

const officers = ['programme_officer'] as const;

/** Programmes, their applications, notices and objections are run by programme_officer (and org_admin) over a subtree. */
export function authorizeRunProgrammes(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, officers, orgPath);
}

/**
 * Staff see a programme run in their subtree, or one run above them that serves their unions' members (they apply for
 * members and review); members see the programmes of their union and its ancestors. Anyone else: 404.
 */
export function canSeeProgramme(principal: Principal, programmeOrgPath: string): boolean {
  if (principal.kind === 'staff')
    return canSee(principal, programmeOrgPath) || isWithin(principal.orgPath, programmeOrgPath);
  return principal.membership !== null && isWithin(principal.membership.orgPath, programmeOrgPath);
}

/** The application's member, and staff whose subtree holds the member's union. Everyone else gets 404. */
export function canSeeApplication(principal: Principal, a: { memberId: string; orgPath: string }): boolean {
  if (principal.kind === 'worker') return principal.membership?.memberId === a.memberId;
  return canSee(principal, a.orgPath);
}

export interface ApplicationFacts {
  memberId: string;
  /** The member's union when applying. */
  orgPath: string;
  programmeOrgPath: string;
  status: string;
  /** Reviewing org ids, level 1 first. */
  reviewChain: readonly string[];
}

/**
 * The parties the caller stands for on an application, for the workflow engine: its member (`applicant`); staff with
 * the role over the member's union (`agent`: apply and resubmit for them); the staff of the org reviewing the current
 * level — of that very org, so a higher level cannot sign a lower level's step — as `reviewer`, or `final_reviewer` at
 * the chain's last level; staff with the role over the programme's org (`manager`: publicize, approve, disburse).
 */
export function applicationPartiesOf(principal: Principal, a: ApplicationFacts): string[] {
  if (principal.kind === 'worker') return principal.membership?.memberId === a.memberId ? [applicant] : [];
  if (!holdsAnyRole(principal, officers)) return [];
  const parties: string[] = [];
  if (canSee(principal, a.orgPath)) parties.push(agent);
  const level = levelOf(a.status);
  if (level !== null && a.reviewChain[level - 1] === principal.orgId)
    parties.push(level === a.reviewChain.length ? finalReviewer : reviewer);
  if (canSee(principal, a.programmeOrgPath)) parties.push(manager);
  return parties;
}

/**
 * The orgs reviewing each level, level 1 first, for a member of the union at the end of `ancestry` (root first). The
 * last level is the programme's org; with two or more levels the first is the member's union and those between are
 * its next ancestors. A path shorter than the chain leaves the remaining steps to the programme's org (two bodies of
 * one federation — 主席办公会, then 党组会 — are two steps). `union_then_programme`: the member's union first, every
 * later step the programme's org, however deep the union lies (Qinghai: 基层初审, then the province's two bodies).
 */
export function reviewChainFor(
  ancestry: readonly { id: string }[],
  programmeOrgId: string,
  levels: number,
  shape: 'up_the_tree' | 'union_then_programme' = 'up_the_tree',
): string[] {
  const top = ancestry.findIndex((o) => o.id === programmeOrgId);
  if (top < 0) throw new Error('the member is not below the programme');
  // From the member's union up to the programme's org.
  const path = ancestry.slice(top).reverse();
  if (levels === 1) return [programmeOrgId];
  if (shape === 'union_then_programme')
    return Array.from({ length: levels }, (_, i) => (i === 0 ? path[0]!.id : programmeOrgId));
  return Array.from({ length: levels }, (_, i) =>
    i === levels - 1 ? programmeOrgId : path[Math.min(i, path.length - 1)]!.id,
  );
}

/** Applications are accepted from `opensAt` until `closesAt`. */
export function isProgrammeOpen(p: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return p.opensAt.getTime() <= now.getTime() && now.getTime() < p.closesAt.getTime();
}

/** A notice is open from its publication until the start of the Shanghai day its days end. */
export function isNoticeOpen(n: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return n.opensAt.getTime() <= now.getTime() && now.getTime() < n.closesAt.getTime();
}
