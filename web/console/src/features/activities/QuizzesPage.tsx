import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { ActivitiesNav } from './nav';
import { useCreateQuiz, useQuizzes, type Quiz, type QuizPhase } from './quizzes.queries';

interface QuizForm {
  title: string;
  description?: string;
  prizes?: string;
  org: OrgRef | null;
  window: [Dayjs, Dayjs];
  questionsPerAttempt: number;
  timeLimitMinutes: number;
  attemptsPerDay: number;
  passScore: number;
}

const fieldOf: Record<string, string> = {
  orgId: 'org',
  startsAt: 'window',
  endsAt: 'window',
  timeLimitSeconds: 'timeLimitMinutes',
};

export function PhaseTag({ phase }: { phase: QuizPhase }) {
  const { t } = useTranslation();
  const color = phase === 'open' ? 'green' : phase === 'upcoming' ? 'blue' : undefined;
  return <Tag color={color}>{t(`quizzes.phase.${phase}`)}</Tag>;
}

/** 知识竞赛: the quizzes of the officer's subtree with their figures; a new one. */
export function QuizzesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [phase, setPhase] = useState<QuizPhase | undefined>();
  const list = useQuizzes({ ...(org ? { orgId: org.id } : {}), ...(phase ? { phase } : {}) });
  const creation = useCreateQuiz();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<QuizForm>();
  const mayRun = can('runActivities', me?.roles ?? []);

  async function create(v: QuizForm) {
    try {
      const created = await creation.mutateAsync({
        orgId: v.org?.id ?? '',
        title: v.title,
        description: v.description || null,
        prizes: v.prizes || null,
        startsAt: v.window[0].toISOString(),
        endsAt: v.window[1].toISOString(),
        questionsPerAttempt: v.questionsPerAttempt,
        timeLimitSeconds: Math.round(v.timeLimitMinutes * 60),
        attemptsPerDay: v.attemptsPerDay,
        passScore: v.passScore,
      });
      void message.success(t('quizzes.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/activities/quizzes/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <Card
      title={t('quizzes.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Select<QuizPhase>
            allowClear
            placeholder={t('quizzes.allPhases')}
            aria-label={t('quizzes.phaseLabel')}
            style={{ width: 120 }}
            value={phase}
            onChange={setPhase}
            options={(['upcoming', 'open', 'ended'] as const).map((p) => ({
              value: p,
              label: t(`quizzes.phase.${p}`),
            }))}
          />
          {mayRun && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-quiz">
              {t('quizzes.add')}
            </Button>
          )}
        </Space>
      }
    >
      <ActivitiesNav />
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Quiz>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="quizzes-table"
        onRow={(r) => ({ onClick: () => navigate(`/activities/quizzes/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('quizzes.name'), dataIndex: 'title' },
          { title: t('quizzes.org'), render: (_, r) => r.org.name },
          {
            title: t('quizzes.window'),
            render: (_, r) =>
              `${dayjs(r.startsAt).format('YYYY-MM-DD HH:mm')} ~ ${dayjs(r.endsAt).format('MM-DD HH:mm')}`,
          },
          { title: t('quizzes.phaseLabel'), render: (_, r) => <PhaseTag phase={r.phase} /> },
          { title: t('quizzes.questions'), dataIndex: 'questions', align: 'right' },
          { title: t('quizzes.participants'), dataIndex: 'participants', align: 'right' },
          { title: t('quizzes.passed'), dataIndex: 'passed', align: 'right' },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('quizzes.add')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-quiz' } as ButtonProps}
        destroyOnHidden
      >
        <Form<QuizForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{
            org: me?.org ?? null,
            window: [dayjs().startOf('minute'), dayjs().add(7, 'day').endOf('day')],
            questionsPerAttempt: 10,
            timeLimitMinutes: 10,
            attemptsPerDay: 3,
            passScore: 60,
          }}
        >
          <Form.Item name="title" label={t('quizzes.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="quiz-title" />
          </Form.Item>
          <Form.Item name="org" label={t('quizzes.org')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="window" label={t('quizzes.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="questionsPerAttempt" label={t('quizzes.questionsPerAttempt')} rules={[{ required: true }]}>
              <InputNumber<number> min={1} max={100} data-testid="quiz-questions-per-attempt" />
            </Form.Item>
            <Form.Item name="timeLimitMinutes" label={t('quizzes.timeLimitMinutes')} rules={[{ required: true }]}>
              <InputNumber<number> min={0.5} max={120} step={1} />
            </Form.Item>
            <Form.Item name="attemptsPerDay" label={t('quizzes.attemptsPerDay')} rules={[{ required: true }]}>
              <InputNumber<number> min={1} max={20} />
            </Form.Item>
            <Form.Item name="passScore" label={t('quizzes.passScore')} rules={[{ required: true }]}>
              <InputNumber<number> min={0} max={100} addonAfter="%" />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('quizzes.description')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="prizes" label={t('quizzes.prizes')} rules={[{ max: 500 }]}>
            <Input placeholder={t('quizzes.prizesHint')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
