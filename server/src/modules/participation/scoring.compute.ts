import { fromTenths, tenths } from './scoring.model.js';
import type { IndicatorSource, ScoreItem, ScoringModel } from './scoring.schemas.js';

export interface RankedRepresentative {
  id: string;
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
  delegation: string | null;
}

/** How many records each representative has of each code (confirmed duty records, by indicator or item code). */
export type RecordCounts = Map<string, Map<string, number>>;
/** How many each representative has from an automatic source (accepted proposals, ballots cast). */
export type AutomaticCounts = Record<Exclude<IndicatorSource, 'duty_records'>, Map<string, number>>;

/** count × points, at most the cap: in tenths. */
function capped(count: number, pointsEach: number, maxPoints: number | null): number {
  const earned = count * tenths(pointsEach);
  return maxPoints === null ? earned : Math.min(earned, tenths(maxPoints));
}

/**
 * The leaderboard: each representative's points per indicator (records × points, capped per term), subtotals per
 * first-level group, bonus and penalty (same rule), and total = subtotals + bonus − penalty. Ranked by total,
 * highest first; equal totals share a rank (1, 1, 3) and are listed by name. Records of a code the model no longer
 * has count nothing.
 */
export function rankScores(
  model: ScoringModel,
  representatives: readonly RankedRepresentative[],
  records: RecordCounts,
  automatic: AutomaticCounts,
): ScoreItem[] {
  const scored = representatives.map((r) => {
    const own = records.get(r.id) ?? new Map<string, number>();
    const indicators: ScoreItem['indicators'] = [];
    const groups: ScoreItem['groups'] = [];
    let sum = 0;
    for (const g of model.groups) {
      let groupSum = 0;
      for (const i of g.indicators) {
        const count = i.source === 'duty_records' ? (own.get(i.code) ?? 0) : (automatic[i.source].get(r.id) ?? 0);
        const t = capped(count, i.pointsPerRecord, i.maxPoints);
        groupSum += t;
        indicators.push({ code: i.code, count, points: fromTenths(t) });
      }
      groups.push({ key: g.key, points: fromTenths(groupSum) });
      sum += groupSum;
    }
    const adjustments: ScoreItem['adjustments'] = [];
    let bonus = 0;
    let penalty = 0;
    for (const [kind, items] of [
      ['bonus', model.bonusItems],
      ['penalty', model.penaltyItems],
    ] as const) {
      for (const a of items) {
        const count = own.get(a.code) ?? 0;
        const t = capped(count, a.points, a.maxPoints);
        if (kind === 'bonus') bonus += t;
        else penalty += t;
        adjustments.push({ code: a.code, kind, count, points: fromTenths(t) });
      }
    }
    const totalTenths = sum + bonus - penalty;
    return {
      totalTenths,
      item: {
        rank: 0,
        representativeId: r.id,
        member: { id: r.memberId, name: r.name },
        org: { id: r.orgId, name: r.orgName },
        delegation: r.delegation,
        indicators,
        groups,
        adjustments,
        bonus: fromTenths(bonus),
        penalty: fromTenths(penalty),
        total: fromTenths(totalTenths),
      } satisfies ScoreItem,
    };
  });
  scored.sort(
    (a, b) =>
      b.totalTenths - a.totalTenths ||
      a.item.member.name.localeCompare(b.item.member.name, 'zh-CN') ||
      a.item.representativeId.localeCompare(b.item.representativeId),
  );
  let previous: number | null = null;
  let rank = 0;
  scored.forEach((s, index) => {
    if (s.totalTenths !== previous) rank = index + 1;
    previous = s.totalTenths;
    s.item.rank = rank;
  });
  return scored.map((s) => s.item);
}
