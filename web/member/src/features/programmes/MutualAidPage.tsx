import { Button, Card, Empty, List, ProgressBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useMyMutualAid } from './kindQueries';
import { yuan } from './rules';
import './words';

/**
 * 我的医疗互助: each mutual-aid programme I am enrolled in — the period covered, the most it pays me (the cap across
 * all my claims), what my claims have used and what is left — and the way to file a claim.
 */
export function MutualAidPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useMyMutualAid();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/programmes')}>{t('mutualAid.title')}</NavBar>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('mutualAid.none')} />}
      {items &&
        !error &&
        items.map((e) => (
          <Card key={e.programme.id} style={{ margin: 12 }} data-testid="mutual-aid-item">
            <h2 className="su-title" style={{ margin: 0 }}>
              {e.programme.title}
            </h2>
            <div className="su-hint" style={{ marginTop: 4 }}>
              {t('mutualAid.period', { from: e.startsOn, to: e.endsOn })}
            </div>
            {/* A picture of the numbers listed below it: screen readers read those. */}
            <div aria-hidden="true" style={{ margin: '12px 0' }}>
              <ProgressBar percent={e.capFen > 0 ? Math.min(100, (e.usedFen / e.capFen) * 100) : 0} />
            </div>
            <List>
              <List.Item extra={yuan(e.capFen)}>{t('mutualAid.cap')}</List.Item>
              <List.Item extra={<span data-testid="mutual-aid-used">{yuan(e.usedFen)}</span>}>
                {t('mutualAid.used')}
              </List.Item>
              <List.Item extra={<span data-testid="mutual-aid-left">{yuan(e.leftFen)}</span>}>
                {t('mutualAid.left')}
              </List.Item>
            </List>
            <Button
              block
              color="primary"
              style={{ marginTop: 12 }}
              disabled={e.leftFen <= 0}
              onClick={() => navigate(`/mutual-aid/${e.programme.id}/claim`)}
              data-testid="new-claim"
            >
              {e.leftFen > 0 ? t('mutualAid.claim') : t('mutualAid.capReached')}
            </Button>
          </Card>
        ))}
    </div>
  );
}
