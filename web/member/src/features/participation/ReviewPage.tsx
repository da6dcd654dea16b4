import { Button, Card, Radio, Result, Space, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { useRespond, useReview, type Rating } from './suggestions.queries';
import './words';

const ratings: Rating[] = ['satisfied', 'fairly_satisfied', 'dissatisfied'];

/** One review: every question with its three choices, an optional comment, answered once. */
export function ReviewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: r, error, refetch } = useReview(id);
  const respond = useRespond(id);
  const [answers, setAnswers] = useState<Record<string, Rating>>({});
  const [comment, setComment] = useState('');

  async function submit() {
    if (!r) return;
    try {
      await respond.mutateAsync({
        answers: r.questions.map((q) => ({ questionId: q.id, rating: answers[q.id]! })),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      Toast.show({ icon: 'success', content: t('participation.thanks') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  const complete = r !== undefined && r.questions.every((q) => answers[q.id] !== undefined);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/reviews')}>{t('participation.reviews')}</NavBar>
      {error ? (
        <ErrorState
          error={error}
          onRetry={() => void refetch()}
          notFound={{
            title: t('participation.reviewNotFound'),
            action: <Button onClick={() => navigate('/reviews')}>{t('participation.reviews')}</Button>,
          }}
        />
      ) : !r ? (
        <PageLoading />
      ) : (
        <>
          <Card style={{ margin: 12 }}>
            <div className="su-title">{r.title}</div>
            <div style={{ color: '#666', fontSize: 13, marginTop: 4 }}>{r.org.name}</div>
            {r.description && <p style={{ whiteSpace: 'pre-wrap' }}>{r.description}</p>}
          </Card>
          {r.respondedByMe ? (
            <Result status="success" title={t('participation.responded')} data-testid="review-responded" />
          ) : !r.open ? (
            <Result status="waiting" title={t('participation.notOpen')} />
          ) : (
            <>
              {r.questions.map((q) => (
                <Card key={q.id} style={{ margin: 12 }} title={`${q.position}. ${q.text}`}>
                  <Radio.Group
                    value={answers[q.id] ?? null}
                    onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v as Rating }))}
                  >
                    <Space direction="vertical">
                      {ratings.map((rating) => (
                        <Radio key={rating} value={rating} data-testid={`q${q.position}-${rating}`}>
                          {t(`reviewRating.${rating}`)}
                        </Radio>
                      ))}
                    </Space>
                  </Radio.Group>
                </Card>
              ))}
              <Card style={{ margin: 12 }} title={t('participation.comment')}>
                <TextArea value={comment} onChange={setComment} rows={3} maxLength={2000} showCount />
              </Card>
              <div style={{ padding: 12 }}>
                <Button
                  block
                  color="primary"
                  size="large"
                  disabled={!complete}
                  loading={respond.isPending}
                  onClick={() => void submit()}
                  data-testid="submit-review"
                >
                  {complete ? t('participation.submit') : t('participation.answerAll')}
                </Button>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
