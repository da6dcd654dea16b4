import type { WorkflowDefinition } from '../../kernel/workflow.js';

/** An entry's states: nominated by a member (pending), live (takes ballots), rejected, or removed by staff. */
export const pollEntryStates = ['pending', 'live', 'rejected', 'removed'] as const;
export type PollEntryState = (typeof pollEntryStates)[number];
export const pollEntryActions = ['approve', 'reject', 'remove'] as const;
export type PollEntryAction = (typeof pollEntryActions)[number];

/** Activity officers (活动专干; org_admin holds every role) over the poll's union. */
export const officer = 'staff:activity_officer';

/**
 * An entry of a poll: a member's nomination waits for moderation (pending) and staff approve it (live) or reject it
 * with a reason; an entry staff add themselves is approved in the same transaction it is added in, so every live entry
 * has the same timeline. Staff may take a live entry down (removed): it takes no more ballots and leaves the results.
 */
export const pollEntryWorkflow: WorkflowDefinition<PollEntryState, PollEntryAction> = {
  name: 'poll_entry',
  table: 'poll_entries',
  initial: 'pending',
  states: pollEntryStates,
  terminal: ['rejected', 'removed'],
  transitions: [
    { action: 'approve', from: ['pending'], to: 'live', by: [officer] },
    { action: 'reject', from: ['pending'], to: 'rejected', by: [officer] },
    { action: 'remove', from: ['live'], to: 'removed', by: [officer] },
  ],
};

/** A flag's states: open until staff void its ballots or dismiss it. */
export const pollFlagStates = ['open', 'voided', 'dismissed'] as const;
export type PollFlagState = (typeof pollFlagStates)[number];
export const pollFlagActions = ['void', 'dismiss'] as const;
export type PollFlagAction = (typeof pollFlagActions)[number];

/** The ballot desk raising a flag: a party no client principal stands for. */
export const ballotDesk = 'system:poll_ballots';

/** A suspicious burst of ballots (polls.flags.ts): staff void its ballots (they stop counting) or dismiss it. */
export const pollFlagWorkflow: WorkflowDefinition<PollFlagState, PollFlagAction> = {
  name: 'poll_flag',
  table: 'poll_flags',
  initial: 'open',
  states: pollFlagStates,
  terminal: ['voided', 'dismissed'],
  transitions: [
    { action: 'void', from: ['open'], to: 'voided', by: [officer] },
    { action: 'dismiss', from: ['open'], to: 'dismissed', by: [officer] },
  ],
};
