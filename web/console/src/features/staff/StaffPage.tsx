import { App as AntApp, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { FormSelect } from '../../FormSelect';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { staffRoles, type OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { OrgPicker } from '../../OrgPicker';
import { useSession } from '../../session';
import { LoadMore } from '../../LoadMore';
import { useCreateStaff, useStaffList, useUpdateStaff, type NewStaff, type StaffRow } from './queries';

export function StaffPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(me?.org ?? null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const list = useStaffList(org?.id);
  const creation = useCreateStaff();
  const update = useUpdateStaff();

  async function create(values: {
    username: string;
    password: string;
    displayName?: string;
    roles: NewStaff['roles'];
  }) {
    try {
      await creation.mutateAsync({
        username: values.username,
        password: values.password,
        roles: values.roles,
        orgId: (org ?? me!.org).id,
        ...(values.displayName ? { displayName: values.displayName } : {}),
      });
      setCreating(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  async function toggle(row: StaffRow) {
    try {
      await update.mutateAsync({ id: row.id, active: !row.active });
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
      <QueryError error={list.error} onRetry={list.reload} />
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
          {
            title: t('staff.active'),
            render: (_, r) =>
              r.active ? <Tag color="green">{t('staff.enabled')}</Tag> : <Tag>{t('staff.disabled')}</Tag>,
          },
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
          <Form.Item
            name="username"
            label={t('username')}
            rules={[{ required: true, min: 3, max: 64, pattern: /^[A-Za-z0-9_.@-]+$/ }]}
          >
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
