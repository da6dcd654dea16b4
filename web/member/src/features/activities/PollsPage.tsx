import { Empty, InfiniteScroll, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { pollStatus, pollStatusColor, pollTime, usePolls } from './polls.queries';
import './words';

/** 网络投票: the polls of my union and the unions above it, open ones first. */
export function PollsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = usePolls();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/activities')}>{t('polls.title')}</NavBar>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.items ? (
        <PageLoading />
      ) : list.items.length === 0 ? (
        <Empty description={t('polls.none')} />
      ) : (
        <>
          <List data-testid="poll-list">
            {list.items.map((p) => (
              <List.Item
                key={p.id}
                onClick={() => navigate(`/polls/${p.id}`)}
                description={`${p.org.name} · ${t('polls.windowValue', { from: pollTime(p.startsAt), to: pollTime(p.endsAt) })}`}
                extra={
                  <Tag color={pollStatusColor[pollStatus(p)]} data-testid="poll-status">
                    {t(`polls.status.${pollStatus(p)}`)}
                  </Tag>
                }
                data-testid="poll-item"
              >
                {p.title}
                {p.round > 1 && (
                  <Tag color="warning" fill="outline" style={{ marginLeft: 6 }}>
                    {t('polls.finalRound')}
                  </Tag>
                )}
              </List.Item>
            ))}
          </List>
          <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore} />
        </>
      )}
    </div>
  );
}
