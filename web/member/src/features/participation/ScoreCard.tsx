import { Card, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { MyScore, ScoringModel } from './dutyQueries';

/** Points as the leaderboard shows them: 6.5, 10 (one decimal at most). */
export const points = (n: number) => String(Math.round(n * 10) / 10);

/**
 * 我的履职积分: my total and rank in the term, then each first-level group's subtotal with its indicators' records
 * and points, and the bonus and penalty items I have.
 */
export function ScoreCard({ score, model }: { score: MyScore; model: ScoringModel }) {
  const { t } = useTranslation();
  const s = score.score;
  const byCode = new Map(s.indicators.map((i) => [i.code, i]));
  const adjustments = [
    ...model.bonusItems.map((b) => ({ ...b, kind: 'bonus' as const })),
    ...model.penaltyItems.map((p) => ({ ...p, kind: 'penalty' as const })),
  ]
    .map((a) => ({ ...a, figure: s.adjustments.find((x) => x.code === a.code) }))
    .filter((a) => (a.figure?.count ?? 0) > 0);
  return (
    <Card style={{ margin: 12 }} data-testid="duty-score">
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, flexWrap: 'wrap' }}>
        <span className="su-title" style={{ fontSize: 28, fontWeight: 600 }} data-testid="duty-score-total">
          {t('duties.points', { points: points(s.total) })}
        </span>
        <span data-testid="duty-score-rank">{t('duties.rank', { rank: s.rank, count: score.representatives })}</span>
      </div>
      {score.frozen && <div className="su-hint">{t('duties.frozen')}</div>}
      {model.groups.map((g) => {
        const subtotal = s.groups.find((x) => x.key === g.key)?.points ?? 0;
        return (
          <List
            key={g.key}
            header={`${g.name} · ${t('duties.points', { points: points(subtotal) })}`}
            style={{ marginTop: 8 }}
          >
            {g.indicators.map((i) => {
              const figure = byCode.get(i.code);
              return (
                <List.Item
                  key={i.code}
                  extra={t('duties.points', { points: points(figure?.points ?? 0) })}
                  description={
                    i.automatic
                      ? t('duties.automatic')
                      : t('duties.recordsCounted', { count: figure?.count ?? 0 }) +
                        (i.maxPoints !== null ? t('duties.cap', { points: points(i.maxPoints) }) : '')
                  }
                >
                  {i.name}
                </List.Item>
              );
            })}
          </List>
        );
      })}
      {adjustments.length > 0 && (
        <List header={t('duties.adjustments')} style={{ marginTop: 8 }}>
          {adjustments.map((a) => (
            <List.Item
              key={a.code}
              extra={`${a.kind === 'bonus' ? '+' : '−'}${points(a.figure?.points ?? 0)}`}
              description={t(`duties.${a.kind}`)}
            >
              {a.name}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
