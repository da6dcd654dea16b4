import { Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useWalkChallenges } from './walks.queries';
import './words';

/** 健步走: the walking challenges of my union and the unions above it. */
export function WalksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useWalkChallenges();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/activities')}>{t('walks.title')}</NavBar>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('walks.none')} />}
      {items && !error && items.length > 0 && (
        <List data-testid="walk-list">
          {items.map((c) => (
            <List.Item
              key={c.id}
              onClick={() => navigate(`/walks/${c.id}`)}
              description={`${c.org.name} · ${c.startsOn} ~ ${c.endsOn}`}
              extra={<Tag color={c.state === 'running' ? 'primary' : 'default'}>{t(`walks.states.${c.state}`)}</Tag>}
              data-testid="walk-item"
            >
              {c.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
