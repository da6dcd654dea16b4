import { App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
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
import { pollStatus, useCreatePoll, usePolls, when, type Poll, type PollStatus } from './polls.queries';

/** Preset colours that keep 4.5:1 on their tint (contrast.css); ended ones in plain grey. */
export const pollStatusColor: Record<PollStatus, string | undefined> = {
  scheduled: 'blue',
  open: 'green',
  ended: undefined,
};

interface PollForm {
  title: string;
  description?: string;
  org: OrgRef | null;
  startsAt: Dayjs;
  endsAt: Dayjs;
  ballotsPerMemberPerDay: number;
  perEntryPerDay: number;
}

const fieldOf: Record<string, string> = { orgId: 'org' };

/** 网络投票: the polls of the officer's subtree, with their state, entries and votes; a new poll. */
export function PollsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [q, setQ] = useState('');
  const list = usePolls({ ...(org ? { orgId: org.id } : {}), ...(q ? { q } : {}) });
  const creation = useCreatePoll();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<PollForm>();
  const mayRun = can('runActivities', me?.roles ?? []);

  async function create(v: PollForm) {
    try {
      const created = await creation.mutateAsync({
        title: v.title,
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
        orgId: v.org?.id ?? '',
        startsAt: v.startsAt.toISOString(),
        endsAt: v.endsAt.toISOString(),
        ballotsPerMemberPerDay: v.ballotsPerMemberPerDay,
        perEntryPerDay: v.perEntryPerDay,
      });
      void message.success(t('polls.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/activities/polls/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <Card
      title={t('polls.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Input.Search
            allowClear
            placeholder={t('polls.name')}
            aria-label={t('polls.name')}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 180 }}
          />
          {mayRun && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-poll">
              {t('polls.add')}
            </Button>
          )}
        </Space>
      }
    >
      <ActivitiesNav />
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Poll>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="polls-table"
        locale={{ emptyText: t('polls.none') }}
        onRow={(r) => ({ onClick: () => navigate(`/activities/polls/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('polls.name'),
            render: (_, r) => (
              <Space>
                <a href={`/console/activities/polls/${r.id}`} onClick={(e) => e.preventDefault()}>
                  {r.title}
                </a>
                {r.round > 1 && <Tag color="gold">{t('polls.finalRound')}</Tag>}
              </Space>
            ),
          },
          { title: t('polls.org'), render: (_, r) => r.org.name },
          { title: t('polls.window'), render: (_, r) => `${when(r.startsAt)} – ${when(r.endsAt)}` },
          {
            title: t('polls.statusLabel'),
            render: (_, r) => {
              const status = pollStatus(r);
              return <Tag color={pollStatusColor[status]}>{t(`polls.status.${status}`)}</Tag>;
            },
          },
          { title: t('polls.entriesCount'), dataIndex: 'liveEntries', align: 'right' },
          {
            title: t('polls.pendingCount'),
            align: 'right',
            render: (_, r) => (r.pendingEntries ? <Tag color="orange">{r.pendingEntries}</Tag> : 0),
          },
          { title: t('polls.totalVotes'), dataIndex: 'totalVotes', align: 'right' },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('polls.add')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-poll' } as ButtonProps}
        destroyOnHidden
      >
        <Form<PollForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{
            org: me?.org ?? null,
            startsAt: dayjs().startOf('minute'),
            endsAt: dayjs().add(10, 'day').endOf('day').startOf('minute'),
            ballotsPerMemberPerDay: 5,
            perEntryPerDay: 1,
          }}
        >
          <Form.Item name="title" label={t('polls.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input data-testid="poll-title" />
          </Form.Item>
          <Form.Item name="org" label={t('polls.org')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startsAt" label={t('polls.startsAt')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="poll-starts" />
            </Form.Item>
            <Form.Item
              name="endsAt"
              label={t('polls.endsAt')}
              dependencies={['startsAt']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | undefined) => {
                    const start = getFieldValue('startsAt') as Dayjs | undefined;
                    return !value || !start || value.isAfter(start)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('polls.endsAfterStart')));
                  },
                }),
              ]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="poll-ends" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item
              name="ballotsPerMemberPerDay"
              label={t('polls.ballotsPerMemberPerDay')}
              rules={[{ required: true }]}
            >
              <InputNumber<number> min={1} max={100} precision={0} data-testid="poll-per-day" />
            </Form.Item>
            <Form.Item
              name="perEntryPerDay"
              label={t('polls.perEntryPerDay')}
              tooltip={t('polls.perEntryHint')}
              dependencies={['ballotsPerMemberPerDay']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_, value: number | undefined) => {
                    const perDay = getFieldValue('ballotsPerMemberPerDay') as number | undefined;
                    return value === undefined || perDay === undefined || value <= perDay
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('polls.perEntryNotMore')));
                  },
                }),
              ]}
            >
              <InputNumber<number> min={1} max={100} precision={0} data-testid="poll-per-entry" />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('polls.description')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} data-testid="poll-description" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
