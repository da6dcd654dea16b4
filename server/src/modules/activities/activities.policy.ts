import { authorizeStaff, canSee, holdsAnyRole } from '../../kernel/access.js';
import type { StaffPrincipal } from '../../kernel/auth.js';

/**
 * Who runs activities 活动 (quizzes, walking challenges, polls, stories, innovation contests, skills competitions,
 * award selections, questionnaires), over a union's subtree (org_admin holds every role):
 * - activity_officer (活动专干): creates and runs them, moderates entries and stories, assigns judges, draws prizes;
 * - judge (评委): scores the contest entries assigned to them, never one from their own organisation (回避), and sees
 *   entries without the entrants' names;
 * - leader: reads the lists, results and figures.
 * Members take part through the member app; public results and showcases need no sign-in.
 */
export function authorizeRunActivities(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['activity_officer'], orgPath);
}

/** Reading an activity's lists, results and figures in the console. */
export function authorizeReadActivities(principal: StaffPrincipal, orgPath: string): void {
  authorizeStaff(principal, ['activity_officer', 'leader'], orgPath);
}

/** A judge of a contest run in `orgPath`'s subtree is assigned by its officers; this only checks the role holds there. */
export function isJudgeOver(principal: StaffPrincipal, orgPath: string): boolean {
  return canSee(principal, orgPath) && holdsAnyRole(principal, ['judge']);
}
