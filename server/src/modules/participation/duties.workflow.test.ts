import { describe, expect, it } from 'vitest';
import { availableActions, validateDefinition } from '../../kernel/workflow.js';
import { dutyOfficer, dutyWorkflow } from './duties.workflow.js';

describe('duty record workflow', () => {
  it('is a sound definition: submitted, then confirmed or rejected, both final', () => {
    expect(() => validateDefinition(dutyWorkflow)).not.toThrow();
    expect(dutyWorkflow.initial).toBe('submitted');
    expect(dutyWorkflow.terminal).toEqual(['confirmed', 'rejected']);
  });

  it('lets only the participation officer decide, and only while the record waits', () => {
    expect(availableActions(dutyWorkflow, 'submitted', [dutyOfficer])).toEqual(['confirm', 'reject']);
    // The representative who submitted it decides nothing about it.
    expect(availableActions(dutyWorkflow, 'submitted', [])).toEqual([]);
    expect(availableActions(dutyWorkflow, 'confirmed', [dutyOfficer])).toEqual([]);
    expect(availableActions(dutyWorkflow, 'rejected', [dutyOfficer])).toEqual([]);
  });
});
