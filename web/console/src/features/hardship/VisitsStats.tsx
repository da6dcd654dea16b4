import { Button, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgRef } from '../../api';
import { QueryError } from '../../QueryError';
import { useVisitStats, visitSubjects, type VisitStats } from './visits.queries';

type Counts = VisitStats['total'];
type Row = { key: string; name: string; counts: Counts; org?: OrgRef; hasChildren?: boolean; strong?: boolean };

/**
 * The cockpit's counts (走访统计): per child union of the chosen union (each with its subtree), the union's own and
 * the total; a union with unions below it opens to its own children.
 */
export function VisitsStats({ org, from, to }: { org: OrgRef | null; from?: string; to?: string }) {
  const { t } = useTranslation();
  // Drilling down from the page's union: the trail of unions opened, the last one shown.
  const [trail, setTrail] = useState<OrgRef[]>([]);
  const [base, setBase] = useState(org?.id);
  if (base !== org?.id) {
    setBase(org?.id);
    setTrail([]);
  }
  const current = trail[trail.length - 1] ?? org;
  const stats = useVisitStats({ orgId: current?.id, from, to });
  const s = stats.data;
  const rows: Row[] = s
    ? [
        ...s.children.map((c) => ({
          key: c.id,
          name: c.name,
          counts: c.counts,
          org: { id: c.id, name: c.name },
          hasChildren: c.hasChildren,
        })),
        { key: 'own', name: `${s.org.name}（${t('hardshipVisits.own')}）`, counts: s.own },
        { key: 'total', name: t('hardshipVisits.total'), counts: s.total, strong: true },
      ]
    : [];
  const bold = (r: Row, n: number) => (r.strong ? <strong>{n}</strong> : n);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      {trail.length > 0 && (
        <Button size="small" onClick={() => setTrail(trail.slice(0, -1))}>
          {t('hardshipVisits.up')}
        </Button>
      )}
      <Table<Row>
        rowKey="key"
        size="small"
        loading={stats.isFetching}
        dataSource={rows}
        pagination={false}
        data-testid="visit-stats"
        columns={[
          {
            title: t('hardshipVisits.union'),
            render: (_, r) =>
              r.org && r.hasChildren ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => setTrail([...trail, r.org!])}>
                  {r.name}
                </Button>
              ) : r.strong ? (
                <strong>{r.name}</strong>
              ) : (
                r.name
              ),
          },
          { title: t('hardshipVisits.visits'), align: 'right', render: (_, r) => bold(r, r.counts.visits) },
          ...visitSubjects.map((subject) => ({
            title: t(`hardshipVisits.subjectLabel.${subject}`),
            align: 'right' as const,
            render: (_: unknown, r: Row) => bold(r, r.counts.bySubject[subject]),
          })),
          {
            title: t('hardshipVisits.peopleReached'),
            align: 'right',
            render: (_, r) => bold(r, r.counts.peopleReached),
          },
          {
            title: t('hardshipVisits.followUpOpen'),
            align: 'right',
            render: (_, r) => bold(r, r.counts.followUpsOpen),
          },
        ]}
      />
    </Space>
  );
}
