import { App as AntApp, Button, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { ProposalDrawer } from './ProposalDrawer';
import { proposalStatusColour, when } from './proposals.format';
import {
  proposalCategories,
  proposalStatuses,
  useProposals,
  type ProposalCategory,
  type ProposalFilter,
  type ProposalRow,
  type ProposalStatus,
} from './proposals.queries';

/**
 * The proposals queue (提案台账): filters by state, category, overdue, handling body and title, the Excel ledger with
 * the same filters, and a row opening the proposal in a drawer. Filters, the handling body's name and the open
 * proposal live in the address (`p.*` keys), so a reload or a link keeps them beside a page's own (?tab=).
 * `congressId`: one congress's proposals; `overdueOnly`: the supervision (督办) list.
 */
export function ProposalQueue({ congressId, overdueOnly = false }: { congressId?: string; overdueOnly?: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const status = (params.get('p.status') as ProposalStatus | 'open' | null) ?? undefined;
  const category = (params.get('p.category') as ProposalCategory | null) ?? undefined;
  const overdue = overdueOnly || params.get('p.overdue') === 'true';
  const handlerId = params.get('p.handler');
  const handler: OrgRef | null = handlerId ? { id: handlerId, name: params.get('p.handlerName') ?? '' } : null;
  const q = params.get('p.q') ?? undefined;
  const open = params.get('proposal');
  const filter: ProposalFilter = {
    congressId,
    status,
    category,
    overdue: overdue ? 'true' : undefined,
    handlerOrgId: handler?.id,
    q,
  };
  const list = useProposals(filter);

  function set(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('proposals.allStatuses')}
          aria-label={t('proposals.status')}
          value={status}
          onChange={(s: string | undefined) => set({ 'p.status': s ?? null })}
          options={['open', ...proposalStatuses].map((s) => ({
            value: s,
            label: s === 'open' ? t('proposals.openStatuses') : t(`proposalStatus.${s}`),
          }))}
          data-testid="status-filter"
        />
        <Select
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('proposals.allCategories')}
          aria-label={t('proposals.category')}
          value={category}
          onChange={(c: string | undefined) => set({ 'p.category': c ?? null })}
          options={proposalCategories.map((c) => ({ value: c, label: t(`proposalCategory.${c}`) }))}
          data-testid="category-filter"
        />
        <OrgPicker
          value={handler}
          onChange={(o) => set({ 'p.handler': o?.id ?? null, 'p.handlerName': o?.name ?? null })}
          style={{ minWidth: 200 }}
        />
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('proposals.searchTitle')}
          aria-label={t('proposals.searchTitle')}
          onSearch={(v) => set({ 'p.q': v.trim() || null })}
          style={{ width: 200 }}
          data-testid="proposal-search"
        />
        {!overdueOnly && (
          <span>
            <Switch
              checked={overdue}
              onChange={(on) => set({ 'p.overdue': on ? 'true' : null })}
              aria-label={t('proposals.onlyOverdue')}
              data-testid="overdue-filter"
            />{' '}
            {t('proposals.onlyOverdue')}
          </span>
        )}
        <Button
          data-testid="export-proposals"
          onClick={() =>
            void api
              .download(`/api/v1/proposals/export.xlsx${query({ ...filter })}`, '提案台账.xlsx')
              .catch((e: unknown) => message.error(describeError(e)))
          }
        >
          {t('proposals.export')}
        </Button>
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<ProposalRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: overdueOnly ? t('proposals.noneOverdue') : t('proposals.none') }}
        data-testid="proposals-table"
        onRow={(p) => ({ onClick: () => set({ proposal: p.id }), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('proposals.submittedAt'), render: (_, p) => when(p.createdAt), width: 170 },
          { title: t('proposals.titleColumn'), dataIndex: 'title' },
          { title: t('proposals.proposer'), render: (_, p) => p.proposer.name, width: 100 },
          { title: t('proposals.category'), render: (_, p) => t(`proposalCategory.${p.category}`), width: 150 },
          ...(congressId
            ? []
            : [{ title: t('proposals.congress'), render: (_: unknown, p: ProposalRow) => p.congress.name }]),
          { title: t('proposals.handler'), render: (_, p) => p.handlerOrg?.name ?? '—', width: 170 },
          {
            title: t('proposals.dueOn'),
            width: 170,
            render: (_, p) => (
              <Space size={4}>
                <span>{p.dueOn ?? '—'}</span>
                {p.overdue && (
                  <Tag color="red" data-testid="row-overdue">
                    {t('proposals.overdueTag')}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('proposals.status'),
            width: 130,
            render: (_, p) => (
              <Tag color={proposalStatusColour[p.status]} data-testid="row-status">
                {t(`proposalStatus.${p.status}`)}
              </Tag>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      <ProposalDrawer id={open} onClose={() => set({ proposal: null })} />
    </>
  );
}
