import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { motionBallots, motions } from './motions.tables.js';
import { proposals } from './proposals.tables.js';
import type { AutomaticCounts } from './scoring.compute.js';
import type { IndicatorSource } from './scoring.schemas.js';

/**
 * Where the automatically counted indicators get their numbers. Each function answers, for one congress term,
 * how many each representative has (keyed by congress_representatives.id); a representative absent from the map
 * has none. Both run in the transaction `db` (the archive's snapshot reads them there).
 *
 * - `duty_records` is not here: it is counted from the term's confirmed duty records (scoring.repository.ts).
 * - `proposals`: the representative's proposals of this congress accepted by the proposals committee (as proposer;
 *   accepted and every state after it — not submitted, returned, rejected, withdrawn or converted to a suggestion).
 * - `motion_votes`: the ballots the representative cast in this congress's motions (attendance of votes).
 */
export type AutomaticCounter = (db: Db, congressId: string) => Promise<Map<string, number>>;

/** The states a proposal reaches only through the committee's review_accept. */
const acceptedStates = ['accepted', 'assigned', 'referred', 'answered', 'closed', 'closed_dissatisfied'] as const;

function countsOf(rows: { id: string; n: number }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Proposals accepted by the committee, per proposer. */
export const countAcceptedProposals: AutomaticCounter = async (db, congressId) =>
  countsOf(
    await db
      .select({ id: proposals.proposerId, n: count() })
      .from(proposals)
      .where(and(eq(proposals.congressId, congressId), inArray(proposals.status, [...acceptedStates])))
      .groupBy(proposals.proposerId),
  );

/** Ballots cast in the congress's motions, per representative. */
export const countBallotsCast: AutomaticCounter = async (db, congressId) =>
  countsOf(
    await db
      .select({ id: motionBallots.representativeId, n: count() })
      .from(motionBallots)
      .innerJoin(motions, eq(motions.id, motionBallots.motionId))
      .where(eq(motions.congressId, congressId))
      .groupBy(motionBallots.representativeId),
  );

export const automaticSources: Record<Exclude<IndicatorSource, 'duty_records'>, AutomaticCounter> = {
  proposals: countAcceptedProposals,
  motion_votes: countBallotsCast,
};

/** Every automatic source's counts for a congress. */
export async function automaticCounts(db: Db, congressId: string): Promise<AutomaticCounts> {
  // One after the other: in a transaction they share one connection.
  const proposals = await automaticSources.proposals(db, congressId);
  const motionVotes = await automaticSources.motion_votes(db, congressId);
  return { proposals, motion_votes: motionVotes };
}
