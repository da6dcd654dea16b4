import { Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { regionLabel, useRegions } from '../../../../shared/regions';
import { type OrgRef } from '../../api';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { day, hardshipLevels, levelColour } from './format';
import { HardshipNav } from './nav';
import { useLeads, useStats, type HardshipStats, type LeadFilter, type LeadRow } from './queries';

/** The queue filtered as a figure counts: the figure's link. */
function queueLink(org: OrgRef | null, filter: Omit<LeadFilter, 'orgId'>): string {
  const params = new URLSearchParams();
  if (org) {
    params.set('orgId', org.id);
    params.set('orgName', org.name);
  }
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) params.set(key, String(value));
  return `/hardship/leads?${params.toString()}`;
}

type ChildRow = HardshipStats['byChildOrg'][number];

/**
 * 建档统计: a union subtree's archives by level and by the unions directly below it, the reviews due (动态管理) and
 * the leads waiting; each figure opens the queue filtered to what it counts.
 */
export function ArchivesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const regions = useRegions();
  const [org, setOrg] = useState<OrgRef | null>(me?.org ?? null);
  const stats = useStats(org?.id);
  const s = stats.data;
  const scope = s?.org ?? org;
  const due = useLeads({ orgId: org?.id, status: 'archived', reviewDue: true });
  const archived = s ? hardshipLevels.reduce((sum, l) => sum + s.byLevel[l], 0) : 0;
  // The union's own households (its area's files not under any union below it), then each union below.
  const byOrg: ChildRow[] = s
    ? [
        {
          id: s.org.id,
          name: `${s.org.name} · ${t('hardship.ownLevel')}`,
          archived: archived - s.byChildOrg.reduce((sum, c) => sum + c.archived, 0),
          total: s.total - s.byChildOrg.reduce((sum, c) => sum + c.total, 0),
        },
        ...s.byChildOrg,
      ]
    : [];

  const figure = (title: string, value: number | undefined, to: string, testId: string, alert = false) => (
    <Link to={to} data-testid={testId}>
      <Card hoverable size="small">
        <Statistic title={title} value={value ?? '—'} valueStyle={alert && value ? { color: '#cf1322' } : undefined} />
      </Card>
    </Link>
  );

  return (
    <Card title={t('hardship.archives')} extra={<OrgPicker value={org} onChange={setOrg} />}>
      <HardshipNav />
      <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('hardship.archivesByLevel')}
        </Typography.Title>
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            {figure(
              t('hardship.archived'),
              s ? archived : undefined,
              queueLink(scope, { status: 'archived' }),
              'figure-archived',
            )}
          </Col>
          {hardshipLevels.map((l) => (
            <Col xs={12} md={6} key={l}>
              {figure(
                t(`hardshipLevel.${l}`),
                s?.byLevel[l],
                queueLink(scope, { status: 'archived', level: l }),
                `figure-level-${l}`,
              )}
            </Col>
          ))}
          <Col xs={12} md={6}>
            {figure(
              t('hardship.reviewsDue'),
              s?.reviewsDue,
              queueLink(scope, { status: 'archived', reviewDue: true }),
              'figure-reviews-due',
            )}
          </Col>
          <Col xs={12} md={6}>
            {figure(
              t('hardship.reviewsOverdue'),
              s?.reviewsOverdue,
              queueLink(scope, { status: 'archived', reviewDue: true }),
              'figure-reviews-overdue',
              true,
            )}
          </Col>
          <Col xs={12} md={6}>
            {figure(
              t('hardship.leadsOpen'),
              s?.awaitingVerification,
              queueLink(scope, { status: 'submitted' }),
              'figure-awaiting',
            )}
          </Col>
          <Col xs={12} md={6}>
            {figure(
              t('hardship.verificationOverdueCount'),
              s?.verificationOverdue,
              queueLink(scope, { status: 'submitted' }),
              'figure-verification-overdue',
              true,
            )}
          </Col>
        </Row>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('hardship.archivesByOrg')}
        </Typography.Title>
        <Table<ChildRow>
          rowKey="id"
          size="small"
          loading={stats.isFetching}
          dataSource={byOrg}
          pagination={false}
          locale={{ emptyText: <Empty description={t('common.empty')} /> }}
          onRow={(c) => ({
            onClick: () => navigate(queueLink(c.id === s?.org.id ? s.org : c, { status: 'archived' })),
            style: { cursor: 'pointer' },
          })}
          data-testid="archives-by-org"
          columns={[
            { title: t('hardship.org'), render: (_, c) => <Typography.Link>{c.name}</Typography.Link> },
            { title: t('hardship.archived'), dataIndex: 'archived', width: 140 },
            { title: t('hardship.total'), dataIndex: 'total', width: 140 },
          ]}
          summary={() =>
            s ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('hardship.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{archived}</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{s.total}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('hardship.dueReviews')}
        </Typography.Title>
        <QueryError error={due.error} onRetry={due.reload} />
        <Table<LeadRow>
          rowKey="id"
          size="small"
          loading={due.loading}
          dataSource={due.items}
          pagination={false}
          locale={{ emptyText: <Empty description={t('hardship.noDueReviews')} /> }}
          onRow={(lead) => ({
            onClick: () => navigate(`/hardship/households/${lead.id}`),
            style: { cursor: 'pointer' },
          })}
          data-testid="due-reviews"
          columns={[
            {
              title: t('hardship.headName'),
              render: (_, lead) => <Typography.Link>{lead.household.headName}</Typography.Link>,
            },
            { title: t('hardship.regionName'), render: (_, lead) => regionLabel(regions, lead.household.regionCode) },
            { title: t('hardship.org'), render: (_, lead) => lead.org.name },
            {
              title: t('hardship.level'),
              render: (_, lead) =>
                lead.level && <Tag color={levelColour[lead.level]}>{t(`hardshipLevel.${lead.level}`)}</Tag>,
              width: 120,
            },
            {
              title: t('hardship.reviewDueAt'),
              width: 200,
              render: (_, lead) => (
                <Space size={4}>
                  {day(lead.reviewDueAt)}
                  <Tag color={lead.reviewOverdue ? 'red' : 'orange'}>
                    {lead.reviewOverdue ? t('hardship.reviewOverdue') : t('hardship.reviewSoon')}
                  </Tag>
                </Space>
              ),
            },
          ]}
        />
        <LoadMore list={due} />
      </Space>
    </Card>
  );
}
