import { Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useMyReviews, when } from './suggestions.queries';
import './words';

/** 会员评家: the reviews my union (or one above it) runs, open ones to answer. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useMyReviews();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('participation.reviews')}</NavBar>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('participation.noReviews')} />}
      {items && !error && items.length > 0 && (
        <List data-testid="review-list">
          {items.map((r) => (
            <List.Item
              key={r.id}
              onClick={() => navigate(`/reviews/${r.id}`)}
              description={`${r.org.name} · ${when(r.opensAt)} – ${when(r.closesAt)}`}
              extra={
                r.respondedByMe ? (
                  <Tag color="success">{t('participation.responded')}</Tag>
                ) : r.open ? (
                  <Tag color="primary">{t('participation.openNow')}</Tag>
                ) : (
                  <Tag>{t('participation.notOpen')}</Tag>
                )
              }
              data-testid="review-item"
            >
              {r.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
