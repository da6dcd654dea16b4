import type { WorkflowDefinition } from '../../kernel/workflow.js';
import { programmeSignupStatuses } from '../../../../shared/labels.js';

/**
 * 名额报名: a member's signup for a place in a quota programme (劳模疗休养, 免费体检). The states are data, as for
 * applications (programmes.workflow.ts); the engine alone writes `status`, each step audited with a timeline entry.
 */
export const signupStates = programmeSignupStatuses;
export type SignupState = (typeof signupStates)[number];

export const signupActions = [
  'allocate',
  'waitlist',
  'promote',
  'decline',
  'withdraw',
  'cancel',
  'attend',
  'absent',
] as const;
export type SignupAction = (typeof signupActions)[number];

/** The actions a client sends (`allocate`, `waitlist` and `promote` are the allocation's, never a request's). */
export const requestedSignupActions = ['decline', 'withdraw', 'cancel', 'attend', 'absent'] as const;

/** The member (`applicant`) and staff over the member's union (`agent`) sign up, decline and withdraw. */
export const signupApplicant = 'applicant';
export const signupAgent = 'staff:agent';
/** Staff with the role over the programme's org run it: allocate, cancel, mark attendance. */
export const signupManager = 'staff:manager';
/** The allocation moving the next on the waiting list into a freed place, whoever freed it. */
export const allocator = 'system:allocator';

export const signupWorkflow: WorkflowDefinition<SignupState, SignupAction> = {
  name: 'programme_signup',
  table: 'programme_signups',
  initial: 'applied',
  states: signupStates,
  terminal: ['declined', 'cancelled', 'withdrawn', 'attended', 'absent'],
  transitions: [
    // The allocation, once the window has closed: by priority, then arrival; the rest wait in that order.
    { action: 'allocate', from: ['applied'], to: 'allocated', by: [signupManager] },
    { action: 'waitlist', from: ['applied'], to: 'waitlisted', by: [signupManager] },
    // A place freed (declined, cancelled) goes to the first on the waiting list.
    { action: 'promote', from: ['waitlisted'], to: 'allocated', by: [allocator] },
    { action: 'decline', from: ['allocated'], to: 'declined', by: [signupApplicant, signupAgent] },
    { action: 'withdraw', from: ['applied', 'waitlisted'], to: 'withdrawn', by: [signupApplicant, signupAgent] },
    { action: 'cancel', from: ['applied', 'waitlisted', 'allocated'], to: 'cancelled', by: [signupManager] },
    // From the programme's event date on (the service holds that rule).
    { action: 'attend', from: ['allocated'], to: 'attended', by: [signupManager] },
    { action: 'absent', from: ['allocated'], to: 'absent', by: [signupManager] },
  ],
};
