import { App as AntApp, Button, Progress, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { QueryError } from '../../QueryError';
import { exportResults, ranked, resultsRefreshMs, usePollResults, type Poll } from './polls.queries';

/** The live results: entries by votes with their share, the total, the ballots voided on flags; Excel; the public page. */
export function PollResults({ poll }: { poll: Poll }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const results = usePollResults(poll.id, poll.open);
  const [exporting, setExporting] = useState(false);
  const data = results.data;
  const total = data?.totalVotes ?? 0;

  async function download() {
    setExporting(true);
    try {
      await exportResults(poll);
    } catch (e) {
      void message.error(describeError(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <QueryError error={results.error} onRetry={() => void results.refetch()} />
      <Space wrap size="large" style={{ marginBottom: 12 }}>
        <Statistic
          title={t('polls.totalVotes')}
          value={total}
          valueRender={(v) => <span data-testid="results-total">{v}</span>}
        />
        <Statistic title={t('polls.voidedVotes')} value={data?.voidedVotes ?? 0} />
        <Button onClick={() => void download()} loading={exporting} data-testid="export-results">
          {t('polls.export')}
        </Button>
        <a href={`/p/polls/${poll.id}/results`} target="_blank" rel="noreferrer" data-testid="public-results">
          {t('polls.publicPage')}
        </a>
        {poll.open && (
          <span style={{ color: 'rgba(0,0,0,0.65)' }}>{t('polls.refreshEvery', { s: resultsRefreshMs / 1000 })}</span>
        )}
      </Space>
      <Table
        rowKey="entryId"
        loading={!data && !results.error}
        dataSource={ranked(data?.items ?? [])}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="results-table"
        columns={[
          { title: t('polls.rank'), width: 80, dataIndex: 'rank' },
          { title: t('polls.entryTitle'), dataIndex: 'title' },
          { title: t('polls.votes'), dataIndex: 'votes', align: 'right', width: 120 },
          {
            title: t('polls.share'),
            width: 220,
            render: (_, r) => (
              <Progress
                percent={total > 0 ? Math.round((r.votes / total) * 1000) / 10 : 0}
                size="small"
                aria-label={t('polls.shareOf', { title: r.title })}
              />
            ),
          },
        ]}
      />
    </>
  );
}
