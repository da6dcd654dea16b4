import { Alert, Card, Col, Row, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../QueryError';
import { yuan } from './format';
import { useReconciliation, type Programme } from './queries';

/** Reconciliation 对账: every approved application is paid, in a batch (pending or failed) or not yet batched. */
export function ReconciliationTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const r = useReconciliation(programme.id);
  if (r.error) return <QueryError error={r.error} onRetry={() => void r.refetch()} />;
  if (!r.data) return <Card loading />;
  const d = r.data;
  const balanced = d.approved === d.paid + d.pending + d.failed + d.unbatched;
  const figure = (key: 'approved' | 'paid' | 'pending' | 'failed' | 'unbatched', fen?: number) => (
    <Col xs={12} md={8} lg={4} key={key}>
      <Card size="small" data-testid={`recon-${key}`}>
        <Statistic
          title={t(`reconciliation.${key}`)}
          value={d[key]}
          valueStyle={key === 'failed' && d.failed > 0 ? { color: '#cf1322' } : undefined}
        />
        {fen !== undefined && <div data-testid={`recon-${key}-fen`}>{yuan(fen)}</div>}
      </Card>
    </Col>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        {figure('approved', d.approvedFen)}
        {figure('paid', d.paidFen)}
        {figure('pending')}
        {figure('failed')}
        {figure('unbatched')}
      </Row>
      <Alert
        type={balanced ? 'success' : 'error'}
        showIcon
        data-testid="recon-balance"
        message={balanced ? t('reconciliation.balanced') : t('reconciliation.unbalanced')}
        description={t('reconciliation.note')}
      />
    </Space>
  );
}
