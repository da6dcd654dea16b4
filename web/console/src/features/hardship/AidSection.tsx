import {
  App as AntApp,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { aidKinds, useAid, useDonors, useRecordAid, type Aid, type AidKind } from './aid.queries';
import { toFen, when, yuan } from './format';
import type { Household } from './queries';

interface AidForm {
  kind: AidKind;
  amountYuan?: number;
  description: string;
  givenOn: Dayjs;
  donorId?: string;
}

/** Today in Asia/Shanghai, whatever the browser's time zone: the server's day, and the latest a help may be dated. */
const shanghaiToday = () => dayjs(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));

/** Households in assistance take help; a lead not verified, a rejected or closed file does not (the server says so). */
const assisted = ['verified', 'archived', 'case_by_case'];

/**
 * 帮扶记录 on the household's page: every help given (kind, what, amount, giver, date) with the total, and for an
 * officer the form recording one — the union itself or a donor unit of the household's union or above it as giver.
 * Each entry is sent with its own Idempotency-Key, so a retry after a lost answer records it once.
 */
export function AidSection({ household }: { household: Pick<Household, 'id' | 'status'> }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const { data, error, refetch } = useAid(household.id);
  const record = useRecordAid(household.id);
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const donors = useDonors({ householdId: household.id }, open);
  const [form] = Form.useForm<AidForm>();
  const kind = Form.useWatch('kind', form);
  const mayRecord = can('runAssistance', me?.roles ?? []) && assisted.includes(household.status);

  async function save(v: AidForm) {
    try {
      await record.mutateAsync({
        key,
        body: {
          kind: v.kind,
          description: v.description,
          givenOn: v.givenOn.format('YYYY-MM-DD'),
          ...(v.amountYuan !== undefined && v.amountYuan !== null ? { amountFen: toFen(v.amountYuan) } : {}),
          ...(v.donorId ? { donorId: v.donorId } : {}),
        },
      });
      void message.success(t('hardshipAid.aid.saved'));
      setOpen(false);
      setKey(crypto.randomUUID());
    } catch (e) {
      showFormError(form, e, message, { amountFen: 'amountYuan' });
    }
  }

  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="aid-section">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text data-testid="aid-total">
          {t('hardshipAid.aid.total', { count: data.count, total: yuan(data.totalFen) })}
        </Typography.Text>
        {mayRecord && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="aid-record">
            {t('hardshipAid.aid.record')}
          </Button>
        )}
      </Space>
      <Table<Aid>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data.items}
        data-testid="aid-table"
        locale={{ emptyText: t('hardshipAid.aid.none') }}
        columns={[
          { title: t('hardshipAid.aid.givenOn'), dataIndex: 'givenOn', width: 110 },
          { title: t('hardshipAid.aid.kind'), render: (_, a) => <Tag>{t(`aidKind.${a.kind}`)}</Tag> },
          {
            title: t('hardshipAid.aid.description'),
            render: (_, a) => (
              <Space direction="vertical" size={0}>
                <span>{a.description}</span>
                {a.campaign && (
                  <Typography.Text type="secondary">
                    {t('hardshipAid.aid.campaign', { title: a.campaign.title })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('hardshipAid.aid.amount'), align: 'right', render: (_, a) => yuan(a.amountFen) },
          {
            title: t('hardshipAid.aid.giver'),
            render: (_, a) => (
              <Space size={4}>
                <Tag color={a.giver.kind === 'donor' ? 'magenta' : 'blue'}>
                  {a.giver.kind === 'donor' ? t('hardshipAid.aid.donor') : t('hardshipAid.aid.union')}
                </Tag>
                {a.giver.name}
              </Space>
            ),
          },
          {
            title: t('hardshipAid.aid.recordedBy'),
            render: (_, a) => (
              <Typography.Text type="secondary">
                {a.recordedBy.username} · {when(a.createdAt)}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('hardshipAid.aid.record')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: record.isPending, 'data-testid': 'aid-save' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'cash', givenOn: shanghaiToday() }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="kind" label={t('hardshipAid.aid.kind')} rules={[{ required: true }]}>
            <Select data-testid="aid-kind" options={aidKinds.map((k) => ({ value: k, label: t(`aidKind.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="amountYuan"
            label={t('hardshipAid.aid.amount')}
            extra={t('hardshipAid.aid.amountHint')}
            rules={[{ required: kind === 'cash' }]}
          >
            <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: 200 }} data-testid="aid-amount" />
          </Form.Item>
          <Form.Item name="description" label={t('hardshipAid.aid.description')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={2} data-testid="aid-description" />
          </Form.Item>
          <Form.Item name="givenOn" label={t('hardshipAid.aid.givenOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')} data-testid="aid-given-on" />
          </Form.Item>
          <Form.Item name="donorId" label={t('hardshipAid.aid.giver')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={donors.isLoading}
              placeholder={t('hardshipAid.aid.donorPlaceholder')}
              data-testid="aid-donor"
              options={(donors.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.org.name}）` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
