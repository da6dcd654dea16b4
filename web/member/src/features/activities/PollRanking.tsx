import { ProgressBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { PollResults } from './polls.queries';

/** The entries by votes, most first (equal votes, equal rank: 1, 2, 2, 4), each with its share of all votes as a bar. */
export function PollRanking({ items, total }: { items: PollResults['items']; total: number }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="su-hint">{t('polls.noVotes')}</p>;
  return (
    <ol style={{ listStyle: 'none', padding: 0, margin: '8px 0' }} data-testid="poll-ranking">
      {items.map((item) => (
        <li
          key={item.entryId}
          style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
          data-testid="ranking-item"
        >
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>
              <span className="su-muted" style={{ marginRight: 6 }}>
                {t('polls.rank', { n: items.findIndex((x) => x.votes === item.votes) + 1 })}
              </span>
              <span data-testid="ranking-title">{item.title}</span>
            </span>
            <strong data-testid="ranking-votes">{t('polls.votes', { n: item.votes })}</strong>
          </div>
          <ProgressBar
            percent={total > 0 ? (item.votes / total) * 100 : 0}
            style={{ '--track-width': '6px', marginTop: 4 }}
            aria-hidden
          />
        </li>
      ))}
    </ol>
  );
}
