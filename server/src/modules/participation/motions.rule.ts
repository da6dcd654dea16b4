/** A representative's choice on a motion. */
export const ballotChoices = ['for', 'against', 'abstain'] as const;
export type BallotChoice = (typeof ballotChoices)[number];

export interface BallotCounts {
  for: number;
  against: number;
  abstain: number;
}

export interface MotionOutcome {
  voted: number;
  quorumMet: boolean;
  passed: boolean;
}

/**
 * The democratic-management rule (职代会 表决): a vote is valid only when at least two thirds of ALL the congress's
 * representatives voted, and a motion passes only when more than half of ALL representatives (not of those voting)
 * voted for. Integer arithmetic only: 3·voted ≥ 2·representatives, 2·for > representatives. No representatives: no
 * quorum.
 */
export function motionOutcome(counts: BallotCounts, representatives: number): MotionOutcome {
  const voted = counts.for + counts.against + counts.abstain;
  const quorumMet = representatives > 0 && 3 * voted >= 2 * representatives;
  const passed = quorumMet && 2 * counts.for > representatives;
  return { voted, quorumMet, passed };
}
