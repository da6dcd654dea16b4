import type { PrizeTier } from './skills.tables.js';

/**
 * The arithmetic of a skills competition (技能大赛), in hundredths of a point so that ties are exact:
 * - total = theory × w + practical × (100 − w), divided by 100 and rounded half up (w: the event's theory weight in
 *   percent; an event with w = 0 takes the practical score alone);
 * - ranking: total descending, then the practical score (实操成绩高者名次列前); entries equal on both share a rank
 *   and the next rank skips (1, 2, 2, 4: standard competition ranking); entries without a score are not ranked;
 * - prize tiers, best first, fill from the top: a tier of `count` places takes that many; a tier of `percent` takes
 *   round(percent × ranked ÷ 100) places (half up); an entry takes the first tier whose cumulative places reach its
 *   rank, so entries tied at a tier's boundary all take the better tier (a tie never costs a prize).
 */
export function totalScore(theory: number | null, practical: number, theoryWeight: number): number {
  return Math.floor(((theory ?? 0) * theoryWeight + practical * (100 - theoryWeight) + 50) / 100);
}

export interface Scored {
  total: number | null;
  practical: number | null;
}

/** Places per tier for `ranked` ranked entries, in the tiers' order. */
export function tierPlaces(tiers: readonly PrizeTier[], ranked: number): number[] {
  return tiers.map((t) => ('count' in t ? t.count : Math.floor((t.percent * ranked + 50) / 100)));
}

export interface Ranked {
  rank: number | null;
  /** Index into the tiers, or null (no prize, or not ranked). */
  tier: number | null;
}

/** The rank and tier of each entry, in the order given. */
export function rankEntries(entries: readonly Scored[], tiers: readonly PrizeTier[]): Ranked[] {
  const scored = entries.filter((e) => e.total !== null);
  const places = tierPlaces(tiers, scored.length);
  const cumulative: number[] = [];
  places.reduce((sum, p) => (cumulative.push(sum + p), sum + p), 0);
  return entries.map((e) => {
    if (e.total === null) return { rank: null, tier: null };
    const practical = e.practical ?? 0;
    const better = scored.filter(
      (o) => o.total! > e.total! || (o.total === e.total && (o.practical ?? 0) > practical),
    ).length;
    const rank = better + 1;
    const tier = cumulative.findIndex((c) => rank <= c);
    return { rank, tier: tier === -1 ? null : tier };
  });
}
