import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import {
  donorKinds,
  useCreateDonor,
  useDonor,
  useDonors,
  useUpdateDonor,
  type Donor,
  type DonorDetail,
  type DonorKind,
} from './aid.queries';
import { yuan } from './format';
import { HardshipNav } from './nav';

interface DonorForm {
  org?: OrgRef | null;
  name: string;
  kind: DonorKind;
  contactName?: string;
  contactPhone?: string;
  note?: string;
}

/** The add or edit form; `donor` set: editing it (its union stays). */
function DonorModal({ donor, open, onClose }: { donor: DonorDetail | null; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const create = useCreateDonor();
  const update = useUpdateDonor(donor?.id ?? '');
  const [form] = Form.useForm<DonorForm>();

  async function save(v: DonorForm) {
    const text = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
    try {
      if (donor)
        await update.mutateAsync({
          name: v.name,
          kind: v.kind,
          contactName: text(v.contactName) ?? null,
          contactPhone: text(v.contactPhone) ?? null,
          note: text(v.note) ?? null,
        });
      else
        await create.mutateAsync({
          orgId: v.org!.id,
          name: v.name,
          kind: v.kind,
          ...(text(v.contactName) ? { contactName: text(v.contactName) } : {}),
          ...(text(v.contactPhone) ? { contactPhone: text(v.contactPhone) } : {}),
          ...(text(v.note) ? { note: text(v.note) } : {}),
        });
      void message.success(t('hardshipAid.donors.saved'));
      onClose();
    } catch (e) {
      showFormError(form, e, message, { orgId: 'org' });
    }
  }

  return (
    <Modal
      open={open}
      title={donor ? t('hardshipAid.donors.edit') : t('hardshipAid.donors.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending || update.isPending, 'data-testid': 'donor-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          donor
            ? {
                name: donor.name,
                kind: donor.kind,
                contactName: donor.contactName ?? undefined,
                contactPhone: donor.contactPhone ?? undefined,
                note: donor.note ?? undefined,
              }
            : { org: me?.org ?? null, kind: 'enterprise' }
        }
        onFinish={(v) => void save(v)}
      >
        {!donor && (
          <Form.Item name="org" label={t('hardshipAid.donors.org')} rules={[{ required: true }]}>
            <OrgPicker />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('hardshipAid.donors.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="donor-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('hardshipAid.donors.kind')} rules={[{ required: true }]}>
          <Select options={donorKinds.map((k) => ({ value: k, label: t(`donorKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="contactName" label={t('hardshipAid.donors.contactName')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('hardshipAid.donors.contactPhone')} rules={[{ max: 20 }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="note" label={t('hardshipAid.donors.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One donor: its details and every gift recorded with it (households masked), with the edit form. */
function DonorDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const { data: d, error, refetch } = useDonor(id);
  const [editing, setEditing] = useState(false);
  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={d?.name ?? ''} destroyOnHidden>
      <QueryError error={error} onRetry={() => void refetch()} />
      {d && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('hardshipAid.donors.kind')}>{t(`donorKind.${d.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('hardshipAid.donors.org')}>{d.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('hardshipAid.donors.contactName')}>{d.contactName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hardshipAid.donors.contactPhone')}>{d.contactPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hardshipAid.donors.count')}>{d.gave.count}</Descriptions.Item>
            <Descriptions.Item label={t('hardshipAid.donors.total')}>
              <span data-testid="donor-total">{yuan(d.gave.totalFen)}</span>
            </Descriptions.Item>
            {d.note && (
              <Descriptions.Item label={t('hardshipAid.donors.note')} span={2}>
                {d.note}
              </Descriptions.Item>
            )}
          </Descriptions>
          {d.mayEdit && (
            <Button onClick={() => setEditing(true)} data-testid="donor-edit">
              {t('hardshipAid.donors.edit')}
            </Button>
          )}
          <Typography.Title level={5}>{t('hardshipAid.donors.gifts')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.gifts}
            locale={{ emptyText: t('hardshipAid.donors.noGifts') }}
            columns={[
              { title: t('hardshipAid.aid.givenOn'), dataIndex: 'givenOn', width: 110 },
              {
                title: t('hardshipAid.donors.head'),
                render: (_, g) => <Link to={`/hardship/households/${g.householdId}`}>{g.head}</Link>,
              },
              { title: t('hardshipAid.donors.householdOrg'), dataIndex: 'householdOrg' },
              { title: t('hardshipAid.aid.kind'), render: (_, g) => <Tag>{t(`aidKind.${g.kind}`)}</Tag> },
              { title: t('hardshipAid.aid.description'), dataIndex: 'description' },
              { title: t('hardshipAid.aid.amount'), align: 'right', render: (_, g) => yuan(g.amountFen) },
            ]}
          />
        </Space>
      )}
      <DonorModal donor={d ?? null} open={editing} onClose={() => setEditing(false)} />
    </Drawer>
  );
}

/** 爱心联盟: the donor units of a union's subtree with what each gave; add, edit, export. */
export function DonorsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [q, setQ] = useState('');
  const filter = { orgId: org?.id, q: q || undefined };
  const list = useDonors(filter);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const mayAdd = can('runAssistance', me?.roles ?? []);
  return (
    <Card title={t('hardshipAid.donors.title')}>
      <HardshipNav />
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgPicker value={org ?? me?.org ?? null} onChange={setOrg} />
        <Input.Search allowClear placeholder={t('hardshipAid.donors.search')} onSearch={setQ} style={{ width: 220 }} />
        <Button
          onClick={() =>
            void api
              .download(`/api/v1/hardship/donors/export.xlsx${query(filter)}`, '爱心联盟单位.xlsx')
              .catch((e: unknown) => message.error(describeError(e)))
          }
          data-testid="donors-export"
        >
          {t('hardshipAid.donors.export')}
        </Button>
        <Button
          onClick={() =>
            void api
              .download(`/api/v1/hardship/aid/export.xlsx${query({ orgId: org?.id })}`, '帮扶台账.xlsx')
              .catch((e: unknown) => message.error(describeError(e)))
          }
          data-testid="aid-export"
        >
          {t('hardshipAid.aid.export')}
        </Button>
        {mayAdd && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="donor-add">
            {t('hardshipAid.donors.add')}
          </Button>
        )}
      </Space>
      <QueryError error={list.error} onRetry={() => void list.refetch()} />
      <Table<Donor>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="donors-table"
        locale={{ emptyText: t('hardshipAid.donors.none') }}
        onRow={(d) => ({ onClick: () => setOpen(d.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('hardshipAid.donors.name'), dataIndex: 'name' },
          { title: t('hardshipAid.donors.kind'), render: (_, d) => t(`donorKind.${d.kind}`) },
          { title: t('hardshipAid.donors.org'), render: (_, d) => d.org.name },
          { title: t('hardshipAid.donors.contactName'), render: (_, d) => d.contactName ?? '—' },
          { title: t('hardshipAid.donors.count'), align: 'right', render: (_, d) => d.gave.count },
          { title: t('hardshipAid.donors.total'), align: 'right', render: (_, d) => yuan(d.gave.totalFen) },
          { title: t('hardshipAid.donors.lastGivenOn'), render: (_, d) => d.gave.lastGivenOn ?? '—' },
        ]}
      />
      <DonorModal donor={null} open={adding} onClose={() => setAdding(false)} />
      <DonorDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
