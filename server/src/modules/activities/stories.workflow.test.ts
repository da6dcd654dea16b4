import { describe, expect, it } from 'vitest';
import { availableActions, validateDefinition } from '../../kernel/workflow.js';
import { storyActionBody } from './stories.schemas.js';
import { storyActions, storyAuthor, storyOfficer, storyStates, storyWorkflow } from './stories.workflow.js';

/** Follows `action` as the engine would: the first transition from `state` one of `parties` may take. */
function next(state: string, action: string, parties: string[]): string | null {
  const t = storyWorkflow.transitions.find(
    (x) => x.action === action && x.from.includes(state as never) && x.by.some((p) => parties.includes(p)),
  );
  return t ? t.to : null;
}

describe('story workflow', () => {
  it('is a sound definition: every state reachable from pending, only withdrawn an end', () => {
    expect(() => validateDefinition(storyWorkflow)).not.toThrow();
    expect(storyWorkflow.initial).toBe('pending');
    expect(storyWorkflow.terminal).toEqual(['withdrawn']);
    expect([...storyWorkflow.states]).toEqual([...storyStates]);
  });

  it('walks approve, reject → resubmit → approve, take_down, withdraw', () => {
    expect(next('pending', 'approve', [storyOfficer])).toBe('approved');
    expect(next('pending', 'reject', [storyOfficer])).toBe('rejected');
    expect(next('rejected', 'resubmit', [storyAuthor])).toBe('pending');
    expect(next('approved', 'take_down', [storyOfficer])).toBe('rejected');
    expect(next('pending', 'withdraw', [storyAuthor])).toBe('withdrawn');
    expect(next('rejected', 'withdraw', [storyAuthor])).toBe('withdrawn');
    expect(next('approved', 'withdraw', [storyAuthor])).toBeNull();
    expect(next('approved', 'approve', [storyOfficer])).toBeNull();
    expect(next('rejected', 'approve', [storyOfficer])).toBeNull();
  });

  it('gives moderation to officers and editing to the author only', () => {
    expect(availableActions(storyWorkflow, 'pending', [storyOfficer])).toEqual(['approve', 'reject']);
    expect(availableActions(storyWorkflow, 'pending', [storyAuthor])).toEqual(['withdraw']);
    expect(availableActions(storyWorkflow, 'approved', [storyOfficer])).toEqual(['take_down']);
    expect(availableActions(storyWorkflow, 'approved', [storyAuthor])).toEqual([]);
    expect(availableActions(storyWorkflow, 'rejected', [storyAuthor])).toEqual(['resubmit', 'withdraw']);
    expect(availableActions(storyWorkflow, 'rejected', [storyOfficer])).toEqual([]);
    expect(availableActions(storyWorkflow, 'withdrawn', [storyAuthor, storyOfficer])).toEqual([]);
  });

  it('has a client action body for every action', () => {
    const clientActions = storyActionBody.options.map((o) => o.shape.action.value);
    expect([...clientActions].sort()).toEqual([...storyActions].sort());
  });
});
