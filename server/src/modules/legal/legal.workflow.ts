import type { WorkflowDefinition } from '../../kernel/workflow.js';
import { caseStatuses } from '../../../../shared/labels.js';

/** The case states: the enumeration the apps and the Excel exports put words to (shared/labels.ts). */
export const caseStates = caseStatuses;
export type CaseState = (typeof caseStates)[number];
export const caseActions = ['accept', 'assign', 'contact', 'agree', 'refer', 'withdraw', 'close'] as const;
export type CaseAction = (typeof caseActions)[number];

const handler = 'staff:case_handler';

/**
 * A legal-aid or mediation case: the centre accepts it, assigns a mediator or lawyer, contacts both
 * sides, and ends with an agreement (amount recovered), a referral to arbitration or court
 * (诉调对接), or the applicant's withdrawal; agreements and referrals are then closed.
 */
export const legalCaseWorkflow: WorkflowDefinition<CaseState, CaseAction> = {
  name: 'legal_case',
  table: 'legal_cases',
  initial: 'submitted',
  states: caseStates,
  terminal: ['closed', 'withdrawn'],
  transitions: [
    { action: 'accept', from: ['submitted'], to: 'accepted', by: [handler] },
    { action: 'assign', from: ['accepted', 'assigned', 'in_contact'], to: 'assigned', by: [handler] },
    { action: 'contact', from: ['accepted', 'assigned', 'in_contact'], to: 'in_contact', by: [handler] },
    { action: 'agree', from: ['in_contact'], to: 'agreed', by: [handler] },
    { action: 'refer', from: ['assigned', 'in_contact'], to: 'referred', by: [handler] },
    {
      action: 'withdraw',
      from: ['submitted', 'accepted', 'assigned', 'in_contact'],
      to: 'withdrawn',
      by: ['applicant'],
    },
    { action: 'close', from: ['agreed', 'referred'], to: 'closed', by: [handler] },
  ],
  // The state deadlines; "first contact within one working day of submission" spans states and is kept on the case.
  deadlines: { in_contact: { name: 'conclude', workingDays: 30 }, agreed: { name: 'close', workingDays: 5 } },
};
