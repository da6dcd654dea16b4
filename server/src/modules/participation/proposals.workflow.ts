import type { WorkflowDefinition } from '../../kernel/workflow.js';
import { proposalStatuses } from '../../../../shared/labels.js';

/** The proposal states: the enumeration the apps and the Excel export put words to (shared/labels.ts). */
export const proposalStates = proposalStatuses;
export type ProposalState = (typeof proposalStates)[number];

export const proposalActions = [
  'resubmit',
  'withdraw',
  'review_accept',
  'review_return',
  'review_reject',
  'convert_to_suggestion',
  'assign',
  'refer_external',
  'record_external_answer',
  'answer',
  'rate',
  'reopen',
  'reopen_referral',
  'close_dissatisfied',
  'close',
] as const;
export type ProposalAction = (typeof proposalActions)[number];

/** The actions a client sends; `reopen`, `reopen_referral` and `close_dissatisfied` are outcomes of a `rate`. */
export const requestedProposalActions = [
  'resubmit',
  'withdraw',
  'review_accept',
  'review_return',
  'review_reject',
  'convert_to_suggestion',
  'assign',
  'refer_external',
  'record_external_answer',
  'answer',
  'rate',
  'close',
] as const satisfies readonly ProposalAction[];

/** The representative who made the proposal (提案人). */
export const proposer = 'proposer';
/** A named co-signer (附议代表): reads it and is told of every step; takes no workflow action. */
export const cosigner = 'cosigner';
/** The proposals committee (提案委员会): participation officers over the congress's union. */
export const committee = 'committee';
/** The handling body (承办单位): participation officers or administrators over the org the proposal is assigned to. */
export const handler = 'handler';
/**
 * The proposer's dissatisfied rating: the service takes the outcome (reopen once, then close dissatisfied) in the
 * rating's name. No caller stands for it directly, so these steps are never offered as buttons.
 */
export const dissatisfiedRating = 'proposer:dissatisfied_rating';

/** How long handling takes when the committee names no due date: 20 working days (kernel calendar). */
export const defaultHandlingWorkingDays = 20;
/** An answer nobody rates may be closed by the committee this many working days after it. */
export const ratingWindowWorkingDays = 15;

/**
 * 提案 五步闭环 (seed 004): online submission → review by the proposals committee → handling by an assigned body with a
 * due date → supervision (overdue flag, reminders) → answer and the proposer's rating. A matter the union cannot
 * handle is referred to an outside governance platform (基层治理四平台, 12345) and followed until its answer is
 * recorded. A dissatisfied rating reopens handling once; a second ends the loop as closed-dissatisfied.
 */
export const proposalWorkflow: WorkflowDefinition<ProposalState, ProposalAction> = {
  name: 'proposal',
  table: 'proposals',
  initial: 'submitted',
  states: proposalStates,
  terminal: ['closed', 'closed_dissatisfied', 'rejected', 'converted', 'withdrawn'],
  transitions: [
    { action: 'review_accept', from: ['submitted'], to: 'accepted', by: [committee] },
    { action: 'review_return', from: ['submitted'], to: 'returned', by: [committee] },
    { action: 'review_reject', from: ['submitted'], to: 'rejected', by: [committee] },
    { action: 'convert_to_suggestion', from: ['submitted'], to: 'converted', by: [committee] },
    { action: 'resubmit', from: ['returned'], to: 'submitted', by: [proposer] },
    { action: 'withdraw', from: ['submitted', 'returned'], to: 'withdrawn', by: [proposer] },
    // Assigning again (from assigned) hands it to another body, with a new due date.
    { action: 'assign', from: ['accepted', 'assigned'], to: 'assigned', by: [committee] },
    { action: 'refer_external', from: ['accepted', 'assigned'], to: 'referred', by: [committee] },
    { action: 'record_external_answer', from: ['referred'], to: 'answered', by: [committee] },
    { action: 'answer', from: ['assigned'], to: 'answered', by: [handler, committee] },
    // A referred matter's answer, recorded by the committee as `answer` too (the outside platform's reply).
    { action: 'answer', from: ['referred'], to: 'answered', by: [committee] },
    { action: 'rate', from: ['answered'], to: 'closed', by: [proposer] },
    { action: 'reopen', from: ['answered'], to: 'assigned', by: [dissatisfiedRating] },
    { action: 'reopen_referral', from: ['answered'], to: 'referred', by: [dissatisfiedRating] },
    { action: 'close_dissatisfied', from: ['answered'], to: 'closed_dissatisfied', by: [dissatisfiedRating] },
    // accepted: settled without handling (e.g. merged into another proposal); answered: nobody rated it in the
    // rating window (the service holds that rule).
    { action: 'close', from: ['accepted', 'answered'], to: 'closed', by: [committee] },
  ],
  // The default due date of handling; an assignment may name its own (the engine's ActionContext.dueAt).
  deadlines: { assigned: { name: 'answer', workingDays: defaultHandlingWorkingDays } },
};
