import { App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Progress, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useCampaigns, useCreateCampaign, type Campaign } from './queries';
import { MerchantPicker } from './MerchantPicker';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

/** Voucher campaigns of the subtree, with the stock left refreshed every few seconds while open. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const campaigns = useCampaigns();
  const items = campaigns.data ?? [];
  const creation = useCreateCampaign();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();

  async function create(v: {
    title: string;
    org?: OrgRef | null;
    merchantId?: string;
    quantity: number;
    perMemberLimit: number;
    window: [Dayjs, Dayjs];
    faceValueYuan?: number;
  }) {
    try {
      await creation.mutateAsync({
        ...(v.org ? { orgId: v.org.id } : {}),
        ...(v.merchantId ? { merchantId: v.merchantId } : {}),
        title: v.title,
        quantity: v.quantity,
        perMemberLimit: v.perMemberLimit,
        startsAt: v.window[0].toISOString(),
        endsAt: v.window[1].toISOString(),
        ...(v.faceValueYuan !== undefined ? { faceValueFen: Math.round(v.faceValueYuan * 100) } : {}),
      });
      setCreating(false);
      form.resetFields();
    } catch (e) {
      // The form names the window and the face value its own way.
      showFormError(form, e, message, {
        startsAt: 'window',
        endsAt: 'window',
        faceValueFen: 'faceValueYuan',
        orgId: 'org',
      });
    }
  }

  return (
    <Card
      title={t('nav.perks')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('perks.add')}
        </Button>
      }
    >
      <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      <Table<Campaign>
        rowKey="id"
        dataSource={items}
        pagination={false}
        columns={[
          { title: t('perks.title'), dataIndex: 'title' },
          { title: t('perks.merchant'), render: (_, c) => c.merchant?.name ?? '—' },
          { title: t('perks.window'), render: (_, c) => `${when(c.startsAt)} – ${when(c.endsAt)}` },
          { title: t('perks.limit'), dataIndex: 'perMemberLimit', width: 90 },
          {
            title: t('perks.stock'),
            width: 220,
            render: (_, c) => (
              <span data-testid="stock">
                <Progress
                  aria-label={t('a11y.remaining')}
                  percent={Math.round(((c.quantity - c.remaining) / c.quantity) * 100)}
                  size="small"
                />{' '}
                {c.remaining} / {c.quantity}
              </span>
            ),
          },
          {
            title: t('perks.status'),
            width: 90,
            render: (_, c) => (c.open ? <Tag color="green">{t('perks.open')}</Tag> : <Tag>{t('perks.closed')}</Tag>),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('perks.add')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} initialValues={{ perMemberLimit: 1 }}>
          <Form.Item name="title" label={t('perks.title')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="org" label={t('perks.forOrg')} extra={t('perks.forOrgHint')}>
            <OrgPicker />
          </Form.Item>
          <Form.Item name="merchantId" label={t('perks.merchant')} extra={t('perks.merchantHint')}>
            <MerchantPicker allowClear />
          </Form.Item>
          <Form.Item name="quantity" label={t('perks.quantity')} rules={[{ required: true }]}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="perMemberLimit" label={t('perks.limit')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="window" label={t('perks.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="faceValueYuan" label={t('perks.faceValue')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
