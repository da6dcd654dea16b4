import { Button, Card, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { WindowTag } from './ProgrammesPage';
import { useProgramme } from './queries';
import { quotaKinds, ruleSentences } from './rules';
import { SignupCard } from './SignupCard';
import './words';

/** One programme: what it pays, to whom, how it is reviewed and made public, in plain words; then the way to apply. */
export function ProgrammePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: p, error, refetch } = useProgramme(id);
  if (error || !p)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={() => navigate('/programmes')}>{t('programmes.title')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void refetch()}
            notFound={{
              title: t('programmes.notFound'),
              action: (
                <Button color="primary" className="su-tap" onClick={() => navigate('/programmes')}>
                  {t('programmes.title')}
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
      <NavBar onBack={() => navigate('/programmes')}>{t('programmes.rules')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }} data-testid="programme-title">
          {p.title}
        </h2>
        <div style={{ marginTop: 8, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Tag color="primary" fill="outline">
            {t(`programmeKind.${p.kind}`)}
          </Tag>
          <WindowTag programme={p} />
        </div>
        <div className="su-muted" style={{ marginTop: 8 }}>
          {t('programmes.runBy', { org: p.org.name })}
        </div>
      </Card>
      <List header={t('programmes.rules')} data-testid="programme-rules">
        {ruleSentences(p, t).map((r) => (
          <List.Item key={r.key} title={r.label} data-testid={`rule-${r.key}`}>
            {r.text}
          </List.Item>
        ))}
      </List>
      {quotaKinds.includes(p.kind) && <SignupCard programme={p} />}
      <div style={{ padding: 12, display: 'grid', gap: 12 }}>
        {p.kind === 'medical_mutual_aid' ? (
          // A claim is filed against the member's enrolment, not by a window's application form.
          <Button block color="primary" size="large" onClick={() => navigate('/mutual-aid')} data-testid="apply">
            {t('mutualAid.title')}
          </Button>
        ) : (
          !quotaKinds.includes(p.kind) && (
            <Button
              block
              color="primary"
              size="large"
              disabled={!p.open}
              onClick={() => navigate(`/programmes/${p.id}/apply`)}
              data-testid="apply"
            >
              {p.open ? t('programmes.apply') : t('programmes.notOpen')}
            </Button>
          )
        )}
        {p.rules.publicityDays > 0 && !quotaKinds.includes(p.kind) && (
          <Button block onClick={() => navigate(`/programmes/${p.id}/notices`)} data-testid="programme-notices">
            {t('programmes.notices')}
          </Button>
        )}
      </div>
    </div>
  );
}
