import { canSee, holdsAnyRole } from '../../kernel/access.js';
import type { Principal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { HonourLevel, PriorityRule } from './quota.schemas.js';
import { signupAgent, signupApplicant, signupManager } from './quota.workflow.js';

/**
 * The parties the caller stands for on a signup: its member (`applicant`); programme officers over the member's
 * union (`agent`: sign up, decline, withdraw for them); officers over the programme's org (`manager`: allocate,
 * cancel, attendance). Visibility is the applications' rule (canSeeApplication): the member, staff whose subtree
 * holds the member's union.
 */
export function signupPartiesOf(
  principal: Principal,
  s: { memberId: string; orgPath: string; programmeOrgPath: string },
): string[] {
  if (principal.kind === 'worker') return principal.membership?.memberId === s.memberId ? [signupApplicant] : [];
  if (!holdsAnyRole(principal, ['programme_officer'])) return [];
  const parties: string[] = [];
  if (canSee(principal, s.orgPath)) parties.push(signupAgent);
  if (canSee(principal, s.programmeOrgPath)) parties.push(signupManager);
  return parties;
}

/** What the priority lists read of one signup. */
export interface PriorityFacts {
  honourLevel: HonourLevel | null;
  frontLine: boolean;
  firstTime: boolean;
  /** The order of arrival: first come, first served among equals. */
  arrival: number;
}

/**
 * The sort key of a signup: one number per priority list, in the rules' order (lower goes first), then arrival.
 * `honour_level`: the position of the member's level among the levels named, those without one of them after;
 * `front_line` and `first_time`: those who are, first.
 */
export function priorityKey(rules: readonly PriorityRule[], f: PriorityFacts): number[] {
  const key = rules.map((r) => {
    if (r.by === 'honour_level') {
      const i = f.honourLevel === null ? -1 : r.levels.indexOf(f.honourLevel);
      return i < 0 ? r.levels.length : i;
    }
    if (r.by === 'front_line') return f.frontLine ? 0 : 1;
    return f.firstTime ? 0 : 1;
  });
  return [...key, f.arrival];
}

export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Attendance is marked from the event's day on (Asia/Shanghai). */
export function isEventHeld(eventDate: string, now: Date): boolean {
  return shanghaiDate(now) >= eventDate;
}
