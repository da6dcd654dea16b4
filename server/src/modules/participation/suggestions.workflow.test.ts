import { describe, expect, it } from 'vitest';
import { suggestionStatuses } from '../../../../shared/labels.js';
import { availableActions, validateDefinition } from '../../kernel/workflow.js';
import { suggestionActionBody } from './suggestions.schemas.js';
import {
  author,
  officer,
  proposals,
  suggestionActions,
  suggestionStates,
  suggestionWorkflow,
} from './suggestions.workflow.js';

/** Follows `action` as the engine would: the first transition from `state` one of `parties` may take. */
function next(state: string, action: string, parties: string[]): string | null {
  const t = suggestionWorkflow.transitions.find(
    (x) => x.action === action && x.from.includes(state as never) && x.by.some((p) => parties.includes(p)),
  );
  return t ? t.to : null;
}

describe('suggestion workflow', () => {
  it('is a sound definition: every state reachable from open, none a dead end but the ends', () => {
    expect(() => validateDefinition(suggestionWorkflow)).not.toThrow();
    expect(suggestionWorkflow.initial).toBe('open');
    expect(suggestionWorkflow.terminal).toEqual(['closed', 'rejected', 'withdrawn']);
  });

  it('walks answer → close, take_up → close, reject, withdraw', () => {
    expect(next('open', 'answer', [officer])).toBe('answered');
    expect(next('answered', 'close', [officer])).toBe('closed');
    expect(next('open', 'take_up', [proposals])).toBe('taken_up');
    expect(next('answered', 'take_up', [proposals])).toBe('taken_up');
    expect(next('taken_up', 'close', [officer])).toBe('closed');
    expect(next('open', 'reject', [officer])).toBe('rejected');
    expect(next('open', 'withdraw', [author])).toBe('withdrawn');
    expect(next('answered', 'withdraw', [author])).toBeNull();
    expect(next('answered', 'answer', [officer])).toBeNull();
  });

  it('gives each action to its party only; take_up to no client', () => {
    expect(availableActions(suggestionWorkflow, 'open', [author])).toEqual(['withdraw']);
    expect(availableActions(suggestionWorkflow, 'open', [officer])).toEqual(['answer', 'reject', 'close']);
    expect(availableActions(suggestionWorkflow, 'open', [proposals])).toEqual(['take_up']);
    expect(availableActions(suggestionWorkflow, 'answered', [author, officer])).toEqual(['close']);
    expect(availableActions(suggestionWorkflow, 'taken_up', [author, officer])).toEqual(['close']);
    for (const s of suggestionWorkflow.terminal)
      expect(availableActions(suggestionWorkflow, s, [author, officer, proposals])).toEqual([]);
    // The action body a client sends has no take_up.
    const clientActions = suggestionActionBody.options.map((o) => o.shape.action.value);
    expect(clientActions).toEqual(['answer', 'close', 'reject', 'withdraw']);
    expect(suggestionActions.filter((a) => !(clientActions as string[]).includes(a))).toEqual(['take_up']);
  });

  it('has the words of shared/labels.ts for every state', () => {
    expect([...suggestionStatuses]).toEqual([...suggestionStates]);
  });
});
