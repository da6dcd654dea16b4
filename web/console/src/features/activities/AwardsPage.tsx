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
import { useSession } from '../../session';
import { useCreateSelection, useSelections, type Selection } from './awards.queries';
import { ActivitiesNav } from './nav';

interface SelectionForm {
  title: string;
  org: OrgRef | null;
  year: number;
  quota: number;
  nominationClosesAt: Dayjs;
  description?: string;
}

const stageColour = { nominating: 'blue', voting: 'purple', publicity: 'orange', awarded: 'green' } as const;

export function StageTag({ stage }: { stage: Selection['stage'] }) {
  const { t } = useTranslation();
  return <Tag color={stageColour[stage]}>{t(`awards.stages.${stage}`)}</Tag>;
}

/** 先进评选: the selections of the officer's subtree (and those above it they nominate for); a new one. */
export function AwardsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const list = useSelections(org?.id);
  const creation = useCreateSelection();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<SelectionForm>();
  const mayCreate = (me?.roles ?? []).some((r) => r === 'org_admin' || r === 'activity_officer');

  async function create(v: SelectionForm) {
    try {
      const created = await creation.mutateAsync({
        orgId: v.org?.id ?? '',
        title: v.title,
        year: v.year,
        quota: v.quota,
        nominationClosesAt: v.nominationClosesAt.toISOString(),
        ...(v.description ? { description: v.description } : {}),
      });
      void message.success(t('awards.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/activities/awards/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, { orgId: 'org' });
    }
  }

  return (
    <Card
      title={t('awards.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          {mayCreate && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-selection">
              {t('awards.add')}
            </Button>
          )}
        </Space>
      }
    >
      <ActivitiesNav />
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Selection>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="selections-table"
        onRow={(r) => ({ onClick: () => navigate(`/activities/awards/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('awards.name'), dataIndex: 'title' },
          { title: t('awards.year'), dataIndex: 'year' },
          { title: t('awards.org'), render: (_, r) => r.org.name },
          { title: t('awards.quota'), dataIndex: 'quota', align: 'right' },
          {
            title: t('awards.nominations'),
            render: (_, r) => Object.values(r.counts).reduce((a, b) => a + b, 0),
            align: 'right',
          },
          { title: t('awards.status.pending'), render: (_, r) => r.counts.pending, align: 'right' },
          { title: t('awards.stage'), render: (_, r) => <StageTag stage={r.stage} /> },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('awards.add')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-selection' } as ButtonProps}
        destroyOnHidden
      >
        <Form<SelectionForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{
            org: me?.org ?? null,
            year: dayjs().year(),
            quota: 10,
            nominationClosesAt: dayjs().add(14, 'day').endOf('day'),
          }}
        >
          <Form.Item name="title" label={t('awards.name')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="selection-title" />
          </Form.Item>
          <Form.Item name="org" label={t('awards.org')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Space>
            <Form.Item name="year" label={t('awards.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="quota" label={t('awards.quota')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1000} />
            </Form.Item>
          </Space>
          <Form.Item name="nominationClosesAt" label={t('awards.nominationClosesAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label={t('awards.description')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
