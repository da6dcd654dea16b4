import { hardshipStatuses } from '../../../../shared/labels.js';
import type { WorkflowDefinition } from '../../kernel/workflow.js';

/** The household file's states: the enumeration the apps and the Excel exports put words to (shared/labels.ts). */
export const hardshipStates = hardshipStatuses;
export type HardshipState = (typeof hardshipStates)[number];
export const hardshipActions = [
  'verify',
  'archive',
  'help_case_by_case',
  'reject',
  'review',
  'close',
  'reopen',
] as const;
export type HardshipAction = (typeof hardshipActions)[number];

/** Assistance officers (帮扶专干; org_admin holds every role) of the union of the household's area or above it. */
export const officer = 'staff:assistance_officer';

/** A file not verified within this many working days of its lead shows as overdue in the queue. */
export const verificationWorkingDays = 10;
/** 动态管理: an archive is reviewed every year; not reviewed within this many months it is flagged. */
export const reviewIntervalMonths = 12;

/**
 * A lead (submitted) is verified by the union of the household's area (visit note, documents), then archived (建档)
 * at a level by the regional standard, helped case by case (below the line of archiving), or rejected with a reason.
 * An archive is reviewed yearly (review keeps it archived and starts the next year's clock; the engine's `due_at`
 * holds the review deadline, set by the service); a household out of hardship is closed. A rejected or closed file
 * is reopened when a worker finds the household in need again (the head's ID number is on file for good).
 */
export const hardshipWorkflow: WorkflowDefinition<HardshipState, HardshipAction> = {
  name: 'hardship_lead',
  table: 'hardship_households',
  initial: 'submitted',
  states: hardshipStates,
  terminal: [],
  transitions: [
    { action: 'verify', from: ['submitted'], to: 'verified', by: [officer] },
    { action: 'archive', from: ['verified', 'case_by_case'], to: 'archived', by: [officer] },
    { action: 'help_case_by_case', from: ['verified', 'archived'], to: 'case_by_case', by: [officer] },
    { action: 'reject', from: ['submitted', 'verified'], to: 'rejected', by: [officer] },
    { action: 'review', from: ['archived'], to: 'archived', by: [officer] },
    { action: 'close', from: ['archived', 'case_by_case'], to: 'closed', by: [officer] },
    { action: 'reopen', from: ['rejected', 'closed'], to: 'submitted', by: [officer] },
  ],
  deadlines: { submitted: { name: 'verify', workingDays: verificationWorkingDays } },
};
