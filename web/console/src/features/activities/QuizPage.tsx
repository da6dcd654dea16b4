import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import { showFormError } from '../../forms';
import { ImportModal } from '../../ImportModal';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { ActivitiesNav } from './nav';
import { PhaseTag } from './QuizzesPage';
import {
  questionKinds,
  quizKeys,
  useDraw,
  useDrawPrizes,
  useLeaderboard,
  useQuestions,
  useQuiz,
  useRemoveQuestion,
  useSaveQuestion,
  type Question,
  type Quiz,
} from './quizzes.queries';

const letters = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

interface QuestionForm {
  kind: Question['kind'];
  text: string;
  options: string[];
  correct: string[] | string;
  explanation?: string;
}

/** 知识竞赛: one quiz — its settings, the question bank (with Excel import and export), the leaderboard, the draw. */
export function QuizPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const quiz = useQuiz(id);
  const { me } = useSession();
  const mayRun = can('runActivities', me?.roles ?? []);
  const q = quiz.data;
  return (
    <Card title={q ? q.title : t('quizzes.title')} extra={q && <PhaseTag phase={q.phase} />}>
      <ActivitiesNav />
      <QueryError error={quiz.error} onRetry={() => void quiz.refetch()} />
      {q && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="quiz-summary">
            <Descriptions.Item label={t('quizzes.org')}>{q.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('quizzes.window')}>
              {dayjs(q.startsAt).format('YYYY-MM-DD HH:mm')} ~ {dayjs(q.endsAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label={t('quizzes.rules')}>
              {t('quizzes.rulesText', {
                n: q.questionsPerAttempt,
                minutes: Math.round((q.timeLimitSeconds / 60) * 10) / 10,
                attempts: q.attemptsPerDay,
                pass: q.passScore,
              })}
            </Descriptions.Item>
            <Descriptions.Item label={t('quizzes.questions')}>{q.questions}</Descriptions.Item>
            <Descriptions.Item label={t('quizzes.participants')}>{q.participants}</Descriptions.Item>
            <Descriptions.Item label={t('quizzes.passed')}>{q.passed}</Descriptions.Item>
            {q.prizes && <Descriptions.Item label={t('quizzes.prizes')}>{q.prizes}</Descriptions.Item>}
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'bank',
                label: t('quizzes.bank'),
                children: <QuestionBank quiz={q} mayRun={mayRun} />,
              },
              { key: 'board', label: t('quizzes.leaderboard'), children: <QuizLeaderboard id={q.id} /> },
              { key: 'draw', label: t('quizzes.draw'), children: <QuizDraw quiz={q} mayRun={mayRun} /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function QuestionBank({ quiz, mayRun }: { quiz: Quiz; mayRun: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const list = useQuestions(quiz.id);
  const save = useSaveQuestion(quiz.id);
  const remove = useRemoveQuestion(quiz.id);
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm<QuestionForm>();
  const kind = Form.useWatch('kind', form);
  const optionTexts = Form.useWatch('options', form) ?? [];

  function open(question: Question | 'new') {
    setEditing(question);
    form.setFieldsValue(
      question === 'new'
        ? { kind: 'single', text: '', options: ['', '', '', ''], correct: [], explanation: '' }
        : {
            kind: question.kind,
            text: question.text,
            options: question.kind === 'true_false' ? ['', ''] : question.options.map((o) => o.text),
            correct: question.kind === 'multiple' ? question.correct : question.correct[0],
            explanation: question.explanation ?? '',
          },
    );
  }

  async function submit(v: QuestionForm) {
    const options = v.kind === 'true_false' ? undefined : v.options.map((o) => o.trim()).filter(Boolean);
    try {
      await save.mutateAsync({
        questionId: editing && editing !== 'new' ? editing.id : null,
        body: {
          kind: v.kind,
          text: v.text,
          ...(options ? { options } : {}),
          correct: Array.isArray(v.correct) ? v.correct : v.correct ? [v.correct] : [],
          explanation: v.explanation || null,
        },
      });
      void message.success(t('common.saved'));
      setEditing(null);
    } catch (e) {
      showFormError(form, e, message, {});
    }
  }

  const choiceLetters =
    kind === 'true_false'
      ? [
          { value: 'A', label: t('quizzes.true') },
          { value: 'B', label: t('quizzes.false') },
        ]
      : letters.slice(0, Math.max(2, optionTexts.length)).map((l) => ({ value: l, label: l }));

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {mayRun && (
          <Button type="primary" onClick={() => open('new')} data-testid="add-question">
            {t('quizzes.addQuestion')}
          </Button>
        )}
        {mayRun && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-questions">
            {t('quizzes.import')}
          </Button>
        )}
        {mayRun && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void api.download(`/api/v1/quizzes/${quiz.id}/questions/export.xlsx`, t('quizzes.exportName'))
            }
          >
            {t('quizzes.export')}
          </Button>
        )}
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Question>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="questions-table"
        columns={[
          { title: t('quizzes.kind'), width: 70, render: (_, r) => t(`quizzes.kinds.${r.kind}`) },
          { title: t('quizzes.questionText'), dataIndex: 'text' },
          {
            title: t('quizzes.options'),
            render: (_, r) => r.options.map((o) => `${o.key}. ${o.text}`).join('  '),
          },
          { title: t('quizzes.answer'), width: 70, render: (_, r) => r.correct.join('') },
          ...(mayRun
            ? [
                {
                  title: '',
                  width: 120,
                  render: (_: unknown, r: Question) => (
                    <Space>
                      <Button size="small" type="link" onClick={() => open(r)}>
                        {t('quizzes.edit')}
                      </Button>
                      <Popconfirm title={t('quizzes.removeConfirm')} onConfirm={() => void remove.mutateAsync(r.id)}>
                        <Button size="small" type="link" danger>
                          {t('quizzes.remove')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('quizzes.addQuestion') : t('quizzes.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'save-question' } as ButtonProps}
        forceRender
      >
        <Form<QuestionForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="kind" label={t('quizzes.kind')} rules={[{ required: true }]}>
            <Radio.Group
              options={questionKinds.map((k) => ({ value: k, label: t(`quizzes.kinds.${k}`) }))}
              onChange={() => form.setFieldValue('correct', [])}
            />
          </Form.Item>
          <Form.Item name="text" label={t('quizzes.questionText')} rules={[{ required: true, max: 1000 }]}>
            <Input.TextArea rows={2} data-testid="question-text" />
          </Form.Item>
          {kind !== 'true_false' && (
            <Form.List name="options">
              {(fields, { add, remove: drop }) => (
                <>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="baseline">
                      <Typography.Text strong>{letters[i]}</Typography.Text>
                      <Form.Item name={f.name} rules={[{ max: 200 }]}>
                        <Input style={{ width: 320 }} aria-label={`${t('quizzes.option')} ${letters[i]}`} />
                      </Form.Item>
                      {fields.length > 2 && (
                        <Button type="link" onClick={() => drop(f.name)}>
                          {t('quizzes.remove')}
                        </Button>
                      )}
                    </Space>
                  ))}
                  {fields.length < 6 && (
                    <Button type="dashed" onClick={() => add('')} style={{ marginBottom: 12 }}>
                      {t('quizzes.addOption')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          )}
          <Form.Item name="correct" label={t('quizzes.answer')} rules={[{ required: true }]}>
            {kind === 'multiple' ? <Checkbox.Group options={choiceLetters} /> : <Radio.Group options={choiceLetters} />}
          </Form.Item>
          <Form.Item name="explanation" label={t('quizzes.explanation')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <ImportModal
        org={quiz.org}
        open={importing}
        onClose={() => setImporting(false)}
        target={{
          basePath: '/api/v1/quiz-question-imports',
          startPath: `/api/v1/quizzes/${quiz.id}/question-imports`,
          refreshes: quizKeys.quiz(quiz.id),
          templatePath: '/api/v1/quiz-question-imports/template.xlsx',
          templateName: t('quizzes.templateName'),
          title: t('quizzes.import'),
          hint: t('quizzes.importHint'),
        }}
      />
    </>
  );
}

function QuizLeaderboard({ id }: { id: string }) {
  const { t } = useTranslation();
  const board = useLeaderboard(id);
  return (
    <>
      <QueryError error={board.error} onRetry={() => void board.refetch()} />
      <Table
        rowKey="rank"
        size="small"
        loading={board.isLoading}
        dataSource={board.data?.items ?? []}
        pagination={false}
        data-testid="quiz-leaderboard"
        columns={[
          { title: t('quizzes.rank'), dataIndex: 'rank', width: 60 },
          { title: t('quizzes.member'), dataIndex: 'name' },
          { title: t('quizzes.org'), dataIndex: 'org' },
          { title: t('quizzes.score'), dataIndex: 'score', align: 'right' },
          { title: t('quizzes.seconds'), dataIndex: 'durationSeconds', align: 'right' },
        ]}
      />
    </>
  );
}

function QuizDraw({ quiz, mayRun }: { quiz: Quiz; mayRun: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const draw = useDraw(quiz.id, quiz.drawn);
  const drawing = useDrawPrizes(quiz.id);
  const [prizes, setPrizes] = useState<number | null>(3);
  const [seed, setSeed] = useState('');
  if (!quiz.drawn)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('quizzes.drawHint', { n: quiz.passed })}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t('quizzes.commitmentHint')}
          <br />
          {t('quizzes.commitment')}:{' '}
          <Typography.Text copyable code data-testid="seed-commitment">
            {quiz.seedCommitment}
          </Typography.Text>
        </Typography.Paragraph>
        {quiz.phase !== 'ended' && <Alert type="info" message={t('quizzes.drawAfterEnd')} />}
        {mayRun && (
          <Space wrap>
            <InputNumber<number>
              min={1}
              max={1000}
              value={prizes}
              onChange={setPrizes}
              addonBefore={t('quizzes.winners')}
            />
            <Input
              style={{ width: 320 }}
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              placeholder={t('quizzes.seedHint')}
              aria-label={t('quizzes.seed')}
            />
            <Button
              type="primary"
              disabled={quiz.phase !== 'ended' || !prizes}
              loading={drawing.isPending}
              data-testid="draw-prizes"
              onClick={() =>
                void drawing
                  .mutateAsync({ prizes: prizes ?? 1, ...(seed.trim() ? { seed: seed.trim() } : {}) })
                  .catch((e: unknown) => void message.error(describeError(e)))
              }
            >
              {t('quizzes.drawNow')}
            </Button>
          </Space>
        )}
      </Space>
    );
  const d = draw.data;
  return (
    <>
      <QueryError error={draw.error} onRetry={() => void draw.refetch()} />
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="quiz-draw">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('quizzes.algorithm')}>
              {d.algorithm}
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {d.algorithmDescription}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('quizzes.seed')}>
              <Typography.Text copyable code>
                {d.seed}
              </Typography.Text>{' '}
              ({t(`quizzes.seedSource.${d.seedSource}`)})
            </Descriptions.Item>
            {d.seedCommitment && (
              <Descriptions.Item label={t('quizzes.commitment')}>
                <Typography.Text copyable code>
                  {d.seedCommitment}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {d.externalSeed && (
              <Descriptions.Item label={t('quizzes.externalSeed')}>
                <Typography.Text code>{d.externalSeed}</Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('quizzes.listHash')}>
              <Typography.Text copyable code>
                {d.listHash}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('quizzes.publicLink')}>
              <Typography.Link href={`/quizzes/${quiz.id}/draw`} target="_blank">
                {`/quizzes/${quiz.id}/draw`}
              </Typography.Link>
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="ticket"
            size="small"
            pagination={false}
            title={() => t('quizzes.winnersTitle')}
            dataSource={d.winners}
            columns={[
              { title: t('quizzes.place'), dataIndex: 'place', width: 60 },
              { title: t('quizzes.ticket'), dataIndex: 'ticket' },
              { title: t('quizzes.member'), dataIndex: 'name' },
            ]}
          />
          <Table
            rowKey="ticket"
            size="small"
            pagination={{ pageSize: 20 }}
            title={() => t('quizzes.candidates', { n: d.candidates.length })}
            dataSource={d.candidates}
            columns={[
              { title: t('quizzes.ticket'), dataIndex: 'ticket' },
              { title: t('quizzes.member'), dataIndex: 'name' },
            ]}
          />
        </Space>
      )}
    </>
  );
}
