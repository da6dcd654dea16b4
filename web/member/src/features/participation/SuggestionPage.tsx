import { Button, Card, Dialog, Steps, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { useSuggestion, useSuggestionAction, useSupport, when } from './suggestions.queries';
import { suggestionColor } from './SuggestionsPage';
import './words';

/** One suggestion: its text, supports (support it), the union's reply and the timeline; the author may withdraw. */
export function SuggestionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: s, error, refetch } = useSuggestion(id);
  const support = useSupport(id);
  const action = useSuggestionAction(id);

  async function doSupport() {
    try {
      await support.mutateAsync();
      Toast.show({ icon: 'success', content: t('participation.supported') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    } finally {
      void refetch();
    }
  }

  async function withdraw() {
    if (!(await Dialog.confirm({ content: t('participation.withdrawConfirm') }))) return;
    try {
      await action.mutateAsync({ action: 'withdraw' });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/suggestions')}>{t('participation.suggestion')}</NavBar>
      {error ? (
        <ErrorState
          error={error}
          onRetry={() => void refetch()}
          notFound={{
            title: t('participation.notFound'),
            action: <Button onClick={() => navigate('/suggestions')}>{t('participation.suggestions')}</Button>,
          }}
        />
      ) : !s ? (
        <PageLoading />
      ) : (
        <>
          <Card style={{ margin: 12 }}>
            <div className="su-title" data-testid="suggestion-heading">
              {s.title}
            </div>
            <div style={{ marginTop: 8, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
              <Tag color={suggestionColor(s.status)} data-testid="suggestion-status">
                {t(`suggestionStatus.${s.status}`)}
              </Tag>
              <span style={{ color: '#666', fontSize: 13 }}>
                {s.author.name} · {s.author.org.name} → {s.org.name}
              </span>
            </div>
            <p style={{ whiteSpace: 'pre-wrap', lineHeight: 1.6 }}>{s.body}</p>
            <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
              <span data-testid="support-count">{t('participation.supportCount', { n: s.supportCount })}</span>
              {s.mayBeSupported ? (
                <Button
                  color="primary"
                  size="small"
                  loading={support.isPending}
                  onClick={() => void doSupport()}
                  data-testid="support"
                >
                  {t('participation.support')}
                </Button>
              ) : s.supportedByMe ? (
                <Tag color="success" data-testid="supported">
                  {t('participation.supported')}
                </Tag>
              ) : null}
            </div>
          </Card>
          {s.reply && (
            <Card style={{ margin: 12 }} title={t('participation.reply')}>
              <p style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="suggestion-reply">
                {s.reply.text}
              </p>
              <div style={{ color: '#999', fontSize: 12, marginTop: 8 }}>{when(s.reply.at)}</div>
            </Card>
          )}
          <Card style={{ margin: 12 }} title={t('participation.progress')}>
            <Steps direction="vertical">
              {(s.timeline ?? []).map((e, i) => (
                <Steps.Step
                  key={i}
                  status="finish"
                  title={t(`participation.step.${e.action}`, { defaultValue: e.action })}
                  description={`${when(e.at)}${e.note ? ` · ${e.note}` : ''}`}
                />
              ))}
            </Steps>
            {s.availableActions.includes('withdraw') && (
              <Button size="small" className="su-tap" onClick={() => void withdraw()} data-testid="withdraw">
                {t('participation.withdraw')}
              </Button>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
