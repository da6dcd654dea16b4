import { App as AntApp, Button, Card, DatePicker, Form, Input, Modal, Space, Switch, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
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
import { useCreateQuestionnaire, useQuestionnaires, type Questionnaire } from './questionnaires.queries';
import { QuestionsEditor, questionsBody, type QuestionForm } from './QuestionsEditor';

interface QuestionnaireForm {
  title: string;
  description?: string;
  org: OrgRef | null;
  window: [Dayjs, Dayjs] | null;
  anonymous?: boolean;
  questions: QuestionForm[];
}

const fieldOf: Record<string, string> = { orgId: 'org', opensAt: 'window', closesAt: 'window' };

/** 问卷: the questionnaires of the officer's subtree, and the builder of a new one. */
export function QuestionnairesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const list = useQuestionnaires(org?.id);
  const creation = useCreateQuestionnaire();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<QuestionnaireForm>();
  const mayRun = can('runActivities', me?.roles ?? []);

  async function create(v: QuestionnaireForm) {
    try {
      const created = await creation.mutateAsync({
        title: v.title,
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
        orgId: v.org?.id ?? '',
        opensAt: v.window?.[0].toISOString() ?? '',
        closesAt: v.window?.[1].toISOString() ?? '',
        anonymous: v.anonymous ?? false,
        questions: questionsBody(v.questions),
      });
      void message.success(t('questionnaires.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/activities/questionnaires/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <Card
      title={t('questionnaires.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          {mayRun && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-questionnaire">
              {t('questionnaires.add')}
            </Button>
          )}
        </Space>
      }
    >
      <ActivitiesNav />
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Questionnaire>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="questionnaires-table"
        onRow={(r) => ({
          onClick: () => navigate(`/activities/questionnaires/${r.id}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('questionnaires.name'), dataIndex: 'title' },
          { title: t('questionnaires.org'), render: (_, r) => r.org.name },
          {
            title: t('questionnaires.window'),
            render: (_, r) =>
              `${new Date(r.opensAt).toLocaleString('zh-CN')} ~ ${new Date(r.closesAt).toLocaleString('zh-CN')}`,
          },
          { title: t('questionnaires.questionCount'), render: (_, r) => r.questions.length, align: 'right' },
          { title: t('questionnaires.responses'), render: (_, r) => r.responses ?? 0, align: 'right' },
          {
            title: t('questionnaires.state'),
            render: (_, r) =>
              r.open ? <Tag color="blue">{t('questionnaires.open')}</Tag> : <Tag>{t('questionnaires.notOpen')}</Tag>,
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('questionnaires.add')}
        width={720}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-questionnaire' } as ButtonProps}
        destroyOnHidden
      >
        <Form<QuestionnaireForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{
            org: me?.org ?? null,
            anonymous: false,
            questions: [{ kind: 'single', text: '', options: '', required: true }],
          }}
        >
          <Form.Item name="title" label={t('questionnaires.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="questionnaire-title" />
          </Form.Item>
          <Form.Item name="description" label={t('questionnaires.description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="org" label={t('questionnaires.org')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="window" label={t('questionnaires.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime style={{ width: '100%' }} data-testid="questionnaire-window" />
          </Form.Item>
          <Form.Item name="anonymous" label={t('questionnaires.anonymous')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <QuestionsEditor />
        </Form>
      </Modal>
    </Card>
  );
}
