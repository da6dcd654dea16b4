import { Button, Card, ErrorBlock } from 'antd-mobile';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import { ApplicationForm } from './ApplicationForm';
import { draftKey } from './draft';
import { useApplication, useApplicationAction, useProgramme } from './queries';
import { computedAmountKinds, detailFieldsOf, textsOf } from './rules';
import './words';

/** An application returned for correction: the reason, the form as it was sent, then resubmit (review starts again). */
export function CorrectPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { me } = useSession();
  const application = useApplication(id);
  const a = application.data;
  const programme = useProgramme(a?.programme.id ?? '', Boolean(a));
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const action = useApplicationAction(id, idempotencyKey);
  const back = () => navigate(`/applications/${id}`);
  const error = application.error ?? programme.error;
  const p = programme.data;
  if (error || !a || !p || !me)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('programmes.correct')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void (application.error ? application.refetch() : programme.refetch())}
            notFound={{
              title: t('programmes.applicationNotFound'),
              action: (
                <Button color="primary" className="su-tap" onClick={() => navigate('/applications')}>
                  {t('programmes.mine')}
                </Button>
              ),
            }}
          />
        ) : (
          <PageLoading />
        )}
      </div>
    );
  if (!a.actions.includes('resubmit'))
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('programmes.correct')}</NavBar>
        <ErrorBlock status="empty" title={t('programmes.nothingToCorrect')} description="">
          <Button color="primary" className="su-tap" onClick={back}>
            {t('programmes.application')}
          </Button>
        </ErrorBlock>
      </div>
    );
  const reason = [...(a.timeline ?? [])].reverse().find((e) => e.action === 'review_return')?.note;
  const details = textsOf(detailFieldsOf(p), a.details);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={back}>{t('programmes.correct')}</NavBar>
      <Card style={{ margin: 12 }} title={a.programme.title}>
        <div className="su-notice" data-testid="correct-reason">
          {t('programmes.returnedBecause', { reason: reason ?? '' })}
        </div>
      </Card>
      <ApplicationForm
        programme={p}
        storageKey={draftKey(me.memberId ?? me.accountId, `application:${a.id}`)}
        correcting={{
          draft: {
            amountYuan:
              p.rules.standardAmountFen === undefined && !computedAmountKinds.includes(p.kind)
                ? (a.amountFen / 100).toFixed(2)
                : '',
            bank: a.payee?.bank ?? '',
            accountNo: '',
            details,
            documents: [],
          },
          accountMasked: a.payee?.account ?? null,
        }}
        submitLabel={t('programmes.resubmit')}
        sentMessage={t('programmes.resubmitted')}
        busy={action.isPending}
        send={async ({ attachmentIds: _, ...input }) => (await action.mutateAsync({ action: 'resubmit', ...input })).id}
      />
    </div>
  );
}
