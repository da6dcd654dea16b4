import { Button, Card, Dialog, List, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { api } from '../../api';
import { ballotChoices, motionTime, useMotion, useMotionResult, useVote, type BallotChoice } from './MotionQueries';
import { MotionResultCard } from './MotionResultCard';
import './words';

const choiceColor: Record<BallotChoice, 'success' | 'danger' | 'default'> = {
  for: 'success',
  against: 'danger',
  abstain: 'default',
};

/**
 * One motion for a representative: what is put to the vote (its text and document), the three choices while it is open
 * (each confirmed before it is sent: a ballot cannot be changed), their own choice after, and the published result
 * with its disclosure hash once staff close it. Other representatives' choices are never shown.
 */
export function MotionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: m, error, refetch } = useMotion(id);
  const result = useMotionResult(id, m?.status === 'closed');
  // One key per page: a retried tap sends the same ballot once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const vote = useVote(id, idempotencyKey);

  async function choose(choice: BallotChoice) {
    const confirmed = await Dialog.confirm({
      title: t('motions.confirmTitle', { choice: t(`motions.choice.${choice}`) }),
      content: t('motions.confirmBody'),
      confirmText: t('motions.confirm'),
      cancelText: t('motions.cancel'),
    });
    if (!confirmed) return;
    try {
      await vote.mutateAsync(choice);
      Toast.show({ icon: 'success', content: t('motions.voted') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  const back = () => navigate('/motions');
  if (error || !m)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('motions.motion')}</NavBar>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() => void refetch()}
            notFound={{
              title: t('motions.notFound'),
              action: (
                <Button color="primary" className="su-tap" onClick={back}>
                  {t('motions.title')}
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
      <NavBar onBack={back}>{t('motions.motion')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }} data-testid="motion-title">
          {m.title}
        </h2>
        <div style={{ marginTop: 8, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Tag color="primary" fill="outline">
            {m.congress.name}
          </Tag>
          <Tag color={m.status === 'open' ? 'success' : 'default'} data-testid="motion-status">
            {t(`motions.status.${m.status}`)}
          </Tag>
        </div>
        <List style={{ marginTop: 8 }}>
          <List.Item extra={motionTime(m.opensAt)}>{t('motions.opensAt')}</List.Item>
          <List.Item extra={m.closesAt ? motionTime(m.closesAt) : t('motions.untilClosed')}>
            {t('motions.closesAt')}
          </List.Item>
        </List>
        <p style={{ whiteSpace: 'pre-wrap' }} data-testid="motion-body">
          {m.body}
        </p>
        {m.document && (
          <Button
            size="small"
            className="su-tap"
            onClick={() =>
              void api
                .download(`/api/v1/motions/${m.id}/document`, m.document!.fileName)
                .catch((e: unknown) => Toast.show({ content: humanError(e, t) }))
            }
            data-testid="motion-document"
          >
            {t('motions.document', { name: m.document.fileName })}
          </Button>
        )}
      </Card>
      <Card style={{ margin: 12 }} title={t('motions.yourVote')}>
        {m.myChoice ? (
          <div role="status" data-testid="my-choice">
            {t('motions.youVoted', { choice: t(`motions.choice.${m.myChoice}`) })}
          </div>
        ) : m.status === 'open' ? (
          <>
            <p className="su-hint" style={{ marginTop: 0 }}>
              {t('motions.secretHint')}
            </p>
            <div style={{ display: 'flex', gap: 8 }}>
              {ballotChoices.map((c) => (
                <Button
                  key={c}
                  block
                  color={choiceColor[c]}
                  loading={vote.isPending && vote.variables === c}
                  disabled={vote.isPending}
                  onClick={() => void choose(c)}
                  data-testid={`vote-${c}`}
                >
                  {t(`motions.choice.${c}`)}
                </Button>
              ))}
            </div>
          </>
        ) : (
          <div data-testid="not-voted">
            {m.status === 'scheduled' ? t('motions.notYetOpen') : t('motions.didNotVote')}
          </div>
        )}
      </Card>
      {m.status === 'closed' &&
        (result.data ? (
          <MotionResultCard
            result={{ ...result.data, closedAt: m.closedAt ?? '' }}
            hash={result.data.disclosure?.contentHash ?? null}
            footer={
              result.data.disclosure && (
                <Link to={`/disclosures/${result.data.disclosure.id}`} data-testid="disclosure-link">
                  {t('motions.disclosureLink')}
                </Link>
              )
            }
          />
        ) : result.error ? (
          <ErrorState error={result.error} onRetry={() => void result.refetch()} />
        ) : (
          <PageLoading />
        ))}
    </div>
  );
}
