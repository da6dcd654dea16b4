import { Button, Card, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useSignup } from './kindQueries';
import { useSignupStep } from './MySignupsPage';
import { when } from './rules';
import { signupColor, signupStanding } from './SignupCard';
import './words';

/**
 * One signup (the link of its notifications: place given, waiting list, promoted): where it stands, its record, and
 * what the member may still do.
 */
export function SignupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: s, error, refetch } = useSignup(id);
  const { take, busy } = useSignupStep();
  const back = () => navigate('/signups');
  if (error || !s)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('signups.title')}</NavBar>
        {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : <PageLoading />}
      </div>
    );
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('signups.mine')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }}>
          {s.programme.title}
        </h2>
        <div style={{ marginTop: 8, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <Tag color={signupColor(s.status)} data-testid="signup-status">
            {t(`programmeSignupStatus.${s.status}`)}
          </Tag>
          <span data-testid="signup-standing">{signupStanding(s, t)}</span>
        </div>
        <div className="su-hint" style={{ marginTop: 8 }}>
          {t('signups.eventDate', { date: s.programme.eventDate })}
        </div>
      </Card>
      <List header={t('programmes.timeline')} data-testid="signup-timeline">
        {(s.timeline ?? []).map((e, i) => (
          <List.Item key={i} description={[when(e.at), e.note].filter(Boolean).join(' · ')}>
            {t(`programmeSignupStatus.${e.toState}`, { defaultValue: e.toState })}
          </List.Item>
        ))}
      </List>
      <div style={{ padding: 12, display: 'grid', gap: 12 }}>
        {(['decline', 'withdraw'] as const)
          .filter((a) => s.actions.includes(a))
          .map((a) => (
            <Button key={a} block loading={busy} onClick={() => void take(s, a)} data-testid={`signup-${a}`}>
              {t(`signups.action.${a}`)}
            </Button>
          ))}
      </div>
    </div>
  );
}
