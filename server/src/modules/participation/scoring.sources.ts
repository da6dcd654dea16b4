import type { Db } from '../../kernel/db/client.js';
import type { AutomaticCounts } from './scoring.compute.js';
import type { IndicatorSource } from './scoring.schemas.js';

/**
 * Where the automatically counted indicators get their numbers. Each function answers, for one congress term,
 * how many each representative has (keyed by congress_representatives.id); a representative absent from the map
 * has none.
 *
 * - `duty_records` is not here: it is counted from the term's confirmed duty records (scoring.repository.ts).
 * - `proposals`: the representative's proposals of this congress accepted by the proposals committee (their
 *   proposer; status past `review_accept`, i.e. not submitted / returned / rejected / converted to a suggestion).
 * - `motion_votes`: the ballots the representative cast in this congress's motions (attendance of votes).
 *
 * Proposals and motions are other parts of the participation module, built at the same time. Until the lead wires
 * them at merge, these two count NOTHING (an empty map): no numbers are made up, and the model editor shows those
 * indicators as "counted automatically". Wiring is one query each, in this file only, e.g.
 *   select representative_id, count(*) from proposals
 *    where congress_id = $1 and status in (<accepted and later states>) group by representative_id
 *   select representative_id, count(*) from motion_ballots b join motions m on m.id = b.motion_id
 *    where m.congress_id = $1 group by representative_id
 * Both run in the transaction `db` (the archive's snapshot reads them there).
 */
export type AutomaticCounter = (db: Db, congressId: string) => Promise<Map<string, number>>;

/** Proposals accepted by the committee, per representative. Wired by the lead at merge: counts none until then. */
export const countAcceptedProposals: AutomaticCounter = async () => new Map();

/** Ballots cast in the congress's motions, per representative. Wired by the lead at merge: counts none until then. */
export const countBallotsCast: AutomaticCounter = async () => new Map();

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
