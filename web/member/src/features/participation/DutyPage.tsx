import { Button, Card, Empty, Selector, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useIndicators, useMyCongresses, useMyDuties, useMyScore, type Duty } from './dutyQueries';
import { DutyPhotos } from './DutyPhotos';
import { ScoreCard } from './ScoreCard';
import './words';

const statusColor: Record<Duty['status'], 'warning' | 'success' | 'danger'> = {
  submitted: 'warning',
  confirmed: 'success',
  rejected: 'danger',
};

/**
 * 我的履职: for a representative, my score and rank in the term, a button to record a duty, and my records with
 * their state (waiting for staff, confirmed, or rejected with the reason). A member who represents no congress
 * is told so.
 */
export function DutyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const congresses = useMyCongresses();
  const congress = congresses.data?.find((c) => c.id === params.get('congressId')) ?? congresses.data?.[0];
  const model = useIndicators(congress?.id);
  const score = useMyScore(congress?.id);
  const duties = useMyDuties(congress?.id);
  const error = congresses.error ?? model.error ?? score.error ?? duties.error;

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/')}>{t('duties.title')}</NavBar>
      {error ? (
        <ErrorState
          error={error}
          onRetry={() => {
            void congresses.refetch();
            void model.refetch();
            void score.refetch();
            duties.reload();
          }}
        />
      ) : !congresses.data ? (
        <PageLoading />
      ) : !congress ? (
        <Empty description={t('duties.notRepresentative')} data-testid="duty-none" />
      ) : (
        <>
          {congresses.data.length > 1 && (
            <Selector
              style={{ margin: 12 }}
              value={[congress.id]}
              options={congresses.data.map((c) => ({ label: c.name, value: c.id }))}
              onChange={(v) => v[0] && setParams({ congressId: v[0] }, { replace: true })}
            />
          )}
          <div className="su-hint" style={{ margin: '12px 12px 0' }} data-testid="duty-congress">
            {congress.name}
            {congress.delegation ? ` · ${congress.delegation}` : ''}
          </div>
          {score.data && model.data ? <ScoreCard score={score.data} model={model.data} /> : <PageLoading />}
          {congress.status === 'active' && (
            <div style={{ margin: 12 }}>
              <Button
                block
                color="primary"
                onClick={() => navigate(`/duties/new?congressId=${congress.id}`)}
                data-testid="duty-record"
              >
                {t('duties.record')}
              </Button>
            </div>
          )}
          <h2 className="su-title" style={{ margin: '16px 12px 0' }}>
            {t('duties.mine')}
          </h2>
          {duties.items.length === 0 && !duties.loading && <Empty description={t('duties.none')} />}
          {duties.items.map((d) => (
            <Card key={d.id} style={{ margin: 12 }} data-testid="duty-item">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                <strong>{d.indicator.name ?? t('duties.removedIndicator')}</strong>
                <Tag color={statusColor[d.status]} data-testid="duty-item-status">
                  {t(`duties.status.${d.status}`)}
                </Tag>
              </div>
              <div className="su-hint" style={{ marginTop: 4 }}>
                {d.occurredOn}
                {d.enteredBy === 'staff' ? ` · ${t('duties.byStaff')}` : ''}
              </div>
              <div style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{d.note}</div>
              {d.photos.length > 0 && <DutyPhotos dutyId={d.id} photos={d.photos} />}
              {d.rejectReason && (
                <div className="su-field-error" style={{ marginTop: 8 }} data-testid="duty-item-reason">
                  {t('duties.rejectReason', { reason: d.rejectReason })}
                </div>
              )}
              {d.status === 'confirmed' && !d.counts && <div className="su-hint">{t('duties.notCounting')}</div>}
            </Card>
          ))}
          {duties.hasMore && (
            <div style={{ margin: 12 }}>
              <Button block loading={duties.loading} onClick={duties.loadMore}>
                {t('duties.more')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
