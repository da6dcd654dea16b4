import { describe, expect, it } from 'vitest';
import { motionOutcome } from './motions.rule.js';

const votes = (forVotes: number, against: number, abstain = 0) => ({ for: forVotes, against, abstain });

describe('the quorum and majority rule of a congress vote', () => {
  it('777 representatives: 518 voting is a quorum, 517 is not', () => {
    expect(motionOutcome(votes(300, 218), 777)).toEqual({ voted: 518, quorumMet: true, passed: false });
    expect(motionOutcome(votes(300, 217), 777)).toEqual({ voted: 517, quorumMet: false, passed: false });
  });

  it('777 representatives: 389 for passes, 388 does not (of all representatives, not of those voting)', () => {
    expect(motionOutcome(votes(389, 129), 777)).toMatchObject({ quorumMet: true, passed: true });
    expect(motionOutcome(votes(388, 130), 777)).toMatchObject({ quorumMet: true, passed: false });
    // 388 of 518 voting is three quarters of the votes cast, still not more than half of all 777.
    expect(motionOutcome(votes(388, 0, 130), 777)).toMatchObject({ voted: 518, passed: false });
  });

  it('a majority without a quorum does not pass', () => {
    expect(motionOutcome(votes(500, 0), 777)).toEqual({ voted: 500, quorumMet: false, passed: false });
  });

  it('3 representatives: 2 voting is a quorum; 2 for passes, 1 does not', () => {
    expect(motionOutcome(votes(2, 0), 3)).toEqual({ voted: 2, quorumMet: true, passed: true });
    expect(motionOutcome(votes(1, 1), 3)).toEqual({ voted: 2, quorumMet: true, passed: false });
    expect(motionOutcome(votes(1, 0, 1), 3)).toEqual({ voted: 2, quorumMet: true, passed: false });
    expect(motionOutcome(votes(1, 0), 3)).toEqual({ voted: 1, quorumMet: false, passed: false });
    expect(motionOutcome(votes(3, 0), 3)).toEqual({ voted: 3, quorumMet: true, passed: true });
  });

  it('0 representatives: no quorum, nothing passes', () => {
    expect(motionOutcome(votes(0, 0), 0)).toEqual({ voted: 0, quorumMet: false, passed: false });
  });

  it('an even number: exactly half for does not pass', () => {
    expect(motionOutcome(votes(3, 3), 6)).toMatchObject({ quorumMet: true, passed: false });
    expect(motionOutcome(votes(4, 0), 6)).toMatchObject({ quorumMet: true, passed: true });
  });
});
