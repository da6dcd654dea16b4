import { describe, expect, it } from 'vitest';
import { availableActions, validateDefinition } from '../../kernel/workflow.js';
import { legalCaseWorkflow } from './legal.workflow.js';

describe('legal case workflow', () => {
  it('is a sound definition', () => {
    expect(() => validateDefinition(legalCaseWorkflow)).not.toThrow();
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
