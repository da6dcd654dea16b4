import type { Transition, WorkflowDefinition } from '../../kernel/workflow.js';

/** The most review levels a programme's chain may have (API.md: reviewLevels 1..5). */
export const maxReviewLevels = 5;

export const reviewStates = ['review_1', 'review_2', 'review_3', 'review_4', 'review_5'] as const;
export type ReviewState = (typeof reviewStates)[number];

export const applicationStates = [
  ...reviewStates,
  'returned',
  'rejected',
  'withdrawn',
  'reviewed',
  'publicity',
  'approved',
  'disbursed',
] as const;
export type ApplicationState = (typeof applicationStates)[number];

export const applicationActions = [
  'review_pass',
  'review_return',
  'review_reject',
  'resubmit',
  'withdraw',
  'publicize',
  'approve',
  'disburse',
] as const;
export type ApplicationAction = (typeof applicationActions)[number];

/**
 * The parties of an application. `reviewer` reviews the application's current level when more levels follow,
 * `final_reviewer` its last level (the policy grants one or the other): so `review_pass` leads to the next level or
 * out of review, decided by data the engine reads, not by the service writing the state.
 */
export const applicant = 'applicant';
export const agent = 'staff:agent';
export const reviewer = 'staff:reviewer';
export const finalReviewer = 'staff:final_reviewer';
export const manager = 'staff:manager';

/** The review state of level `k` (1-based). */
export function reviewStateOf(level: number): ReviewState {
  const state = reviewStates[level - 1];
  if (!state) throw new Error(`no review level ${level}`);
  return state;
}

/** The level a review state stands for, or null outside review. */
export function levelOf(state: string): number | null {
  const i = (reviewStates as readonly string[]).indexOf(state);
  return i < 0 ? null : i + 1;
}

const toNextLevel: Transition<ApplicationState, ApplicationAction>[] = reviewStates.slice(0, -1).map((s, i) => ({
  action: 'review_pass',
  from: [s],
  to: reviewStates[i + 1]!,
  by: [reviewer],
}));

/**
 * 补助申请: the member (or staff for them) applies; each level of the review chain passes, returns for correction or
 * rejects; the programme's org publishes the notice (公示), approves once it has closed with every objection answered,
 * and pays. A returned application, corrected, starts the chain again.
 */
export const applicationWorkflow: WorkflowDefinition<ApplicationState, ApplicationAction> = {
  name: 'programme_application',
  table: 'programme_applications',
  initial: 'review_1',
  states: applicationStates,
  terminal: ['rejected', 'withdrawn', 'disbursed'],
  transitions: [
    ...toNextLevel,
    { action: 'review_pass', from: [...reviewStates], to: 'reviewed', by: [finalReviewer] },
    { action: 'review_return', from: [...reviewStates], to: 'returned', by: [reviewer, finalReviewer] },
    { action: 'review_reject', from: [...reviewStates], to: 'rejected', by: [reviewer, finalReviewer] },
    { action: 'resubmit', from: ['returned'], to: 'review_1', by: [applicant, agent] },
    { action: 'withdraw', from: [...reviewStates, 'returned'], to: 'withdrawn', by: [applicant] },
    { action: 'publicize', from: ['reviewed'], to: 'publicity', by: [manager] },
    // From `reviewed` only for programmes without publicity (publicityDays = 0): the service holds that rule.
    { action: 'approve', from: ['reviewed', 'publicity'], to: 'approved', by: [manager] },
    { action: 'disburse', from: ['approved'], to: 'disbursed', by: [manager] },
  ],
};
