import { Button, Card, Checkbox, Radio, Result, Selector, Space, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { useQuestionnaire, useSubmitResponse, type Answer, type Question } from './questionnaires.queries';
import './words';

type Draft = { choices?: number[]; rating?: number; text?: string };

function answered(q: Question, d: Draft | undefined): boolean {
  if (!d) return false;
  if (q.kind === 'rating') return (d.rating ?? 0) > 0;
  if (q.kind === 'text') return (d.text ?? '').trim() !== '';
  return (d.choices ?? []).length > 0;
}

function toAnswer(q: Question, d: Draft): Answer {
  if (q.kind === 'rating') return { questionId: q.id, rating: d.rating! };
  if (q.kind === 'text') return { questionId: q.id, text: d.text!.trim() };
  return { questionId: q.id, choices: d.choices! };
}

function QuestionField({ q, draft, onChange }: { q: Question; draft: Draft; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  if (q.kind === 'single')
    return (
      <Radio.Group value={draft.choices?.[0] ?? null} onChange={(v) => onChange({ choices: [Number(v)] })}>
        <Space direction="vertical">
          {q.options.map((o, i) => (
            <Radio key={i} value={i} data-testid={`q${q.position}-o${i}`}>
              {o}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    );
  if (q.kind === 'multiple')
    return (
      <Checkbox.Group
        value={draft.choices ?? []}
        onChange={(v) => onChange({ choices: v.map(Number).sort((a, b) => a - b) })}
      >
        <Space direction="vertical">
          {q.options.map((o, i) => (
            <Checkbox key={i} value={i} data-testid={`q${q.position}-o${i}`}>
              {o}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
    );
  if (q.kind === 'rating')
    return (
      <div data-testid={`q${q.position}-rating`}>
        <Selector
          columns={5}
          options={[1, 2, 3, 4, 5].map((n) => ({ label: t('questionnaires.stars', { n }), value: n }))}
          value={draft.rating ? [draft.rating] : []}
          onChange={(v) => onChange(v[0] ? { rating: v[0] } : {})}
        />
      </div>
    );
  return (
    <TextArea
      value={draft.text ?? ''}
      onChange={(v) => onChange({ text: v })}
      rows={3}
      maxLength={2000}
      showCount
      placeholder={t('questionnaires.textPlaceholder')}
      aria-label={q.text}
      data-testid={`q${q.position}-text`}
    />
  );
}

/** One questionnaire: every question, answered once. */
export function QuestionnairePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: q, error, refetch } = useQuestionnaire(id);
  const submit = useSubmitResponse(id);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  // One key for this page's submission: a retry after a lost answer is the same submission.
  const [key] = useState(() => crypto.randomUUID());

  async function send() {
    if (!q) return;
    try {
      await submit.mutateAsync({
        key,
        body: {
          answers: q.questions.filter((x) => answered(x, drafts[x.id])).map((x) => toAnswer(x, drafts[x.id]!)),
        },
      });
      Toast.show({ icon: 'success', content: t('questionnaires.thanks') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  const complete = q !== undefined && q.questions.every((x) => !x.required || answered(x, drafts[x.id]));
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/questionnaires')}>{t('questionnaires.title')}</NavBar>
      {error ? (
        <ErrorState
          error={error}
          onRetry={() => void refetch()}
          notFound={{
            title: t('questionnaires.notFound'),
            action: <Button onClick={() => navigate('/questionnaires')}>{t('questionnaires.title')}</Button>,
          }}
        />
      ) : !q ? (
        <PageLoading />
      ) : (
        <>
          <Card style={{ margin: 12 }}>
            <div className="su-title">{q.title}</div>
            <div style={{ color: '#666', fontSize: 13, marginTop: 4 }}>
              {q.org.name}
              {q.anonymous && ` · ${t('questionnaires.anonymous')}`}
            </div>
            {q.description && <p style={{ whiteSpace: 'pre-wrap' }}>{q.description}</p>}
          </Card>
          {q.answeredByMe ? (
            <Result status="success" title={t('questionnaires.answered')} data-testid="questionnaire-answered" />
          ) : !q.open ? (
            <Result status="waiting" title={t('questionnaires.notOpen')} />
          ) : (
            <>
              {q.questions.map((x) => (
                <Card
                  key={x.id}
                  style={{ margin: 12 }}
                  title={`${x.position}. ${x.text}${x.kind === 'multiple' ? t('questionnaires.multipleHint') : ''}${x.required ? '' : t('questionnaires.optional')}`}
                >
                  <QuestionField
                    q={x}
                    draft={drafts[x.id] ?? {}}
                    onChange={(d) => setDrafts((all) => ({ ...all, [x.id]: d }))}
                  />
                </Card>
              ))}
              <div style={{ padding: 12 }}>
                <Button
                  block
                  color="primary"
                  size="large"
                  disabled={!complete}
                  loading={submit.isPending}
                  onClick={() => void send()}
                  data-testid="submit-questionnaire"
                >
                  {complete ? t('questionnaires.submit') : t('questionnaires.answerAll')}
                </Button>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
