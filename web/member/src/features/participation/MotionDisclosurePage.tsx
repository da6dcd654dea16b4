import { Button, Card, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { motionTime, usePublicDisclosure } from './MotionQueries';
import { hashStyle, MotionResultCard } from './MotionResultCard';
import './words';

/**
 * 厂务公开: a motion's published result, for anyone without sign-in — the counts, the outcome under the rule, and the
 * hash chained to the previous disclosure of the same board, which proves the text unchanged. No names.
 */
export function MotionDisclosurePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { key } = useLocation();
  const back = () => (key !== 'default' ? navigate(-1) : navigate('/'));
  const { id = '' } = useParams();
  const { data: d, error, refetch } = usePublicDisclosure(id);
  if (error || !d)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('motions.disclosure')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void refetch()}
            notFound={{
              title: t('motions.disclosureNotFound'),
              action: (
                <Button color="primary" className="su-tap" onClick={() => navigate('/')}>
                  {t('appName')}
                </Button>
              ),
            }}
          />
        ) : (
          <PageLoading />
        )}
      </div>
    );
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('motions.disclosure')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }} data-testid="disclosure-title">
          {d.motion.title}
        </h2>
        <List style={{ marginTop: 8 }}>
          <List.Item extra={d.org.name}>{t('motions.disclosureBy')}</List.Item>
          <List.Item extra={d.congress.name}>{t('motions.congress')}</List.Item>
          <List.Item extra={t('motions.disclosureSeq', { n: d.seq })}>{t('motions.disclosureNo')}</List.Item>
          <List.Item extra={motionTime(d.publishedAt)}>{t('motions.publishedAt')}</List.Item>
        </List>
      </Card>
      {d.result ? (
        <MotionResultCard result={d.result} hash={d.contentHash} />
      ) : (
        <Card style={{ margin: 12 }}>
          <code data-testid="disclosure-hash" style={hashStyle}>
            {d.contentHash}
          </code>
        </Card>
      )}
      <Card style={{ margin: 12 }} title={t('motions.hashTitle')}>
        <p className="su-hint" style={{ marginTop: 0 }}>
          {t('motions.hashHint')}
        </p>
        <div className="su-hint">{t('motions.prevHash')}</div>
        <code data-testid="disclosure-prev-hash" style={hashStyle}>
          {d.prevHash}
        </code>
      </Card>
    </div>
  );
}
