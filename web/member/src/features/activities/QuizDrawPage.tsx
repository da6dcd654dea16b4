import { Card, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { usePublicDraw } from './quizzes.queries';
import './words';

const codeStyle = { wordBreak: 'break-all', fontSize: 12 } as const;

/**
 * A quiz's prize draw as published, without sign-in: the seed, the candidates' list and its hash, the algorithm, the
 * winners — what anyone needs to re-derive the winners (and a member to find their own ticket).
 */
export function QuizDrawPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { key } = useLocation();
  const { id = '' } = useParams();
  const { data: d, error, refetch } = usePublicDraw(id);
  const back = () => (key !== 'default' ? navigate(-1) : navigate('/'));
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('quizzes.drawResult')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !d ? (
        <PageLoading />
      ) : (
        <>
          <Card style={{ margin: 12 }}>
            <h2 className="su-title" style={{ margin: 0 }} data-testid="draw-title">
              {d.quiz.title}
            </h2>
            <div className="su-hint">{d.quiz.org}</div>
          </Card>
          <List header={t('quizzes.winners')} data-testid="draw-winners">
            {d.winners.map((w) => (
              <List.Item key={w.ticket} prefix={<strong>{w.place}</strong>} extra={<code>{w.ticket}</code>}>
                {w.name}
              </List.Item>
            ))}
          </List>
          <Card style={{ margin: 12 }} title={t('quizzes.howToCheck')}>
            <p className="su-hint" style={{ marginTop: 0 }}>
              {d.algorithmDescription}
            </p>
            <div className="su-hint">
              {t('quizzes.algorithm')} · {d.algorithm}
            </div>
            <div className="su-hint">
              {t('quizzes.seed')} ({t(`quizzes.seedSource.${d.seedSource}`)})
            </div>
            <code style={codeStyle} data-testid="draw-seed">
              {d.seed}
            </code>
            {d.seedCommitment && (
              <>
                <div className="su-hint">{t('quizzes.commitment')}</div>
                <code style={codeStyle} data-testid="draw-commitment">
                  {d.seedCommitment}
                </code>
                <div className="su-hint">{t('quizzes.committedSeed')}</div>
                <code style={codeStyle}>{d.committedSeed}</code>
              </>
            )}
            {d.externalSeed && (
              <>
                <div className="su-hint">{t('quizzes.externalSeed')}</div>
                <code style={codeStyle}>{d.externalSeed}</code>
              </>
            )}
            <div className="su-hint">{t('quizzes.listHash')}</div>
            <code style={codeStyle} data-testid="draw-hash">
              {d.listHash}
            </code>
          </Card>
          <List header={t('quizzes.candidates', { n: d.candidates.length })}>
            {d.candidates.map((c) => (
              <List.Item key={c.ticket} extra={<code>{c.ticket}</code>}>
                {c.name}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  );
}
