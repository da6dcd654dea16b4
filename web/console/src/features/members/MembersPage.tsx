import { App as AntApp, Button, Card, Descriptions, Form, Input, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { OrgPicker } from '../../OrgPicker';
import { useSession } from '../../session';
import { ImportModal } from '../../ImportModal';
import { LoadMore } from '../../LoadMore';
import { readMemberPii, useCreateMember, useMembers, type MemberRow, type NewMember } from './queries';

export function MembersPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message, modal } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(me?.org ?? null);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm();
  const list = useMembers(org?.id, q);
  const creation = useCreateMember();
  const target = org ?? me?.org ?? null;

  async function create(values: Omit<NewMember, 'orgId'>) {
    if (!target) return;
    try {
      const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
      await creation.mutateAsync({ ...filled, name: values.name, phone: values.phone, orgId: target.id });
      setCreating(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  async function reveal(row: MemberRow) {
    try {
      const pii = await readMemberPii(row.id);
      modal.info({
        title: row.name,
        content: (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('members.phone')}>{pii.phone}</Descriptions.Item>
            <Descriptions.Item label={t('members.idNumber')}>{pii.idNumber ?? '—'}</Descriptions.Item>
          </Descriptions>
        ),
      });
    } catch (e) {
      message.error(describeError(e));
    }
  }

  return (
    <Card
      title={t('nav.members')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Input.Search
            allowClear
            placeholder={t('members.search')}
            onSearch={setQ}
            style={{ width: 260 }}
            data-testid="member-search"
          />
          <Button onClick={() => setCreating(true)}>{t('members.add')}</Button>
          <Button onClick={() => setImporting(true)} data-testid="open-import">
            {t('members.import')}
          </Button>
          <Button
            onClick={() =>
              void api
                .download(`/api/v1/members/export.xlsx${query({ orgId: org?.id, q })}`, '会员名册.xlsx')
                .catch((e: unknown) => message.error(describeError(e)))
            }
          >
            {t('members.export')}
          </Button>
        </Space>
      }
    >
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<MemberRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="members-table"
        columns={[
          { title: t('members.name'), dataIndex: 'name' },
          { title: t('members.phone'), dataIndex: 'phone' },
          { title: t('members.idNumber'), dataIndex: 'idNumber' },
          { title: t('members.employer'), dataIndex: 'employer' },
          { title: t('members.occupation'), dataIndex: 'occupation' },
          { title: t('members.org'), render: (_, r) => r.org.name },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => void reveal(r)} title={t('members.revealNote')}>
                {t('members.reveal')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={`${t('members.add')} · ${target?.name ?? ''}`}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)}>
          <Form.Item name="name" label={t('members.name')} rules={[{ required: true, max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('members.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}>
            <Input maxLength={11} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('members.idNumber')} rules={[{ pattern: /^\d{17}[\dXx]$/ }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="employer" label={t('members.employer')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="occupation" label={t('members.occupation')}>
            <Input maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
      {target && (
        <ImportModal
          org={target}
          target={{
            basePath: '/api/v1/members/imports',
            templatePath: '/api/v1/members/import-template.xlsx',
            templateName: '会员导入模板.xlsx',
            title: t('members.importTitle'),
            hint: t('members.importHint'),
          }}
          open={importing}
          onClose={() => setImporting(false)}
        />
      )}
    </Card>
  );
}
