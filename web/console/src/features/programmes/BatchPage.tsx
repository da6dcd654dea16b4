import { DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, describeError } from '../../../../shared/api';
import { api } from '../../api';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { ConflictAlert } from './ApplicationDrawer';
import { when, yuan } from './format';
import { LoadMore } from '../../LoadMore';
import { useBatchPayments, useCreateDisbursement, useDisbursement, useSettle, type Payment } from './queries';

const statusColour = { pending: 'blue', paid: 'green', failed: 'red' } as const;

/**
 * One disbursement batch 发放批次: its rows (payee masked; the whole account number is only in the bank file, whose
 * every download the server records), the bank's answer per row, and the failed rows issued again in a new batch.
 */
export function BatchPage() {
  const { t } = useTranslation();
  const { id: programmeId = '', batchId = '' } = useParams();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { data: batch, error, refetch } = useDisbursement(batchId);
  const payments = useBatchPayments(batchId);
  const settle = useSettle(batchId, programmeId);
  const reissue = useCreateDisbursement(programmeId);
  const [selected, setSelected] = useState<string[]>([]);
  const [failing, setFailing] = useState<string[] | null>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  async function record(ids: string[], status: 'paid' | 'failed', reason?: string) {
    try {
      await settle.mutateAsync(ids.map((paymentId) => ({ paymentId, status, ...(reason ? { reason } : {}) })));
      setSelected([]);
      setFailing(null);
      form.resetFields();
      void message.success(t('disbursement.recorded'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setFailing(null);
        setConflict(e);
      } else if (status === 'failed') showFormError(form, e, message, { 'items.reason': 'reason' });
      else void message.error(describeError(e));
    }
  }

  async function issueAgain() {
    try {
      const next = await reissue.mutateAsync();
      navigate(`/programmes/${programmeId}/batches/${next.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(e);
      else void message.error(describeError(e));
    }
  }

  function download() {
    api
      .download(`/api/v1/disbursements/${batchId}/bank-file.xlsx`, '代发明细.xlsx')
      .catch((e: unknown) => message.error(describeError(e)));
  }

  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!batch) return <Card loading />;
  // Counts from the server's totals: only the loaded pages are on screen, the batch may hold 100,000 rows.
  const pendingCount = batch.byStatus.pending.count;
  const failedCount = batch.byStatus.failed.count;
  const chosen = selected.filter((id) => payments.items.some((p) => p.id === id && p.status === 'pending'));
  return (
    <Card
      title={
        <Space>
          <Button onClick={() => navigate(`/programmes/${programmeId}?tab=disbursement`)}>{t('back')}</Button>
          {t('disbursement.batch')} · {when(batch.createdAt)}
        </Space>
      }
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            disabled={pendingCount === 0}
            onClick={download}
            title={t('disbursement.bankFileNote')}
            data-testid="bank-file"
          >
            {t('disbursement.bankFile')}
          </Button>
          <Button
            type="primary"
            disabled={chosen.length === 0}
            loading={settle.isPending}
            onClick={() => void record(chosen, 'paid')}
            data-testid="mark-paid"
          >
            {t('disbursement.markPaid')}
            {chosen.length > 0 ? ` (${chosen.length})` : ''}
          </Button>
          <Button danger disabled={chosen.length === 0} onClick={() => setFailing(chosen)} data-testid="mark-failed">
            {t('disbursement.markFailed')}
          </Button>
          {failedCount > 0 && (
            <Button loading={reissue.isPending} onClick={() => void issueAgain()} data-testid="reissue">
              {t('disbursement.reissue')} ({failedCount})
            </Button>
          )}
        </Space>
      }
    >
      <ConflictAlert error={conflict} onClose={() => setConflict(null)} />
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('disbursement.count')}>
          <span data-testid="batch-count">{batch.count}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('disbursement.total')}>
          <span data-testid="batch-total">{yuan(batch.totalFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('disbursement.createdAt')}>{when(batch.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('disbursement.bankFileNote')}</Typography.Paragraph>
      <Table<Payment>
        rowKey="id"
        dataSource={payments.items}
        loading={payments.loading}
        pagination={false}
        data-testid="payments-table"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (p) => ({ disabled: p.status !== 'pending', 'aria-label': p.member.name }) as object,
        }}
        columns={[
          { title: t('disbursement.payee'), render: (_, p) => p.member.name, width: 110 },
          { title: t('disbursement.bank'), render: (_, p) => p.payee.bank },
          {
            title: t('disbursement.account'),
            render: (_, p) => <span data-testid="payment-account">{p.payee.account}</span>,
            width: 130,
          },
          { title: t('benefitApps.amount'), render: (_, p) => yuan(p.amountFen), align: 'right', width: 130 },
          { title: t('disbursement.attempt'), dataIndex: 'attempt', width: 90 },
          {
            title: t('disbursement.status'),
            width: 100,
            render: (_, p) => (
              <Tag color={statusColour[p.status]} data-testid="payment-status">
                {t(`disbursement.paymentStatus.${p.status}`)}
              </Tag>
            ),
          },
          { title: t('disbursement.failureReason'), render: (_, p) => p.failureReason ?? '—' },
        ]}
      />
      <LoadMore list={payments} />
      <Modal
        open={failing !== null}
        title={t('disbursement.markFailed')}
        onCancel={() => setFailing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: settle.isPending }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void record(failing ?? [], 'failed', v.reason)}>
          <Form.Item name="reason" label={t('disbursement.failReason')} rules={[{ required: true, max: 500 }]}>
            <Input data-testid="fail-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
