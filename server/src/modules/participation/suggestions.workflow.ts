import { suggestionStatuses } from '../../../../shared/labels.js';
import type { WorkflowDefinition } from '../../kernel/workflow.js';

/** The suggestion states: the enumeration the apps and the Excel export put words to (shared/labels.ts). */
export const suggestionStates = suggestionStatuses;
export type SuggestionState = (typeof suggestionStates)[number];
export const suggestionActions = ['answer', 'close', 'reject', 'withdraw', 'take_up'] as const;
export type SuggestionAction = (typeof suggestionActions)[number];

/** Participation officers (民主管理专干; org_admin holds every role) over the suggestion's union. */
export const officer = 'staff:participation_officer';
/** The member who posted it. */
export const author = 'author';
/**
 * The proposals part taking a suggestion up as a representative's proposal: a party no client principal stands for,
 * so only `takeUpSuggestion` (called in the proposal's transaction) can take the step.
 */
export const proposals = 'system:proposals';

/**
 * 职工事大家议: a member posts a suggestion (open); the union answers it (answered), or does not adopt it (rejected);
 * a representative may take it up as a proposal (taken_up); the union closes it when done; the author may withdraw
 * it while it waits for an answer.
 */
export const suggestionWorkflow: WorkflowDefinition<SuggestionState, SuggestionAction> = {
  name: 'suggestion',
  table: 'suggestions',
  initial: 'open',
  states: suggestionStates,
  terminal: ['closed', 'rejected', 'withdrawn'],
  transitions: [
    { action: 'answer', from: ['open'], to: 'answered', by: [officer] },
    { action: 'reject', from: ['open'], to: 'rejected', by: [officer] },
    { action: 'take_up', from: ['open', 'answered'], to: 'taken_up', by: [proposals] },
    { action: 'close', from: ['open', 'answered', 'taken_up'], to: 'closed', by: [officer] },
    { action: 'withdraw', from: ['open'], to: 'withdrawn', by: [author] },
  ],
};
