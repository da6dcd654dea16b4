import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { exportScores, points, useIndicators, useScores, type ScoreRow } from './scoring.queries';

/**
 * 履职积分排行榜: the term's representatives ranked by total points (equal totals share a rank), with a column per
 * indicator under its first-level group and that group's subtotal, bonus, penalty and total; filtered by
 * delegation (the ranks stay the term's), exported to Excel with the same filter. An archived term shows the
 * board frozen at the archive.
 */
export function ScoresTab({ congressId }: { congressId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [delegation, setDelegation] = useState<string | undefined>();
  const [exporting, setExporting] = useState(false);
  const model = useIndicators(congressId);
  const board = useScores(congressId, delegation);

  const figure = (row: ScoreRow, code: string) => row.indicators.find((i) => i.code === code);
  const columns: ColumnsType<ScoreRow> = [
    { title: t('scores.rank'), dataIndex: 'rank', width: 64, fixed: 'left' },
    {
      title: t('scores.name'),
      fixed: 'left',
      width: 120,
      render: (_, r) => <span data-testid="score-name">{r.member.name}</span>,
    },
    { title: t('scores.union'), render: (_, r) => r.org.name, width: 180 },
    { title: t('scores.delegation'), dataIndex: 'delegation', width: 110, render: (d: string | null) => d ?? '—' },
    ...(model.data?.groups ?? []).map((g) => ({
      title: g.name,
      children: [
        ...g.indicators.map((i) => ({
          title: (
            <Space size={2} direction="vertical">
              {i.name}
              {i.automatic && <Typography.Text type="secondary">{t('scoring.automatic')}</Typography.Text>}
            </Space>
          ),
          key: i.code,
          width: 100,
          align: 'right' as const,
          render: (_: unknown, r: ScoreRow) => {
            const f = figure(r, i.code);
            return f ? <span title={t('scores.records', { count: f.count })}>{points(f.points)}</span> : '—';
          },
        })),
        {
          title: t('scores.subtotal'),
          key: `subtotal-${g.key}`,
          width: 90,
          align: 'right' as const,
          render: (_: unknown, r: ScoreRow) => (
            <strong>{points(r.groups.find((x) => x.key === g.key)?.points ?? 0)}</strong>
          ),
        },
      ],
    })),
    { title: t('scores.bonus'), dataIndex: 'bonus', width: 70, align: 'right', render: (n: number) => points(n) },
    {
      title: t('scores.penalty'),
      dataIndex: 'penalty',
      width: 70,
      align: 'right',
      render: (n: number) => (n > 0 ? `−${points(n)}` : '0'),
    },
    {
      title: t('scores.total'),
      dataIndex: 'total',
      width: 80,
      align: 'right',
      fixed: 'right',
      render: (n: number) => <strong data-testid="score-total">{points(n)}</strong>,
    },
  ];

  async function download() {
    setExporting(true);
    try {
      await exportScores(congressId, delegation);
    } catch (e) {
      void message.error(describeError(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <QueryError error={board.error ?? model.error} onRetry={board.reload} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          value={delegation}
          onChange={(v?: string) => setDelegation(v)}
          placeholder={t('scores.allDelegations')}
          aria-label={t('scores.delegation')}
          style={{ width: 180 }}
          options={board.delegations.map((d) => ({ value: d, label: d }))}
          data-testid="score-delegation"
        />
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void download()}
          data-testid="score-export"
        >
          {t('scores.export')}
        </Button>
      </Space>
      {board.frozen && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('scores.frozen', { at: board.frozenAt?.slice(0, 10) ?? '' })}
        />
      )}
      <Table<ScoreRow>
        rowKey="representativeId"
        size="small"
        bordered
        loading={board.loading}
        dataSource={board.items}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('scores.none') }}
        data-testid="score-table"
        title={() => (
          <Space>
            {t('scores.ranked', { count: board.total })}
            {board.frozen && <Tag>{t('scores.archived')}</Tag>}
          </Space>
        )}
      />
      <LoadMore list={board} />
    </>
  );
}
