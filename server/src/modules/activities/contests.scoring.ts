import { isWithin } from '../../kernel/org-tree.js';
import type { CriterionScore, RubricCriterion } from './contests.tables.js';

/**
 * The rules of online judging (网评), as pure functions: a judge's weighted total, an entry's final score, the ranking
 * order, the conflict rule (回避) and the assignment of judges to entries.
 */

/**
 * A judge's weighted total of one entry, 0..100: Σ weight × score / maxScore, divided by Σ weight, × 100. Weights are
 * relative (they need not total 100: 3/2/1 and 50/33.3/16.7 rank alike); each criterion counts by its share of the
 * weights whatever its maxScore. `scores` holds every criterion once (the service checks it).
 */
export function weightedTotal(rubric: readonly RubricCriterion[], scores: readonly CriterionScore[]): number {
  const byCriterion = new Map(scores.map((s) => [s.criterion, s.score]));
  let weights = 0;
  let sum = 0;
  for (const c of rubric) {
    weights += c.weight;
    sum += (c.weight * (byCriterion.get(c.criterion) ?? 0)) / c.maxScore;
  }
  return weights === 0 ? 0 : (sum / weights) * 100;
}

/** Judges an entry needs before its highest and lowest totals are dropped. */
export const trimFrom = 5;

/**
 * An entry's final score from its judges' totals: their mean; with five judges or more, the single highest and the
 * single lowest total are dropped first (one each, even when several judges gave the same). Null without totals.
 */
export function finalScore(totals: readonly number[]): number | null {
  if (totals.length === 0) return null;
  const sorted = [...totals].sort((a, b) => a - b);
  const kept = sorted.length >= trimFrom ? sorted.slice(1, -1) : sorted;
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

/** Scores are shown and compared to two decimals: entries equal there share a rank. */
export function rounded(score: number): number {
  return Math.round(score * 100) / 100;
}

/**
 * Standard competition ranks ("1, 2, 2, 4") by final score, highest first, of the entries that have one: equal final
 * scores (to two decimals) share a rank, and the next entry's rank counts those above it. Entries without a final
 * score (not every assigned judge has scored) get no rank.
 */
export function ranks<T extends { id: string; score: number | null }>(items: readonly T[]): Map<string, number> {
  const scored = items
    .filter((i): i is T & { score: number } => i.score !== null)
    .sort((a, b) => rounded(b.score) - rounded(a.score));
  const out = new Map<string, number>();
  scored.forEach((item, i) => {
    const previous = scored[i - 1];
    out.set(item.id, previous && rounded(previous.score) === rounded(item.score) ? out.get(previous.id)! : i + 1);
  });
  return out;
}

/**
 * 回避: a judge may not score an entry from their own organisation. Organisations are compared by their place in the
 * tree: the same union conflicts; and so do two unions one of which lies below the other, unless the upper one is the
 * contest's organising union (or above it) — the organiser's own judges are its neutral panel, while a judge from a
 * city union under a provincial contest stands apart from every entry of that city, and a judge from a grassroots
 * union from an entry of the city union above it. Paths are ltree paths.
 */
export function conflicts(judgeOrgPath: string, entryOrgPath: string, contestOrgPath: string): boolean {
  if (judgeOrgPath === entryOrgPath) return true;
  const upper = isWithin(entryOrgPath, judgeOrgPath)
    ? judgeOrgPath
    : isWithin(judgeOrgPath, entryOrgPath)
      ? entryOrgPath
      : null;
  return upper !== null && upper !== contestOrgPath && isWithin(upper, contestOrgPath);
}

export interface JudgeToAssign {
  staffId: string;
  orgPath: string;
}

export interface EntryToAssign {
  id: string;
  title: string;
  orgPath: string;
}

export type AssignmentPlan =
  | { ok: true; assignments: { entryId: string; judgeStaffId: string }[]; load: Map<string, number> }
  | { ok: false; short: { entryId: string; title: string; eligibleJudges: number; needed: number }[] };

/**
 * Gives every entry `perEntry` judges, none in conflict with it, balancing the load: the entries with the fewest
 * eligible judges choose first, each taking the eligible judges with the fewest entries so far (ties: the order
 * judges were given in); then entries move from busier judges to idler eligible ones while that evens the load out
 * (two judges' loads end at most one apart wherever an entry could move between them). When an entry has fewer eligible judges than `perEntry`, nothing is assigned and the
 * answer names every such entry.
 */
export function planAssignments(
  entries: readonly EntryToAssign[],
  judges: readonly JudgeToAssign[],
  perEntry: number,
  contestOrgPath: string,
): AssignmentPlan {
  const eligible = new Map(
    entries.map((e) => [e.id, judges.filter((j) => !conflicts(j.orgPath, e.orgPath, contestOrgPath))]),
  );
  const short = entries
    .filter((e) => eligible.get(e.id)!.length < perEntry)
    .map((e) => ({ entryId: e.id, title: e.title, eligibleJudges: eligible.get(e.id)!.length, needed: perEntry }));
  if (short.length > 0) return { ok: false, short };
  const order = new Map(judges.map((j, i) => [j.staffId, i]));
  const load = new Map(judges.map((j) => [j.staffId, 0]));
  const assignments: { entryId: string; judgeStaffId: string }[] = [];
  const byConstraint = [...entries].sort((a, b) => eligible.get(a.id)!.length - eligible.get(b.id)!.length);
  for (const entry of byConstraint) {
    const chosen = [...eligible.get(entry.id)!]
      .sort((a, b) => load.get(a.staffId)! - load.get(b.staffId)! || order.get(a.staffId)! - order.get(b.staffId)!)
      .slice(0, perEntry);
    for (const j of chosen) {
      load.set(j.staffId, load.get(j.staffId)! + 1);
      assignments.push({ entryId: entry.id, judgeStaffId: j.staffId });
    }
  }
  // Then even out what the greedy pass left uneven: an entry moves from a judge to an eligible judge of its not yet
  // on it with at least two entries fewer, until none can (each move lowers the sum of squared loads, so it ends).
  for (let moved = true; moved;) {
    moved = false;
    for (const a of assignments) {
      const on = new Set(assignments.filter((x) => x.entryId === a.entryId).map((x) => x.judgeStaffId));
      const target = eligible
        .get(a.entryId)!
        .filter((j) => !on.has(j.staffId) && load.get(j.staffId)! + 2 <= load.get(a.judgeStaffId)!)
        .sort(
          (x, y) => load.get(x.staffId)! - load.get(y.staffId)! || order.get(x.staffId)! - order.get(y.staffId)!,
        )[0];
      if (!target) continue;
      load.set(a.judgeStaffId, load.get(a.judgeStaffId)! - 1);
      load.set(target.staffId, load.get(target.staffId)! + 1);
      a.judgeStaffId = target.staffId;
      moved = true;
    }
  }
  return { ok: true, assignments, load };
}
