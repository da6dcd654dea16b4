import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { FormSelect } from '../../FormSelect';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { OrgPicker } from '../../OrgPicker';
import { useSession } from '../../session';
import { MerchantPicker } from './MerchantPicker';
import {
  useAddPartner,
  useBindCashier,
  useCashierSearch,
  useCreateMerchant,
  useEnrol,
  useEnrolments,
  useMemberSearch,
  useMerchants,
  usePartners,
  type EnrolmentRow,
  type MerchantRow,
  type PartnerRow,
} from './queries';
import { LoadMore } from '../../LoadMore';

/** Searches the registry of the programme's subtree by name or full phone. */
function MemberPicker({
  orgId,
  value,
  onChange,
}: {
  orgId: string | undefined;
  value?: string;
  onChange?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useMemberSearch(orgId, q);
  const options = search.error ? [] : (search.data ?? []);
  return (
    <Select
      showSearch
      value={value}
      filterOption={false}
      onSearch={setQ}
      onChange={(id: string) => onChange?.(id)}
      aria-label={t('a11y.member')}
      data-testid="enrol-member"
      options={options.map((m) => ({
        value: m.id,
        label: `${m.name} · ${m.phone}${m.occupation ? ` · ${m.occupation}` : ''} · ${m.org.name}`,
      }))}
    />
  );
}

function EnrolmentsTab({ org }: { org: OrgRef | null }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [q, setQ] = useState('');
  const [enrolling, setEnrolling] = useState(false);
  const [form] = Form.useForm();
  const list = useEnrolments(org?.id, q);
  const enrolment = useEnrol();

  async function enrol(v: { memberId: string }) {
    if (!org) return;
    try {
      const created = await enrolment.mutateAsync({ orgId: org.id, memberId: v.memberId });
      message.success(t('breakfast.enrolled', { name: created.memberName, code: created.cardCode }));
      setEnrolling(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('breakfast.search')} onSearch={setQ} style={{ width: 260 }} />
        <Button type="primary" disabled={!org} onClick={() => setEnrolling(true)} data-testid="open-enrol">
          {t('breakfast.enrol')}
        </Button>
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<EnrolmentRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="enrolments-table"
        locale={{ emptyText: t('breakfast.noEnrolments') }}
        columns={[
          { title: t('breakfast.worker'), dataIndex: 'memberName' },
          { title: t('breakfast.card'), dataIndex: 'cardCode', render: (code: string) => <code>{code}</code> },
          { title: t('breakfast.programme'), render: (_, r) => r.org.name },
          {
            title: t('breakfast.enrolledAt'),
            render: (_, r) => new Date(r.enrolledAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }),
          },
          { title: t('breakfast.servedThisMonth'), dataIndex: 'servedThisMonth', width: 120 },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={enrolling}
        title={`${t('breakfast.enrol')} · ${org?.name ?? ''}`}
        onCancel={() => setEnrolling(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void enrol(v)}>
          <Form.Item
            name="memberId"
            label={t('breakfast.worker')}
            rules={[{ required: true }]}
            extra={t('breakfast.workerHint')}
          >
            <MemberPicker orgId={org?.id} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function PartnersTab({ org }: { org: OrgRef | null }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const partners = usePartners(org?.id);
  const addition = useAddPartner();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();

  async function add(v: { merchantId: string }) {
    if (!org) return;
    try {
      await addition.mutateAsync({ orgId: org.id, merchantId: v.merchantId });
      setAdding(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" disabled={!org} onClick={() => setAdding(true)} data-testid="open-partner">
          {t('breakfast.addPartner')}
        </Button>
      </Space>
      <QueryError error={partners.error} onRetry={() => void partners.refetch()} />
      <Table<PartnerRow>
        rowKey="merchantId"
        loading={partners.isFetching}
        dataSource={partners.data ?? []}
        pagination={false}
        data-testid="partners-table"
        locale={{ emptyText: t('breakfast.noPartners') }}
        columns={[
          { title: t('breakfast.shop'), dataIndex: 'merchantName' },
          { title: t('breakfast.address'), dataIndex: 'address', render: (a: string | null) => a ?? '—' },
          { title: t('breakfast.programme'), render: (_, r) => r.org.name },
          { title: t('breakfast.servedThisMonth'), dataIndex: 'servedThisMonth', width: 120 },
        ]}
      />
      <Modal
        open={adding}
        title={`${t('breakfast.addPartner')} · ${org?.name ?? ''}`}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void add(v)}>
          <Form.Item
            name="merchantId"
            label={t('breakfast.shop')}
            rules={[{ required: true }]}
            extra={t('breakfast.shopHint')}
          >
            <MerchantPicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Shops of the subtree: register one, give it a cashier account (role merchant). */
function MerchantsTab({ org }: { org: OrgRef | null }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const [binding, setBinding] = useState<MerchantRow | null>(null);
  const [staffQuery, setStaffQuery] = useState('');
  const cashiers = useCashierSearch(staffQuery, binding !== null);
  const staffOptions = cashiers.error ? [] : (cashiers.data ?? []);
  const [form] = Form.useForm();
  const [bindForm] = Form.useForm();
  const list = useMerchants(org?.id);
  const creation = useCreateMerchant();
  const binder = useBindCashier();

  async function create(v: { name: string; address?: string }) {
    if (!org) return;
    try {
      await creation.mutateAsync({ orgId: org.id, name: v.name, ...(v.address ? { address: v.address } : {}) });
      setCreating(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  async function bind(v: { staffId: string }) {
    if (!binding) return;
    try {
      await binder.mutateAsync({ id: binding.id, staffId: v.staffId });
      setBinding(null);
      bindForm.resetFields();
    } catch (e) {
      showFormError(bindForm, e, message);
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" disabled={!org} onClick={() => setCreating(true)}>
          {t('breakfast.addMerchant')}
        </Button>
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<MerchantRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: t('breakfast.noMerchants') }}
        columns={[
          { title: t('breakfast.shop'), dataIndex: 'name' },
          { title: t('breakfast.address'), dataIndex: 'address', render: (a: string | null) => a ?? '—' },
          { title: t('members.org'), render: (_, r) => r.org.name },
          { title: t('breakfast.cashiers'), dataIndex: 'cashiers', width: 100 },
          {
            title: t('breakfast.programme'),
            render: (_, r) => (r.breakfastProgramme ? <Tag color="orange">{r.breakfastProgramme.name}</Tag> : '—'),
          },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Button
                size="small"
                type="link"
                onClick={() => {
                  setBinding(r);
                  setStaffQuery('');
                }}
              >
                {t('breakfast.bindCashier')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={`${t('breakfast.addMerchant')} · ${org?.name ?? ''}`}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)}>
          <Form.Item name="name" label={t('breakfast.shop')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="address" label={t('breakfast.address')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={binding !== null}
        title={`${t('breakfast.bindCashier')} · ${binding?.name ?? ''}`}
        onCancel={() => setBinding(null)}
        onOk={() => bindForm.submit()}
        destroyOnHidden
      >
        <Form form={bindForm} layout="vertical" onFinish={(v) => void bind(v)}>
          <Form.Item
            name="staffId"
            label={t('breakfast.cashier')}
            rules={[{ required: true }]}
            extra={t('breakfast.cashierHint')}
          >
            <FormSelect
              showSearch
              filterOption={false}
              onSearch={setStaffQuery}
              options={staffOptions.map((s) => ({
                value: s.id,
                label: s.displayName ? `${s.displayName}（${s.username}）` : s.username,
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 爱心早餐: the workers a union enrols, its partner shops, and the shops of the subtree. */
export function BreakfastPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [org, setOrg] = useState<OrgRef | null>(me?.org ?? null);
  return (
    <Card title={t('breakfast.title')} extra={<OrgPicker value={org} onChange={setOrg} />}>
      <Tabs
        items={[
          { key: 'enrolments', label: t('breakfast.enrolments'), children: <EnrolmentsTab org={org} /> },
          { key: 'partners', label: t('breakfast.partners'), children: <PartnersTab org={org} /> },
          { key: 'merchants', label: t('breakfast.merchants'), children: <MerchantsTab org={org} /> },
        ]}
      />
    </Card>
  );
}
