import { Card, Select, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../QueryError';
import { ProposalQueue } from './ProposalQueue';
import { ProposalStats } from './ProposalStats';
import { useCongressOptions } from './proposals.queries';

/**
 * 提案: the committee's queue across the congress terms of the caller's subtree (and, for a handling body, the
 * proposals assigned to it), or one term's with its figures; a second tab is the supervision list (超期督办).
 */
export function ProposalsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const congresses = useCongressOptions();
  const congressId = params.get('congress') ?? undefined;
  const tab = params.get('tab') === 'overdue' ? 'overdue' : 'all';

  function set(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('nav.proposals')}
        extra={
          <Select
            allowClear
            style={{ minWidth: 280 }}
            placeholder={t('proposals.allCongresses')}
            aria-label={t('proposals.congress')}
            loading={congresses.isLoading}
            value={congressId}
            onChange={(id: string | undefined) => set({ congress: id ?? null, proposal: null })}
            options={(congresses.data ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.org.name}` }))}
            data-testid="congress-filter"
          />
        }
      >
        {/* Without the terms (a handling body's officer may see none) the queue still works. */}
        {congresses.error && <QueryError error={congresses.error} onRetry={() => void congresses.refetch()} />}
        {congressId && <ProposalStats congressId={congressId} />}
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => set({ tab: key === 'all' ? null : key, proposal: null })}
          destroyOnHidden
          items={[
            { key: 'all', label: t('proposals.tabAll'), children: <ProposalQueue congressId={congressId} /> },
            {
              key: 'overdue',
              label: <span data-testid="tab-overdue">{t('proposals.tabOverdue')}</span>,
              children: <ProposalQueue congressId={congressId} overdueOnly />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** `/proposals/{id}`, the link staff notices carry: the queue with that proposal open. */
export function ProposalLinkPage() {
  const { id = '' } = useParams();
  return <Navigate to={`/proposals?proposal=${encodeURIComponent(id)}`} replace />;
}
