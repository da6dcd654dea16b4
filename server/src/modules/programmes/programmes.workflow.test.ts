import { describe, expect, it } from 'vitest';
import { programmeApplicationStatuses, programmeKinds as sharedKinds } from '../../../../shared/labels.js';
import { availableActions, validateDefinition } from '../../kernel/workflow.js';
import { programmeKinds } from './programmes.schemas.js';
import {
  applicationStates,
  agent,
  applicant,
  applicationWorkflow,
  finalReviewer,
  levelOf,
  manager,
  reviewer,
  reviewStateOf,
  reviewStates,
} from './programmes.workflow.js';

/** Follows `action` as the engine would: the first transition from `state` one of `parties` may take. */
function next(state: string, action: string, parties: string[]): string | null {
  const t = applicationWorkflow.transitions.find(
    (x) => x.action === action && x.from.includes(state as never) && x.by.some((p) => parties.includes(p)),
  );
  return t ? t.to : null;
}

describe('programme application workflow', () => {
  it('is a sound definition: every state reachable from the first review, none a dead end but the ends', () => {
    expect(() => validateDefinition(applicationWorkflow)).not.toThrow();
    expect(applicationWorkflow.initial).toBe('review_1');
    expect(applicationWorkflow.terminal).toEqual(['rejected', 'withdrawn', 'disbursed']);
  });

  it('walks a chain of every length from 1 to 5: each level passes to the next, the last out of review', () => {
    for (let levels = 1; levels <= 5; levels++) {
      let state: string = reviewStateOf(1);
      for (let level = 1; level <= levels; level++) {
        expect(levelOf(state)).toBe(level);
        state = next(state, 'review_pass', [level === levels ? finalReviewer : reviewer])!;
      }
      expect(state, `${levels} levels`).toBe('reviewed');
      expect(next(state, 'publicize', [manager])).toBe('publicity');
      expect(next('publicity', 'approve', [manager])).toBe('approved');
      expect(next('approved', 'disburse', [manager])).toBe('disbursed');
    }
    // The fifth level is always the last: a plain reviewer there has no way on.
    expect(next('review_5', 'review_pass', [reviewer])).toBeNull();
  });

  it('gives each action to its party only', () => {
    for (const s of reviewStates) {
      expect(availableActions(applicationWorkflow, s, [applicant])).toEqual(['withdraw']);
      expect(availableActions(applicationWorkflow, s, [finalReviewer])).toEqual([
        'review_pass',
        'review_return',
        'review_reject',
      ]);
      // Seeing an application (its union's staff, the programme's) is not reviewing it.
      expect(availableActions(applicationWorkflow, s, [agent, manager])).toEqual([]);
    }
    expect(availableActions(applicationWorkflow, 'returned', [applicant])).toEqual(['resubmit', 'withdraw']);
    expect(availableActions(applicationWorkflow, 'returned', [agent])).toEqual(['resubmit']);
    expect(next('returned', 'resubmit', [applicant])).toBe('review_1');
    expect(availableActions(applicationWorkflow, 'reviewed', [manager])).toEqual(['publicize', 'approve']);
    expect(availableActions(applicationWorkflow, 'reviewed', [applicant, agent, reviewer, finalReviewer])).toEqual([]);
    expect(availableActions(applicationWorkflow, 'publicity', [manager])).toEqual(['approve']);
    expect(availableActions(applicationWorkflow, 'approved', [manager])).toEqual(['disburse']);
    for (const s of ['rejected', 'withdrawn', 'disbursed'])
      expect(availableActions(applicationWorkflow, s, [applicant, agent, reviewer, finalReviewer, manager])).toEqual(
        [],
      );
  });

  it('has the words of shared/labels.ts for every state and kind (the apps and the ledger say the same)', () => {
    expect([...programmeApplicationStatuses]).toEqual([...applicationStates]);
    expect([...sharedKinds]).toEqual([...programmeKinds]);
  });
});
