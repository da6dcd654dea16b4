import { Card, Col, Row, Space, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../QueryError';
import { proposalStatusColour } from './proposals.format';
import { proposalStatuses, useProposalStats } from './proposals.queries';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/** 提案统计: a congress's proposals in figures — how many, closure rate (办结率), overdue, ratings — and per state. */
export function ProposalStats({ congressId }: { congressId: string }) {
  const { t } = useTranslation();
  const { data: s, error, refetch } = useProposalStats(congressId);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!s) return <Card loading size="small" />;
  const cards = [
    { key: 'total', value: s.total },
    { key: 'accepted', value: s.accepted },
    { key: 'answered', value: s.answered },
    { key: 'closed', value: s.closed },
    { key: 'closureRate', value: percent(s.closureRate) },
    { key: 'overdue', value: s.overdue, danger: s.overdue > 0 },
    { key: 'averageRating', value: s.averageRating === null ? '—' : s.averageRating.toFixed(1) },
    { key: 'satisfiedShare', value: percent(s.satisfiedShare) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="proposal-stats">
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} xs={12} sm={8} lg={6} xl={3}>
            <Card size="small" data-testid={`stat-${c.key}`}>
              <Statistic
                title={t(`proposalStats.${c.key}`)}
                value={c.value}
                valueStyle={c.danger ? { color: '#cf1322' } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Space wrap size={[4, 4]} data-testid="stats-by-status">
        {proposalStatuses.map((st) => {
          const n = s.byStatus[st] ?? 0;
          return (
            <Tag key={st} color={n > 0 ? proposalStatusColour[st] : undefined} data-testid={`stat-status-${st}`}>
              {t(`proposalStatus.${st}`)} {n}
            </Tag>
          );
        })}
      </Space>
    </Space>
  );
}
