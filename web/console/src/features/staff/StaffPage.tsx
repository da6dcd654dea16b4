import { App as AntApp, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { FormSelect } from '../../FormSelect';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, query, type Page } from '../../../../shared/api';
import { useCursorList } from '../../../../shared/useCursorList';
import { api, staffRoles, type OrgRef } from '../../api';
import { OrgPicker } from '../../OrgPicker';
import { useSession } from '../../session';
import { LoadMore } from '../../LoadMore';

interface StaffRow {
  id: string;
  username: string;
  displayName: string | null;
  org: OrgRef;
  roles: string[];
  active: boolean;
  createdAt: string;
}

export function StaffPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(me?.org ?? null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const fetchPage = useCallback((url: string) => api.get<Page<StaffRow>>(url), []);
  const list = useCursorList(fetchPage, `/api/v1/staff${query({ orgId: org?.id, limit: 50 })}`);

  async function create(values: { username: string; password: string; displayName?: string; roles: string[]; org?: OrgRef }) {
    try {
      await api.post('/api/v1/staff', {
        username: values.username,
        password: values.password,
        roles: values.roles,
        orgId: (org ?? me!.org).id,
        ...(values.displayName ? { displayName: values.displayName } : {}),
      });
      setCreating(false);
      form.resetFields();
      await list.reload();
    } catch (e) {
      message.error(describeError(e));
    }
  }

  async function toggle(row: StaffRow) {
    try {
      await api.patch(`/api/v1/staff/${row.id}`, { active: !row.active });
      await list.reload();
    } catch (e) {
      message.error(describeError(e));
    }
  }

  return (
    <Card
      title={t('nav.staff')}
      extra={
        <Space>
          <OrgPicker value={org} onChange={setOrg} />
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('staff.add')}
          </Button>
        </Space>
      }
    >
      <Table<StaffRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        columns={[
          { title: t('username'), dataIndex: 'username' },
          { title: t('staff.displayName'), dataIndex: 'displayName' },
          { title: t('staff.org'), render: (_, r) => r.org.name },
          { title: t('staff.roles'), render: (_, r) => r.roles.map((x) => <Tag key={x}>{t(`role.${x}`)}</Tag>) },
          { title: t('staff.active'), render: (_, r) => (r.active ? <Tag color="green">{t('staff.enabled')}</Tag> : <Tag>{t('staff.disabled')}</Tag>) },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Button size="small" onClick={() => void toggle(r)} disabled={r.id === me?.id}>
                {r.active ? t('staff.disable') : t('staff.enable')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={`${t('staff.add')} · ${(org ?? me?.org)?.name ?? ''}`}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, min: 3, max: 64, pattern: /^[A-Za-z0-9_.@-]+$/ }]}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, min: 8 }]}>
            <Input.Password />
          </Form.Item>
          <Form.Item name="displayName" label={t('staff.displayName')}>
            <Input />
          </Form.Item>
          <Form.Item name="roles" label={t('staff.roles')} rules={[{ required: true }]}>
            <FormSelect mode="multiple" options={staffRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
