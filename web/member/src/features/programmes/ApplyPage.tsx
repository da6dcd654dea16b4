import { Button, Card } from 'antd-mobile';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import { ApplicationForm } from './ApplicationForm';
import { draftKey } from './draft';
import { useApply, useProgramme } from './queries';
import { ruleSentences } from './rules';
import './words';

/** The application form of one programme; what is typed stays on the phone until it is sent. */
export function ApplyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { me } = useSession();
  const { data: p, error, refetch } = useProgramme(id);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const apply = useApply(id, idempotencyKey);
  const back = () => navigate(`/programmes/${id}`);
  if (error || !p || !me)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('programmes.apply')}</NavBar>
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
  const amountRule = ruleSentences(p, t).find((r) => r.key === 'caps');
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={back}>{t('programmes.apply')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }}>
          {p.title}
        </h2>
        {amountRule && <div className="su-hint">{amountRule.text}</div>}
      </Card>
      {/* Reached from a saved link or a draft after the window closed: said before anything is typed. */}
      {!p.open && (
        <div className="su-notice" role="alert" data-testid="apply-closed">
          {t('programmes.error.notOpen')}
        </div>
      )}
      <ApplicationForm
        programme={p}
        storageKey={draftKey(me.memberId ?? me.accountId, `programme:${p.id}`)}
        submitLabel={t('programmes.submit')}
        busy={apply.isPending}
        sentMessage={t('programmes.submitted')}
        send={async (input) => (await apply.mutateAsync(input)).id}
      />
    </div>
  );
}
