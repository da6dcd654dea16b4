import { describe, expect, it } from 'vitest';
import { programmeSignupStatuses } from '../../../../shared/labels.js';
import { availableActions, validateDefinition } from '../../kernel/workflow.js';
import { compareKeys, isEventHeld, priorityKey, type PriorityFacts } from './quota.policy.js';
import { quotaRules, type PriorityRule } from './quota.schemas.js';
import {
  allocator,
  signupAgent,
  signupApplicant,
  signupManager,
  signupStates,
  signupWorkflow,
} from './quota.workflow.js';

describe('programme signup workflow', () => {
  it('is a sound definition with the shared states: every state reachable, none a dead end but the ends', () => {
    expect(() => validateDefinition(signupWorkflow)).not.toThrow();
    expect([...signupStates]).toEqual([...programmeSignupStatuses]);
    expect(signupWorkflow.terminal).toEqual(['declined', 'cancelled', 'withdrawn', 'attended', 'absent']);
  });

  it('gives each party its own steps', () => {
    expect(availableActions(signupWorkflow, 'applied', [signupApplicant])).toEqual(['withdraw']);
    expect(availableActions(signupWorkflow, 'allocated', [signupApplicant])).toEqual(['decline']);
    expect(availableActions(signupWorkflow, 'allocated', [signupAgent])).toEqual(['decline']);
    expect(availableActions(signupWorkflow, 'allocated', [signupManager])).toEqual(['cancel', 'attend', 'absent']);
    expect(availableActions(signupWorkflow, 'applied', [signupManager])).toEqual(['allocate', 'waitlist', 'cancel']);
    // Only the allocation promotes: no caller stands for it.
    expect(availableActions(signupWorkflow, 'waitlisted', [signupApplicant, signupAgent, signupManager])).toEqual([
      'withdraw',
      'cancel',
    ]);
    expect(availableActions(signupWorkflow, 'waitlisted', [allocator])).toEqual(['promote']);
  });
});

describe('priority lists', () => {
  const facts = (f: Partial<PriorityFacts> & { arrival: number }): PriorityFacts => ({
    honourLevel: null,
    frontLine: false,
    firstTime: true,
    ...f,
  });
  const order = (rules: PriorityRule[], people: Record<string, PriorityFacts>) =>
    Object.entries(people)
      .sort(([, a], [, b]) => compareKeys(priorityKey(rules, a), priorityKey(rules, b)))
      .map(([name]) => name);
  const people = {
    a: facts({ arrival: 1 }),
    b: facts({ arrival: 2, honourLevel: 'municipal', frontLine: true }),
    c: facts({ arrival: 3, honourLevel: 'national', firstTime: false }),
    d: facts({ arrival: 4, frontLine: true }),
    e: facts({ arrival: 5, honourLevel: 'provincial' }),
  };

  it('orders by each list in the order the rules give, then by arrival', () => {
    expect(order([], people)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(order([{ by: 'honour_level', levels: ['national', 'provincial'] }], people)).toEqual([
      'c',
      'e',
      'a',
      'b',
      'd',
    ]);
    expect(order([{ by: 'front_line' }, { by: 'honour_level', levels: ['provincial', 'national'] }], people)).toEqual([
      'b',
      'd',
      'e',
      'c',
      'a',
    ]);
    expect(order([{ by: 'first_time' }], people)).toEqual(['a', 'b', 'd', 'e', 'c']);
  });

  it('takes a small, explicit rule set and refuses anything else', () => {
    expect(quotaRules.parse({ places: 3, eventDate: '2026-05-01' })).toEqual({
      places: 3,
      eventDate: '2026-05-01',
      priority: [],
    });
    for (const bad of [
      { places: 3, eventDate: '2026-05-01', priority: [{ by: 'seniority' }] },
      { places: 3, eventDate: '2026-05-01', priority: [{ by: 'honour_level', levels: [] }] },
      { places: 3, eventDate: '2026-05-01', priority: [{ by: 'honour_level', levels: ['national', 'national'] }] },
      { places: 3, eventDate: '2026-05-01', priority: [{ by: 'front_line', extra: 1 }] },
      { places: 3, eventDate: '2026-5-1' },
      { places: 10_001, eventDate: '2026-05-01' },
    ])
      expect(quotaRules.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('holds attendance until the event day in Shanghai', () => {
    expect(isEventHeld('2026-03-20', new Date('2026-03-19T15:59:59Z'))).toBe(false);
    expect(isEventHeld('2026-03-20', new Date('2026-03-19T16:00:00Z'))).toBe(true);
  });
});
