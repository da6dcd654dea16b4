import { App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
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
import { useCreateWalkChallenge, useWalkChallenges, type WalkChallenge } from './walks.queries';

interface ChallengeForm {
  title: string;
  org: OrgRef | null;
  days: [Dayjs, Dayjs] | null;
  dailyGoalSteps?: number | null;
}

const fieldOf: Record<string, string> = { orgId: 'org', startsOn: 'days', endsOn: 'days' };

export const stateColor: Record<WalkChallenge['state'], string> = {
  upcoming: 'default',
  running: 'blue',
  ended: 'default',
};

/** 健步走: the walking challenges of the officer's subtree, and a new one. */
export function WalksPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const list = useWalkChallenges(org?.id);
  const creation = useCreateWalkChallenge();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ChallengeForm>();
  const mayRun = can('runActivities', me?.roles ?? []);

  async function create(v: ChallengeForm) {
    try {
      const created = await creation.mutateAsync({
        title: v.title,
        orgId: v.org?.id ?? '',
        startsOn: v.days?.[0].format('YYYY-MM-DD') ?? '',
        endsOn: v.days?.[1].format('YYYY-MM-DD') ?? '',
        ...(v.dailyGoalSteps ? { dailyGoalSteps: v.dailyGoalSteps } : {}),
      });
      void message.success(t('walks.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/activities/walks/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <Card
      title={t('walks.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          {mayRun && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-walk">
              {t('walks.add')}
            </Button>
          )}
        </Space>
      }
    >
      <ActivitiesNav />
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<WalkChallenge>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="walks-table"
        onRow={(r) => ({ onClick: () => navigate(`/activities/walks/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('walks.name'), dataIndex: 'title' },
          { title: t('walks.org'), render: (_, r) => r.org.name },
          { title: t('walks.days'), render: (_, r) => `${r.startsOn} ~ ${r.endsOn}` },
          {
            title: t('walks.goal'),
            render: (_, r) => (r.dailyGoalSteps === null ? '—' : r.dailyGoalSteps.toLocaleString('zh-CN')),
            align: 'right',
          },
          { title: t('walks.participants'), dataIndex: 'participants', align: 'right' },
          {
            title: t('walks.state'),
            render: (_, r) => <Tag color={stateColor[r.state]}>{t(`walks.states.${r.state}`)}</Tag>,
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('walks.add')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-walk' } as ButtonProps}
        destroyOnHidden
      >
        <Form<ChallengeForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{ org: me?.org ?? null, dailyGoalSteps: 6000 }}
        >
          <Form.Item name="title" label={t('walks.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="walk-title" placeholder={t('walks.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="org" label={t('walks.org')} rules={[{ required: true }]} extra={t('walks.orgHint')}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="days" label={t('walks.days')} rules={[{ required: true }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} data-testid="walk-days" />
          </Form.Item>
          <Form.Item name="dailyGoalSteps" label={t('walks.goal')} extra={t('walks.goalHint')}>
            <InputNumber<number> min={1} max={100_000} step={1000} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
