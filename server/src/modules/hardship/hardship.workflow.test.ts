import { describe, expect, it } from 'vitest';
import { hardshipStatuses } from '../../../../shared/labels.js';
import { availableActions, validateDefinition } from '../../kernel/workflow.js';
import { leadActionBody } from './leads.schemas.js';
import { hardshipActions, hardshipStates, hardshipWorkflow, officer } from './hardship.workflow.js';

/** Follows `action` as the engine would: the first transition from `state` one of `parties` may take. */
function next(state: string, action: string, parties: string[]): string | null {
  const t = hardshipWorkflow.transitions.find(
    (x) => x.action === action && x.from.includes(state as never) && x.by.some((p) => parties.includes(p)),
  );
  return t ? t.to : null;
}

describe('hardship lead workflow', () => {
  it('is a sound definition: every state reachable from submitted, none a dead end', () => {
    expect(() => validateDefinition(hardshipWorkflow)).not.toThrow();
    expect(hardshipWorkflow.initial).toBe('submitted');
    // A rejected or closed file is reopened when the household is in need again: no state is final.
    expect(hardshipWorkflow.terminal).toEqual([]);
    expect(hardshipWorkflow.deadlines?.submitted).toEqual({ name: 'verify', workingDays: 10 });
  });

  it('walks lead → verified → archived → reviewed → case by case → archived → closed → reopened', () => {
    expect(next('submitted', 'verify', [officer])).toBe('verified');
    expect(next('verified', 'archive', [officer])).toBe('archived');
    expect(next('archived', 'review', [officer])).toBe('archived');
    expect(next('archived', 'help_case_by_case', [officer])).toBe('case_by_case');
    expect(next('case_by_case', 'archive', [officer])).toBe('archived');
    expect(next('archived', 'close', [officer])).toBe('closed');
    expect(next('closed', 'reopen', [officer])).toBe('submitted');
    expect(next('submitted', 'reject', [officer])).toBe('rejected');
    expect(next('verified', 'reject', [officer])).toBe('rejected');
    expect(next('rejected', 'reopen', [officer])).toBe('submitted');
    // Not archived before verification, not reviewed unless archived, no rejecting an archive.
    expect(next('submitted', 'archive', [officer])).toBeNull();
    expect(next('verified', 'review', [officer])).toBeNull();
    expect(next('archived', 'reject', [officer])).toBeNull();
    expect(next('submitted', 'verify', [])).toBeNull();
  });

  it('gives every action to the officers only, and each state its buttons', () => {
    expect(availableActions(hardshipWorkflow, 'submitted', [officer])).toEqual(['verify', 'reject']);
    expect(availableActions(hardshipWorkflow, 'verified', [officer])).toEqual([
      'archive',
      'help_case_by_case',
      'reject',
    ]);
    expect(availableActions(hardshipWorkflow, 'archived', [officer])).toEqual(['help_case_by_case', 'review', 'close']);
    expect(availableActions(hardshipWorkflow, 'case_by_case', [officer])).toEqual(['archive', 'close']);
    expect(availableActions(hardshipWorkflow, 'rejected', [officer])).toEqual(['reopen']);
    expect(availableActions(hardshipWorkflow, 'closed', [officer])).toEqual(['reopen']);
    for (const s of hardshipStates) expect(availableActions(hardshipWorkflow, s, ['staff:leader'])).toEqual([]);
    // The action body a client sends names every action of the definition.
    expect(leadActionBody.options.map((o) => o.shape.action.value)).toEqual([...hardshipActions]);
  });

  it('has the words of shared/labels.ts for every state', () => {
    expect([...hardshipStatuses]).toEqual([...hardshipStates]);
  });
});
