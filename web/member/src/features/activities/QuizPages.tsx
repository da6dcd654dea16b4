import { Button, Card, Empty, List, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { useLeaderboard, useMyQuiz, useMyQuizzes, useStartAttempt, type MyQuiz } from './quizzes.queries';
import './words';

const phaseColor: Record<MyQuiz['phase'], string> = { open: 'success', upcoming: 'primary', ended: 'default' };

/** A quiz's time as the member reads it: 11月2日 10:00. */
export function quizTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getMonth() + 1}/${d.getDate()} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function PhaseTag({ phase }: { phase: MyQuiz['phase'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={phaseColor[phase]} fill="outline">
      {t(`quizzes.phase.${phase}`)}
    </Tag>
  );
}

/** 知识竞赛: the quizzes of the member's union and those above it, open and upcoming. */
export function QuizzesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, refetch } = useMyQuizzes();
  const ended = useMyQuizzes('ended');
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/activities')}>{t('quizzes.title')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : data.items.length === 0 ? (
        <Empty description={t('quizzes.none')} data-testid="quizzes-empty" />
      ) : (
        <List data-testid="quizzes">
          {data.items.map((q) => (
            <QuizItem key={q.id} q={q} />
          ))}
        </List>
      )}
      {(ended.data?.items.length ?? 0) > 0 && (
        <List header={t('quizzes.endedList')} data-testid="ended-quizzes">
          {ended.data!.items.map((q) => (
            <QuizItem key={q.id} q={q} />
          ))}
        </List>
      )}
    </div>
  );
}

function QuizItem({ q }: { q: MyQuiz }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <List.Item
      onClick={() => navigate(`/quizzes/${q.id}`)}
      description={
        <>
          {q.org.name} · {quizTime(q.startsAt)} ~ {quizTime(q.endsAt)}
          {q.bestScore !== null && <div>{t('quizzes.best', { score: q.bestScore })}</div>}
        </>
      }
      extra={<PhaseTag phase={q.phase} />}
      data-testid="quiz-item"
    >
      {q.title}
    </List.Item>
  );
}

/** One quiz: its rules and prizes, start (or go back to the running attempt), my attempts, the leaderboard. */
export function QuizPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: q, error, refetch } = useMyQuiz(id);
  const start = useStartAttempt(id);
  if (error || !q)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={() => navigate('/quizzes')}>{t('quizzes.title')}</NavBar>
        {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : <PageLoading />}
      </div>
    );
  const begin = () =>
    start
      .mutateAsync()
      .then((a) => navigate(`/quiz-attempts/${a.id}`))
      .catch((e: unknown) => Toast.show({ content: humanError(e, t) }));
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/quizzes')}>{t('quizzes.title')}</NavBar>
      <Card style={{ margin: 12 }}>
        <h2 className="su-title" style={{ margin: 0 }} data-testid="quiz-title">
          {q.title} <PhaseTag phase={q.phase} />
        </h2>
        {q.description && <p style={{ whiteSpace: 'pre-wrap' }}>{q.description}</p>}
        <List style={{ marginTop: 8 }}>
          <List.Item extra={q.org.name}>{t('quizzes.org')}</List.Item>
          <List.Item extra={`${quizTime(q.startsAt)} ~ ${quizTime(q.endsAt)}`}>{t('quizzes.window')}</List.Item>
          <List.Item
            description={t('quizzes.rulesText', {
              n: q.questionsPerAttempt,
              minutes: Math.round((q.timeLimitSeconds / 60) * 10) / 10,
              attempts: q.attemptsPerDay,
              pass: q.passScore,
            })}
          >
            {t('quizzes.rules')}
          </List.Item>
          {q.prizes && (
            <List.Item
              description={
                <>
                  <div>{q.prizes}</div>
                  <div style={{ wordBreak: 'break-all' }} data-testid="seed-commitment">
                    {t('quizzes.commitment')}: <code>{q.seedCommitment}</code>
                  </div>
                </>
              }
            >
              {t('quizzes.prizes')}
            </List.Item>
          )}
          <List.Item extra={q.attemptsLeftToday} data-testid="attempts-left">
            {t('quizzes.attemptsLeft')}
          </List.Item>
        </List>
        <div style={{ marginTop: 12 }}>
          {q.openAttemptId ? (
            <Button
              block
              color="primary"
              className="su-tap"
              onClick={() => navigate(`/quiz-attempts/${q.openAttemptId}`)}
              data-testid="resume-quiz"
            >
              {t('quizzes.resume')}
            </Button>
          ) : (
            <Button
              block
              color="primary"
              className="su-tap"
              disabled={q.phase !== 'open' || q.attemptsLeftToday === 0}
              loading={start.isPending}
              onClick={() => void begin()}
              data-testid="start-quiz"
            >
              {q.phase === 'upcoming'
                ? t('quizzes.notYet')
                : q.phase === 'ended'
                  ? t('quizzes.ended')
                  : q.attemptsLeftToday === 0
                    ? t('quizzes.noneLeft')
                    : t('quizzes.start')}
            </Button>
          )}
        </div>
      </Card>
      {q.attempts.length > 0 && (
        <List header={t('quizzes.myAttempts')} style={{ margin: '0 12px' }} data-testid="my-attempts">
          {q.attempts.map((a) => (
            <List.Item
              key={a.id}
              onClick={() => navigate(`/quiz-attempts/${a.id}`)}
              description={quizTime(a.startedAt)}
              extra={
                a.status === 'submitted'
                  ? t('quizzes.points', { score: a.score })
                  : t(`quizzes.attemptStatus.${a.status}`)
              }
            >
              {a.passed ? t('quizzes.passedMark') : t(`quizzes.attemptStatus.${a.status}`)}
            </List.Item>
          ))}
        </List>
      )}
      <List style={{ margin: 12 }}>
        <List.Item onClick={() => navigate(`/quizzes/${id}/leaderboard`)} data-testid="open-leaderboard">
          {t('quizzes.leaderboard')}
        </List.Item>
        {q.drawn && (
          <List.Item onClick={() => navigate(`/quizzes/${id}/draw`)} data-testid="open-draw">
            {t('quizzes.drawResult')}
          </List.Item>
        )}
      </List>
    </div>
  );
}

/** The leaderboard: each member's best score, then the shortest time; names masked; my own line. */
export function QuizLeaderboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data, error, refetch } = useLeaderboard(id);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate(`/quizzes/${id}`)}>{t('quizzes.leaderboard')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <>
          {data.mine && (
            <Card style={{ margin: 12 }} data-testid="my-rank">
              {t('quizzes.myRank', { rank: data.mine.rank, n: data.participants, score: data.mine.score })}
            </Card>
          )}
          {data.items.length === 0 ? (
            <Empty description={t('quizzes.nobodyYet')} />
          ) : (
            <List data-testid="leaderboard">
              {data.items.map((l) => (
                <List.Item
                  key={l.rank}
                  prefix={<strong style={{ width: 28, display: 'inline-block' }}>{l.rank}</strong>}
                  description={l.org}
                  extra={`${t('quizzes.points', { score: l.score })} · ${t('quizzes.seconds', { s: l.durationSeconds })}`}
                  style={l.me ? { background: '#fff7e6' } : undefined}
                >
                  {l.name}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
    </div>
  );
}
