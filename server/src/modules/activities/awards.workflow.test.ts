import { describe, expect, it } from 'vitest';
import { availableActions, validateDefinition } from '../../kernel/workflow.js';
import { nominationActionBody } from './awards.schemas.js';
import { nominationWorkflow, nominator, officer, selection } from './awards.workflow.js';

/** Follows `action` as the engine would: the first transition from `state` one of `parties` may take. */
function next(state: string, action: string, parties: string[]): string | null {
  const t = nominationWorkflow.transitions.find(
    (x) => x.action === action && x.from.includes(state as never) && x.by.some((p) => parties.includes(p)),
  );
  return t ? t.to : null;
}

describe('award nomination workflow', () => {
  it('is a sound definition: every state reachable from pending, none a dead end but the ends', () => {
    expect(() => validateDefinition(nominationWorkflow)).not.toThrow();
    expect(nominationWorkflow.initial).toBe('pending');
    expect(nominationWorkflow.terminal).toEqual(['rejected', 'not_selected', 'revoked', 'awarded', 'withdrawn']);
  });

  it('walks review → vote → publicity → awarded, and the ways out', () => {
    expect(next('pending', 'approve', [officer])).toBe('approved');
    expect(next('pending', 'reject', [officer])).toBe('rejected');
    expect(next('approved', 'open_vote', [selection])).toBe('voting');
    expect(next('voting', 'publicize', [selection])).toBe('publicized');
    expect(next('approved', 'publicize', [selection])).toBe('publicized');
    expect(next('voting', 'not_select', [selection])).toBe('not_selected');
    expect(next('publicized', 'award', [selection])).toBe('awarded');
    expect(next('publicized', 'revoke', [selection])).toBe('revoked');
    expect(next('pending', 'publicize', [selection])).toBeNull();
    expect(next('voting', 'approve', [officer])).toBeNull();
    expect(next('rejected', 'approve', [officer])).toBeNull();
    expect(next('pending', 'withdraw', [nominator])).toBe('withdrawn');
    expect(next('approved', 'withdraw', [nominator])).toBe('withdrawn');
    expect(next('voting', 'withdraw', [nominator])).toBeNull();
    expect(next('pending', 'withdraw', [officer])).toBeNull();
  });

  it('gives officers the review only; the selection steps to no client', () => {
    expect(availableActions(nominationWorkflow, 'pending', [officer])).toEqual(['approve', 'reject']);
    expect(availableActions(nominationWorkflow, 'approved', [officer])).toEqual([]);
    expect(availableActions(nominationWorkflow, 'publicized', [officer])).toEqual([]);
    expect(availableActions(nominationWorkflow, 'approved', [selection])).toEqual([
      'open_vote',
      'publicize',
      'not_select',
    ]);
    for (const s of nominationWorkflow.terminal)
      expect(availableActions(nominationWorkflow, s, [officer, selection])).toEqual([]);
    const clientActions = nominationActionBody.options.map((o) => o.shape.action.value);
    expect(clientActions).toEqual(['approve', 'reject']);
  });
});
