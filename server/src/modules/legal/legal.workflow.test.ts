import { describe, expect, it } from 'vitest';
import { availableActions, validateDefinition } from '../../kernel/workflow.js';
import { legalCaseWorkflow } from './legal.workflow.js';

describe('legal case workflow', () => {
  it('is a sound definition: every state reachable from submission, none a dead end but the closed ones', () => {
    expect(() => validateDefinition(legalCaseWorkflow)).not.toThrow();
    expect(legalCaseWorkflow.initial).toBe('submitted');
    expect(legalCaseWorkflow.terminal).toEqual(['closed', 'withdrawn']);
    // Until an agreement or a referral, the applicant may walk away; after one, only the centre closes the case.
    for (const s of ['submitted', 'accepted', 'assigned', 'in_contact'] as const)
      expect(availableActions(legalCaseWorkflow, s, ['applicant']), s).toEqual(['withdraw']);
    for (const s of ['agreed', 'referred'] as const)
      expect(availableActions(legalCaseWorkflow, s, ['staff:case_handler']), s).toEqual(['close']);
  });

  it('offers the centre and the applicant the actions of API.md in each state', () => {
    const staff = ['staff:case_handler'];
    expect(availableActions(legalCaseWorkflow, 'submitted', staff)).toEqual(['accept']);
    expect(availableActions(legalCaseWorkflow, 'accepted', staff)).toEqual(['assign', 'contact']);
    expect(availableActions(legalCaseWorkflow, 'in_contact', staff)).toEqual(['assign', 'contact', 'agree', 'refer']);
    expect(availableActions(legalCaseWorkflow, 'agreed', staff)).toEqual(['close']);
    expect(availableActions(legalCaseWorkflow, 'closed', staff)).toEqual([]);
    expect(availableActions(legalCaseWorkflow, 'in_contact', ['applicant'])).toEqual(['withdraw']);
    expect(availableActions(legalCaseWorkflow, 'agreed', ['applicant'])).toEqual([]);
  });
});
