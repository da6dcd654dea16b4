import type { Db } from '../../kernel/db/client.js';
import { rankScores } from './scoring.compute.js';
import { defaultScoringModel } from './scoring.model.js';
import * as repo from './scoring.repository.js';
import type { ScoreItem, ScoringModel } from './scoring.schemas.js';
import { automaticCounts } from './scoring.sources.js';

/** The model a congress scores by: its own, or the default one until its staff set theirs. */
export async function modelOf(db: Db, congressId: string): Promise<{ model: ScoringModel; updatedAt: Date | null }> {
  const stored = await repo.findModel(db, congressId);
  return stored ?? { model: defaultScoringModel, updatedAt: null };
}

/** The term's live leaderboard: every active representative, ranked. */
export async function liveLeaderboard(db: Db, congressId: string): Promise<ScoreItem[]> {
  const { model } = await modelOf(db, congressId);
  const representatives = await repo.rankedRepresentatives(db, congressId);
  const records = await repo.confirmedRecordCounts(db, congressId);
  const automatic = await automaticCounts(db, congressId);
  return rankScores(model, representatives, records, automatic);
}

/**
 * Freezes the term's leaderboard, in the archive's transaction `tx` (congresses.service.ts archiveCongress): the
 * model it was scored by is stored (the default one when staff set none) and every representative's figures and
 * rank are written to the snapshot, which is all an archived term's scores are read from.
 */
export async function freezeScores(tx: Db, congressId: string, at: Date): Promise<void> {
  const { model } = await modelOf(tx, congressId);
  await repo.saveModelIfMissing(tx, congressId, model, at);
  await repo.insertSnapshot(tx, congressId, await liveLeaderboard(tx, congressId), at);
}
