import { Button, Card } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { PollRanking } from './PollRanking';
import { pollTime, resultsRefreshMs, usePollResults, usePublicPoll } from './polls.queries';
import './words';

/**
 * 投票结果: a poll's live results for anyone without sign-in (a link shared in a WeChat group, a QR code on a
 * poster) — the entries by votes and the total, read again every few seconds. No voter is named.
 */
export function PollResultsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { key } = useLocation();
  const back = () => (key !== 'default' ? navigate(-1) : navigate('/'));
  const { id = '' } = useParams();
  const { data, error, refetch, dataUpdatedAt } = usePollResults(id);
  const poll = usePublicPoll(id);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('polls.publicTitle')}</NavBar>
      {error && !data ? (
        <ErrorState
          error={error}
          onRetry={() => void refetch()}
          notFound={{
            title: t('polls.notFound'),
            action: (
              <Button color="primary" className="su-tap" onClick={() => navigate('/')}>
                {t('appName')}
              </Button>
            ),
          }}
        />
      ) : !data ? (
        <PageLoading />
      ) : (
        <Card style={{ margin: 12 }}>
          {poll.data && (
            <>
              <h2 className="su-title" style={{ margin: 0 }} data-testid="results-title">
                {poll.data.title}
              </h2>
              <div className="su-hint">
                {poll.data.org.name} ·{' '}
                {t('polls.windowValue', { from: pollTime(poll.data.startsAt), to: pollTime(poll.data.endsAt) })}
              </div>
            </>
          )}
          <div className="su-title" style={{ fontSize: 18, marginTop: 8 }} data-testid="total-votes">
            {t('polls.totalVotes', { n: data.totalVotes })}
          </div>
          <div className="su-hint">
            {t('polls.updatedAt', { time: pollTime(new Date(dataUpdatedAt)), s: resultsRefreshMs / 1000 })}
          </div>
          <PollRanking items={data.items} total={data.totalVotes} />
          <Button block color="primary" onClick={() => navigate(`/polls/${id}`)} data-testid="vote-in-app">
            {t('polls.openInApp')}
          </Button>
        </Card>
      )}
    </div>
  );
}
