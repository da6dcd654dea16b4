import type { WorkflowDefinition } from '../../kernel/workflow.js';

/** The states of a duty record (履职记录). */
export const dutyStates = ['submitted', 'confirmed', 'rejected'] as const;
export type DutyState = (typeof dutyStates)[number];
export const dutyActions = ['confirm', 'reject'] as const;
export type DutyAction = (typeof dutyActions)[number];

/** Staff who run the congress's participation work (participation_officer, org_admin) over its subtree. */
export const dutyOfficer = 'staff:participation_officer';

/**
 * A duty record: the representative submits it; staff confirm it (it counts) or reject it with a reason. A record
 * staff enter is started and confirmed in one transaction (its timeline says so).
 */
export const dutyWorkflow: WorkflowDefinition<DutyState, DutyAction> = {
  name: 'duty_record',
  table: 'duty_records',
  initial: 'submitted',
  states: dutyStates,
  terminal: ['confirmed', 'rejected'],
  transitions: [
    { action: 'confirm', from: ['submitted'], to: 'confirmed', by: [dutyOfficer] },
    { action: 'reject', from: ['submitted'], to: 'rejected', by: [dutyOfficer] },
  ],
};
