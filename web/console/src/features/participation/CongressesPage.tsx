import { App as AntApp, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { congressKinds, congressStatuses } from '../../../../../shared/labels.js';
import type { OrgRef } from '../../api';
import { FormSelect } from '../../FormSelect';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { congressStatusColour } from './format';
import { useCongresses, useCreateCongress, type Congress, type CongressKind, type CongressStatus } from './queries';

interface CongressForm {
  org: OrgRef | null;
  name: string;
  kind: CongressKind;
  term: [Dayjs, Dayjs];
}

/** The API's fields as the form names them (an error on termEndsOn marks the term's range). */
const fieldOf: Record<string, string> = { orgId: 'org', termStartsOn: 'term', termEndsOn: 'term' };

/** 民主参与: the congress terms (届次) of the officer's subtree, filtered by org and status; a new term in a dialog. */
export function CongressesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [status, setStatus] = useState<CongressStatus | undefined>();
  const list = useCongresses({ orgId: org?.id, status });
  const creation = useCreateCongress();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CongressForm>();

  async function create(v: CongressForm) {
    try {
      const created = await creation.mutateAsync({
        orgId: v.org?.id ?? '',
        name: v.name,
        kind: v.kind,
        termStartsOn: v.term[0].format('YYYY-MM-DD'),
        termEndsOn: v.term[1].format('YYYY-MM-DD'),
      });
      void message.success(t('congresses.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/congresses/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <Card
      title={t('congresses.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Select
            allowClear
            style={{ minWidth: 130 }}
            placeholder={t('congresses.allStatuses')}
            aria-label={t('congresses.status')}
            value={status}
            onChange={(s: CongressStatus | undefined) => setStatus(s)}
            options={congressStatuses.map((s) => ({ value: s, label: t(`congressStatus.${s}`) }))}
            data-testid="congress-status-filter"
          />
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-congress">
            {t('congresses.add')}
          </Button>
        </Space>
      }
    >
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Congress>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: t('congresses.empty') }}
        data-testid="congresses-table"
        onRow={(c) => ({ onClick: () => navigate(`/congresses/${c.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('congresses.name'),
            render: (_, c) => (
              <a
                href={`/console/congresses/${c.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/congresses/${c.id}`);
                }}
              >
                {c.name}
              </a>
            ),
          },
          { title: t('congresses.kind'), width: 130, render: (_, c) => t(`congressKind.${c.kind}`) },
          { title: t('congresses.org'), render: (_, c) => c.org.name },
          {
            title: t('congresses.term'),
            width: 210,
            render: (_, c) => `${c.termStartsOn} – ${c.termEndsOn}`,
          },
          { title: t('congresses.representatives'), width: 100, dataIndex: 'representatives' },
          {
            title: t('congresses.status'),
            width: 100,
            render: (_, c) => <Tag color={congressStatusColour[c.status]}>{t(`congressStatus.${c.status}`)}</Tag>,
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('congresses.add')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-congress' } as ButtonProps}
        destroyOnHidden
      >
        <Form<CongressForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{ org: me?.org ?? null, kind: 'members_congress' }}
        >
          <Form.Item name="org" label={t('congresses.org')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%', minWidth: 0 }} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('congresses.name')}
            extra={t('congresses.nameHint')}
            rules={[{ required: true, max: 100 }]}
          >
            <Input maxLength={100} data-testid="congress-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('congresses.kind')} rules={[{ required: true }]}>
            <FormSelect
              options={congressKinds.map((k) => ({ value: k, label: t(`congressKind.${k}`) }))}
              data-testid="congress-kind"
            />
          </Form.Item>
          <Form.Item name="term" label={t('congresses.term')} rules={[{ required: true }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} data-testid="congress-term" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
