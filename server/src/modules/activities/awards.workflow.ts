import { awardNominationStates } from '../../../../shared/labels.js';
import type { WorkflowDefinition } from '../../kernel/workflow.js';

/** The states' words live with them in shared/labels.ts (the console and the Excel export read them there). */
export const nominationStates = awardNominationStates;
export type NominationState = (typeof nominationStates)[number];
export const nominationActions = [
  'approve',
  'reject',
  'open_vote',
  'publicize',
  'not_select',
  'revoke',
  'award',
  'withdraw',
] as const;
export type NominationAction = (typeof nominationActions)[number];

/** Activity officers (活动专干; org_admin holds every role) over the selection's union. */
export const officer = 'staff:activity_officer';
/**
 * The selection's own steps, taken for all its nominations at once (the public vote opened, the publicity opened, an
 * upheld objection, the awarding): a party no client principal stands for, so only the selection's use cases take them.
 */
export const selection = 'system:selection';
/** Who made the nomination (the member, or the officer for their union): withdraws it before the vote. */
export const nominator = 'nominator';

/**
 * 先进评选, one nomination: pending → review by the selection's officers (approved, or rejected with a reason) → the
 * public vote (voting) → the publicity (publicized, 公示) for those selected, not_selected for the rest → awarded at
 * the end of the publicity, or revoked when an objection is upheld. A selection without a public vote publicizes
 * straight from approved. Its nominator may withdraw it (withdrawn) while it is in review or approved, before the vote.
 */
export const nominationWorkflow: WorkflowDefinition<NominationState, NominationAction> = {
  name: 'award_nomination',
  table: 'award_nominations',
  initial: 'pending',
  states: nominationStates,
  terminal: ['rejected', 'not_selected', 'revoked', 'awarded', 'withdrawn'],
  transitions: [
    { action: 'approve', from: ['pending'], to: 'approved', by: [officer] },
    { action: 'reject', from: ['pending'], to: 'rejected', by: [officer] },
    { action: 'open_vote', from: ['approved'], to: 'voting', by: [selection] },
    { action: 'publicize', from: ['approved', 'voting'], to: 'publicized', by: [selection] },
    { action: 'not_select', from: ['approved', 'voting'], to: 'not_selected', by: [selection] },
    { action: 'revoke', from: ['publicized'], to: 'revoked', by: [selection] },
    { action: 'award', from: ['publicized'], to: 'awarded', by: [selection] },
    { action: 'withdraw', from: ['pending', 'approved'], to: 'withdrawn', by: [nominator] },
  ],
};
