import type { WorkflowDefinition } from '../../kernel/workflow.js';

export type ApplicationState = 'submitted' | 'approved' | 'rejected' | 'withdrawn';
export type ApplicationAction = 'approve' | 'reject' | 'withdraw';

/** 入会申请: a worker applies to a grassroots union, which decides within five working days. */
export const membershipWorkflow: WorkflowDefinition<ApplicationState, ApplicationAction> = {
  name: 'membership_application',
  table: 'membership_applications',
  initial: 'submitted',
  states: ['submitted', 'approved', 'rejected', 'withdrawn'],
  terminal: ['approved', 'rejected', 'withdrawn'],
  transitions: [
    { action: 'approve', from: ['submitted'], to: 'approved', by: ['staff:member_manager'] },
    { action: 'reject', from: ['submitted'], to: 'rejected', by: ['staff:member_manager'] },
    { action: 'withdraw', from: ['submitted'], to: 'withdrawn', by: ['applicant'] },
  ],
  deadlines: { submitted: { name: 'review', workingDays: 5 } },
};
