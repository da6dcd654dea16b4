import { App as AntApp, Button, Card, Empty, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { describeError, query } from '../../../../shared/api';
import { regionLabel, useRegions } from '../../../../shared/regions';
import { api, type OrgRef } from '../../api';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { hardshipLevels, hardshipStatuses, day, levelColour, statusColour, when } from './format';
import { HardshipNav } from './nav';
import { useLeads, type HardshipLevel, type HardshipStatus, type LeadFilter, type LeadRow } from './queries';
import { HouseholdImport } from './HouseholdImport';
import { can } from '../../sections';

/** The filters live in the address (?orgId=&orgName=&status=…), so a reload, a link or the archives' figures keep them. */
function filterOf(params: URLSearchParams): LeadFilter {
  const status = params.get('status');
  const level = params.get('level');
  return {
    orgId: params.get('orgId') ?? undefined,
    status: hardshipStatuses.includes(status as HardshipStatus) ? (status as HardshipStatus) : undefined,
    level: hardshipLevels.includes(level as HardshipLevel) ? (level as HardshipLevel) : undefined,
    regionCode: params.get('regionCode') ?? undefined,
    q: params.get('q') ?? undefined,
    reviewDue: params.get('reviewDue') === 'true' || undefined,
    mine: params.get('mine') === 'true' || undefined,
  };
}

/** The leads queue 线索与档案: every household file of a union's subtree, filtered by the server. */
export function LeadsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const regions = useRegions();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  // No org in the address: the server's default, the caller's own union.
  const org: OrgRef | null = filter.orgId
    ? { id: filter.orgId, name: params.get('orgName') ?? filter.orgId }
    : (me?.org ?? null);
  const [region, setRegion] = useState(filter.regionCode ?? '');
  const list = useLeads(filter);

  function set(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes))
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    setParams(next, { replace: true });
  }

  const exportQuery = query({
    orgId: filter.orgId,
    status: filter.status,
    level: filter.level,
    regionCode: filter.regionCode,
    q: filter.q,
    reviewDue: filter.reviewDue ? 'true' : undefined,
    mine: filter.mine ? 'true' : undefined,
  });

  return (
    <Card
      title={t('hardship.leads')}
      extra={
        // 困难家庭批量导入: a survey's households into the union shown, as leads awaiting verification.
        org && can('runAssistance', me?.roles ?? []) ? <HouseholdImport org={org} /> : null
      }
    >
      <HardshipNav />
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgPicker value={org} onChange={(o) => set({ orgId: o?.id, orgName: o?.name })} />
        <Select<HardshipStatus | 'all'>
          value={filter.status ?? 'all'}
          onChange={(v) => set({ status: v === 'all' ? undefined : v })}
          style={{ width: 150 }}
          aria-label={t('hardship.status')}
          options={[
            { value: 'all', label: t('hardshipStatus.all') },
            ...hardshipStatuses.map((s) => ({ value: s, label: t(`hardshipStatus.${s}`) })),
          ]}
          data-testid="filter-status"
        />
        <Select<HardshipLevel | 'all'>
          value={filter.level ?? 'all'}
          onChange={(v) => set({ level: v === 'all' ? undefined : v })}
          style={{ width: 130 }}
          aria-label={t('hardship.level')}
          options={[
            { value: 'all', label: t('hardshipLevel.all') },
            ...hardshipLevels.map((l) => ({ value: l, label: t(`hardshipLevel.${l}`) })),
          ]}
          data-testid="filter-level"
        />
        <Input
          value={region}
          onChange={(e) => setRegion(e.target.value.replace(/\D/g, '').slice(0, 6))}
          onBlur={() => set({ regionCode: region.length >= 2 ? region : undefined })}
          onPressEnter={() => set({ regionCode: region.length >= 2 ? region : undefined })}
          placeholder={t('hardship.regionPrefix')}
          aria-label={t('hardship.regionPrefix')}
          style={{ width: 220 }}
          inputMode="numeric"
          data-testid="filter-region"
        />
        <Input.Search
          defaultValue={filter.q}
          allowClear
          placeholder={t('hardship.search')}
          aria-label={t('hardship.search')}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 260 }}
          data-testid="filter-q"
        />
        <span>
          <Switch
            checked={filter.reviewDue ?? false}
            onChange={(v) => set({ reviewDue: v ? 'true' : undefined })}
            aria-label={t('hardship.reviewDue')}
            data-testid="filter-review-due"
          />{' '}
          {t('hardship.reviewDue')}
        </span>
        <span>
          <Switch
            checked={filter.mine ?? false}
            onChange={(v) => set({ mine: v ? 'true' : undefined })}
            aria-label={t('hardship.mine')}
          />{' '}
          {t('hardship.mine')}
        </span>
        <Button
          data-testid="export-leads"
          onClick={() =>
            void api
              .download(`/api/v1/hardship/leads/export.xlsx${exportQuery}`, t('hardship.exportFile'))
              .catch((e: unknown) => message.error(describeError(e)))
          }
        >
          {t('hardship.export')}
        </Button>
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<LeadRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: <Empty description={t('hardship.emptyLeads')} /> }}
        onRow={(lead) => ({
          onClick: () => navigate(`/hardship/households/${lead.id}`),
          style: { cursor: 'pointer' },
        })}
        data-testid="leads-table"
        columns={[
          {
            title: t('hardship.headName'),
            render: (_, lead) => (
              <Space direction="vertical" size={0}>
                <Typography.Link data-testid="lead-head">{lead.household.headName}</Typography.Link>
                <Typography.Text type="secondary">{lead.household.idNumberMasked}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('hardship.regionName'),
            render: (_, lead) => (
              <Space direction="vertical" size={0}>
                <span>{regionLabel(regions, lead.household.regionCode)}</span>
                <Typography.Text type="secondary">{lead.org.name}</Typography.Text>
              </Space>
            ),
          },
          { title: t('hardship.size'), render: (_, lead) => lead.household.size, width: 90 },
          {
            title: t('hardship.channel'),
            render: (_, lead) => t(`hardshipChannel.${lead.channel}`),
            width: 100,
          },
          {
            title: t('hardship.status'),
            width: 220,
            render: (_, lead) => (
              <Space wrap size={4}>
                <Tag color={statusColour[lead.status]} data-testid="lead-status">
                  {t(`hardshipStatus.${lead.status}`)}
                </Tag>
                {lead.level && <Tag color={levelColour[lead.level]}>{t(`hardshipLevel.${lead.level}`)}</Tag>}
                {lead.verificationOverdue && <Tag color="red">{t('hardship.verificationOverdue')}</Tag>}
                {lead.reviewOverdue && <Tag color="red">{t('hardship.reviewOverdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('hardship.filedAt'), render: (_, lead) => when(lead.filedAt), width: 170 },
          { title: t('hardship.reviewDueAt'), render: (_, lead) => day(lead.reviewDueAt), width: 110 },
        ]}
      />
      <LoadMore list={list} />
    </Card>
  );
}
