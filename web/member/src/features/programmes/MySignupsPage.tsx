import { Button, Card, Dialog, Empty, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useMySignups, useSignupAction, type Signup } from './kindQueries';
import { programmeError, when } from './rules';
import { signupColor, signupStanding } from './SignupCard';
import './words';

/** Decline or withdraw, once confirmed: the step taken with a fresh key, said in a toast either way. */
export function useSignupStep() {
  const { t } = useTranslation();
  const action = useSignupAction();
  async function take(s: Pick<Signup, 'id' | 'programme'>, kind: 'decline' | 'withdraw') {
    const confirmed = await Dialog.confirm({
      content: t(`signups.confirm.${kind}`, { title: s.programme.title }),
      confirmText: t(`signups.action.${kind}`),
      cancelText: t('programmes.cancel'),
    });
    if (!confirmed) return;
    try {
      await action.mutateAsync({ id: s.id, body: { action: kind }, key: crypto.randomUUID() });
      Toast.show({ icon: 'success', content: t(`signups.done_${kind}`) });
    } catch (e) {
      Toast.show({ content: programmeError(e, t) });
    }
  }
  return { take, busy: action.isPending };
}

/**
 * 我的报名: my signups to quota programmes (劳模疗休养, 免费体检), newest first — the place held or the position on
 * the waiting list — and what I may still do: decline a place (it goes to the next on the waiting list) or
 * withdraw a signup not yet given a place.
 */
export function MySignupsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useMySignups();
  const { take, busy } = useSignupStep();

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/programmes')}>{t('signups.title')}</NavBar>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('signups.none')} />}
      {items &&
        !error &&
        items.map((s) => (
          <Card key={s.id} style={{ margin: 12 }} data-testid="signup-item">
            <h2 className="su-title" style={{ margin: 0 }}>
              <Link to={`/signups/${s.id}`} className="su-link" data-testid="signup-item-open">
                {s.programme.title}
              </Link>
            </h2>
            <div style={{ marginTop: 8, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
              <Tag color={signupColor(s.status)} data-testid="signup-item-status">
                {t(`programmeSignupStatus.${s.status}`)}
              </Tag>
              <span data-testid="signup-item-standing">{signupStanding(s, t)}</span>
            </div>
            <div className="su-hint" style={{ marginTop: 8 }}>
              {t(`programmeKind.${s.programme.kind}`, { defaultValue: s.programme.kind })} ·{' '}
              {t('signups.eventDate', { date: s.programme.eventDate })}
            </div>
            <div className="su-hint">{t('signups.signedUpAt', { at: when(s.createdAt) })}</div>
            {(['decline', 'withdraw'] as const)
              .filter((a) => s.actions.includes(a))
              .map((a) => (
                <Button
                  key={a}
                  block
                  style={{ marginTop: 12 }}
                  loading={busy}
                  onClick={() => void take(s, a)}
                  data-testid={`signup-${a}`}
                >
                  {t(`signups.action.${a}`)}
                </Button>
              ))}
          </Card>
        ))}
    </div>
  );
}
