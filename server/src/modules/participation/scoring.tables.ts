import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../../kernel/db/kernel.tables.js';
import { congresses, congressRepresentatives } from './congresses.tables.js';
import type { ScoreItem, ScoringModel } from './scoring.schemas.js';

/**
 * A congress term's scoring model (代表履职评价指标), as its staff set it; a term without a row scores by the default
 * model (scoring.model.ts). Archiving the term stores the model it was scored by, when none was set.
 */
export const congressScoringModels = pgTable('congress_scoring_models', {
  congressId: uuid('congress_id')
    .primaryKey()
    .references(() => congresses.id),
  model: jsonb('model').$type<ScoringModel>().notNull(),
  /** null: the default model, stored by the archive. */
  updatedBy: uuid('updated_by').references(() => staff.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * The leaderboard of an archived term, frozen in the archive's transaction: one row per representative ranked then,
 * with the figures as the API answered them. An archived term's scores are read from here only.
 */
export const congressScoreSnapshots = pgTable(
  'congress_score_snapshots',
  {
    congressId: uuid('congress_id')
      .notNull()
      .references(() => congresses.id),
    representativeId: uuid('representative_id')
      .notNull()
      .references(() => congressRepresentatives.id),
    rank: integer('rank').notNull(),
    /** The position in the ranked list (rank, then name): the order pages are read in. */
    position: integer('position').notNull(),
    delegation: text('delegation'),
    score: jsonb('score').$type<ScoreItem>().notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.congressId, t.representativeId] }),
    index('congress_score_snapshots_order_idx').on(t.congressId, t.position),
  ],
);
