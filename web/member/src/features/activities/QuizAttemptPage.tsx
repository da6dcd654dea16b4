import { Button, Card, Checkbox, Dialog, List, Radio, Space, Tag, Toast } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { useAttempt, useSubmitAttempt, type Attempt, type AttemptQuestion } from './quizzes.queries';
import './words';

/** Seconds left by the server's clock: the offset between the phone's and the server's is measured once. */
function useCountdown(attempt: Attempt | undefined): number | null {
  const offset = useRef<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (attempt && offset.current === null) offset.current = Date.parse(attempt.serverTime) - Date.now();
  }, [attempt]);
  const running = attempt?.status === 'open';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [running]);
  if (!attempt || !running) return null;
  const serverNow = now + (offset.current ?? Date.parse(attempt.serverTime) - Date.now());
  return Math.max(0, Math.ceil((Date.parse(attempt.deadline) - serverNow) / 1000));
}

function clock(seconds: number): string {
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Taking a quiz: the served questions with a countdown to the server's deadline; submitted by the member, or by
 * itself when the time is up. Once scored: the score and, per question, my answer and the right one.
 */
export function QuizAttemptPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: attempt, error, refetch } = useAttempt(id);
  const submit = useSubmitAttempt(id);
  const [choices, setChoices] = useState<Record<string, string[]>>({});
  const left = useCountdown(attempt);
  const autoSent = useRef(false);
  const back = () => navigate(attempt ? `/quizzes/${attempt.quiz.id}` : '/quizzes');

  const send = () =>
    submit
      .mutateAsync((attempt?.questions ?? []).map((q) => ({ questionId: q.id, choices: choices[q.id] ?? [] })))
      .catch((e: unknown) => Toast.show({ content: humanError(e, t) }));

  useEffect(() => {
    if (left === 0 && !autoSent.current && !submit.isPending) {
      autoSent.current = true;
      Toast.show({ content: t('quizzes.timeUp') });
      void send();
    }
  });

  if (error || !attempt)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('quizzes.title')}</NavBar>
        {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : <PageLoading />}
      </div>
    );

  if (attempt.status !== 'open') return <AttemptResult attempt={attempt} onBack={back} />;

  const unanswered = attempt.questions.filter((q) => !(choices[q.id]?.length ?? 0)).length;
  const confirmSend = async () => {
    if (unanswered > 0 && !(await Dialog.confirm({ content: t('quizzes.unanswered', { n: unanswered }) }))) return;
    await send();
  };

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 88 }}>
      <NavBar onBack={back}>{attempt.quiz.title}</NavBar>
      <div
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: left !== null && left <= 30 ? '#fff1f0' : '#e6f4ff',
          padding: '8px 16px',
          fontSize: 18,
          textAlign: 'center',
        }}
        role="timer"
        aria-live="off"
        data-testid="countdown"
      >
        {t('quizzes.timeLeft')} {clock(left ?? 0)}
      </div>
      {attempt.questions.map((q, i) => (
        <Card key={q.id} style={{ margin: 12 }} data-testid="quiz-question">
          <div style={{ marginBottom: 8 }}>
            <Tag color="primary" fill="outline">
              {t(`quizzes.kinds.${q.kind}`)}
            </Tag>{' '}
            <strong>
              {i + 1}. {q.text}
            </strong>
          </div>
          {q.kind === 'multiple' ? (
            <Checkbox.Group
              value={choices[q.id] ?? []}
              onChange={(v) => setChoices((c) => ({ ...c, [q.id]: v as string[] }))}
            >
              <Space direction="vertical">
                {q.options.map((o) => (
                  <Checkbox key={o.key} value={o.key} data-testid={`option-${o.key}`}>
                    {o.key}. {o.text}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          ) : (
            <Radio.Group
              value={choices[q.id]?.[0] ?? null}
              onChange={(v) => setChoices((c) => ({ ...c, [q.id]: [String(v)] }))}
            >
              <Space direction="vertical">
                {q.options.map((o) => (
                  <Radio key={o.key} value={o.key} data-testid={`option-${o.key}`}>
                    {o.key}. {o.text}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          )}
        </Card>
      ))}
      <div style={{ position: 'fixed', bottom: 0, left: 0, right: 0, padding: 12, background: '#fff' }}>
        <Button
          block
          color="primary"
          className="su-tap"
          loading={submit.isPending}
          onClick={() => void confirmSend()}
          data-testid="submit-quiz"
        >
          {t('quizzes.submit')}
        </Button>
      </div>
    </div>
  );
}

function AttemptResult({ attempt, onBack }: { attempt: Attempt; onBack(): void }) {
  const { t } = useTranslation();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={onBack}>{attempt.quiz.title}</NavBar>
      <Card style={{ margin: 12, textAlign: 'center' }} data-testid="quiz-result">
        <div style={{ fontSize: 40, fontWeight: 600 }} data-testid="quiz-score">
          {t('quizzes.points', { score: attempt.score ?? 0 })}
        </div>
        <div>
          {attempt.status === 'expired'
            ? t('quizzes.expired')
            : t('quizzes.rightOf', { right: attempt.correctCount ?? 0, n: attempt.questions.length })}
          {attempt.durationSeconds !== null && ` · ${t('quizzes.seconds', { s: attempt.durationSeconds })}`}
        </div>
        <Tag color={attempt.passed ? 'success' : 'default'} style={{ marginTop: 8 }}>
          {attempt.passed ? t('quizzes.passedMark') : t('quizzes.notPassed', { pass: attempt.quiz.passScore })}
        </Tag>
      </Card>
      {attempt.reviewWithheld ? (
        <Card style={{ margin: 12 }} data-testid="review-withheld">
          {t('quizzes.reviewWithheld')}
        </Card>
      ) : (
        <List header={t('quizzes.review')}>
          {attempt.questions.map((q, i) => (
            <ReviewItem key={q.id} q={q} n={i + 1} />
          ))}
        </List>
      )}
    </div>
  );
}

function ReviewItem({ q, n }: { q: AttemptQuestion; n: number }) {
  const { t } = useTranslation();
  if (!('correct' in q)) return null;
  const letters = (keys: string[]) => (keys.length > 0 ? keys.join('') : t('quizzes.blank'));
  return (
    <List.Item
      data-testid="review-item"
      description={
        <>
          {q.options.map((o) => (
            <div key={o.key}>
              {o.key}. {o.text}
            </div>
          ))}
          <div style={{ marginTop: 4 }}>
            {t('quizzes.yourAnswer')} {letters(q.choices)} · {t('quizzes.rightAnswer')} {letters(q.correct)}
          </div>
          {q.explanation && <div>{q.explanation}</div>}
        </>
      }
      extra={<Tag color={q.right ? 'success' : 'danger'}>{q.right ? '✓' : '✗'}</Tag>}
    >
      {n}. {q.text}
    </List.Item>
  );
}
