import { App as AntApp, Alert, Button, Empty, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, describeError } from '../../../../shared/api';
import { ConflictAlert } from './ApplicationDrawer';
import { when, yuan } from './format';
import { useCreateDisbursement, type Programme } from './queries';

interface BatchNote {
  id: string;
  createdAt: string;
  count: number;
  totalFen: number;
}

/**
 * The batches made from this browser, newest first. The API reads a batch by its id but lists none of a programme's
 * (GET /api/v1/programmes/{id}/disbursements does not exist yet), so the console keeps the ids it was given.
 */
const storageKey = (programmeId: string) => `su.console.batches.${programmeId}`;
export function rememberedBatches(programmeId: string): BatchNote[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(programmeId)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as BatchNote[]) : [];
  } catch {
    return [];
  }
}
function remember(programmeId: string, batch: BatchNote): void {
  const rest = rememberedBatches(programmeId).filter((b) => b.id !== batch.id);
  localStorage.setItem(storageKey(programmeId), JSON.stringify([batch, ...rest].slice(0, 50)));
}

/** Disbursement 发放: a batch of the approved, unpaid applications (failed payments issued again), then its page. */
export function DisbursementTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const creation = useCreateDisbursement(programme.id);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const batches = rememberedBatches(programme.id);

  async function create() {
    try {
      const batch = await creation.mutateAsync();
      remember(programme.id, {
        id: batch.id,
        createdAt: batch.createdAt,
        count: batch.count,
        totalFen: batch.totalFen,
      });
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
      {batches.length === 0 ? (
        <Empty description={t('disbursement.noBatches')} />
      ) : (
        <List
          bordered
          dataSource={batches}
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
                {t('disbursement.count')} {b.count} · {t('disbursement.total')} {yuan(b.totalFen)}
              </span>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
