import { describe, expect, it } from 'vitest';
import { proposalStatuses } from '../../../../shared/labels.js';
import { addWorkingDays, shanghaiDate } from '../../kernel/clock.js';
import { availableActions, dueAtFor, validateDefinition } from '../../kernel/workflow.js';
import {
  committee,
  cosigner,
  dissatisfiedRating,
  handler,
  proposalActions,
  proposalStates,
  proposalWorkflow,
  proposer,
  requestedProposalActions,
} from './proposals.workflow.js';

describe('proposal workflow', () => {
  it('is a sound definition with the shared states: every state reachable, none a dead end but the ends', () => {
    expect(() => validateDefinition(proposalWorkflow)).not.toThrow();
    expect([...proposalStates]).toEqual([...proposalStatuses]);
    // Every action has a transition, and every transition is a known action.
    expect(new Set(proposalWorkflow.transitions.map((t) => t.action))).toEqual(new Set(proposalActions));
  });

  it('gives the committee the review, the assignment, the referral and the closing', () => {
    expect(availableActions(proposalWorkflow, 'submitted', [committee])).toEqual([
      'review_accept',
      'review_return',
      'review_reject',
      'convert_to_suggestion',
    ]);
    expect(availableActions(proposalWorkflow, 'accepted', [committee])).toEqual(['assign', 'refer_external', 'close']);
    expect(availableActions(proposalWorkflow, 'assigned', [committee])).toEqual(['assign', 'refer_external', 'answer']);
    expect(availableActions(proposalWorkflow, 'referred', [committee])).toEqual(['record_external_answer', 'answer']);
    expect(availableActions(proposalWorkflow, 'answered', [committee])).toEqual(['close']);
  });

  it('lets the handling body answer only, and the proposer edit, withdraw and rate', () => {
    for (const state of proposalStates)
      expect(availableActions(proposalWorkflow, state, [handler]), state).toEqual(
        state === 'assigned' ? ['answer'] : [],
      );
    expect(availableActions(proposalWorkflow, 'submitted', [proposer])).toEqual(['withdraw']);
    expect(availableActions(proposalWorkflow, 'returned', [proposer])).toEqual(['resubmit', 'withdraw']);
    expect(availableActions(proposalWorkflow, 'answered', [proposer])).toEqual(['rate']);
    expect(availableActions(proposalWorkflow, 'assigned', [proposer])).toEqual([]);
    // A co-signer reads and is told; the loop's steps are not theirs.
    for (const state of proposalStates) expect(availableActions(proposalWorkflow, state, [cosigner])).toEqual([]);
  });

  it('takes the outcomes of a dissatisfied rating only in the rating’s name, never as a request', () => {
    expect(availableActions(proposalWorkflow, 'answered', [dissatisfiedRating])).toEqual([
      'reopen',
      'reopen_referral',
      'close_dissatisfied',
    ]);
    for (const internal of ['reopen', 'reopen_referral', 'close_dissatisfied'])
      expect(requestedProposalActions as readonly string[]).not.toContain(internal);
  });

  it('gives handling 20 working days by default, counted by the calendar past weekends and holidays', () => {
    const calendar = { holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05']), workdays: new Set<string>() };
    // Assigned on Wednesday 30 September 2026 (Shanghai): 1, 2 and 5 October are holidays and weekends do not count,
    // so the 20th working day is Monday 2 November.
    const at = new Date('2026-09-30T10:00:00+08:00');
    const due = dueAtFor(proposalWorkflow, 'assigned', at, calendar)!;
    expect(due).toEqual(addWorkingDays(at, 20, calendar));
    expect(shanghaiDate(due)).toBe('2026-11-02');
    expect(due.toISOString()).toBe('2026-11-02T15:59:59.999Z');
    expect(dueAtFor(proposalWorkflow, 'answered', at, calendar)).toBeNull();
  });
});
