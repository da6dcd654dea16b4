import { App as AntApp, Alert, Button, Empty, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, describeError } from '../../../../shared/api';
import { ConflictAlert } from './ApplicationDrawer';
import { when, yuan } from './format';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { useBatches, useCreateDisbursement, type Programme } from './queries';

/** Disbursement 发放: a batch of the approved, unpaid applications (failed payments issued again), then its page. */
export function DisbursementTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const creation = useCreateDisbursement(programme.id);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const batches = useBatches(programme.id);

  async function create() {
    try {
      const batch = await creation.mutateAsync();
      navigate(`/programmes/${programme.id}/batches/${batch.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(e);
      else void message.error(describeError(e));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" loading={creation.isPending} onClick={() => void create()} data-testid="create-batch">
          {t('disbursement.create')}
        </Button>
        <Typography.Text type="secondary">{t('disbursement.createHint')}</Typography.Text>
      </Space>
      <ConflictAlert error={conflict} onClose={() => setConflict(null)} />
      {conflict?.code === 'NOTHING_TO_DISBURSE' && (
        <Alert type="info" showIcon message={t('programmeConflict.NOTHING_TO_DISBURSE')} />
      )}
      <Typography.Title level={5}>{t('disbursement.batches')}</Typography.Title>
      {batches.error ? (
        <QueryError error={batches.error} onRetry={batches.reload} />
      ) : batches.items.length === 0 && !batches.loading ? (
        <Empty description={t('disbursement.noBatches')} />
      ) : (
        <List
          bordered
          loading={batches.loading && batches.items.length === 0}
          dataSource={batches.items}
          renderItem={(b) => (
            <List.Item>
              <a
                href={`/console/programmes/${programme.id}/batches/${b.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/programmes/${programme.id}/batches/${b.id}`);
                }}
              >
                {when(b.createdAt)}
              </a>
              <span>
                {t('disbursement.count')} {b.count} · {t('disbursement.total')} {yuan(b.totalFen)} ·{' '}
                {t('disbursement.paymentStatus.paid')} {b.byStatus.paid.count} ·{' '}
                {t('disbursement.paymentStatus.pending')} {b.byStatus.pending.count} ·{' '}
                {t('disbursement.paymentStatus.failed')} {b.byStatus.failed.count}
              </span>
            </List.Item>
          )}
        />
      )}
      <LoadMore list={batches} />
    </Space>
  );
}
