import { App as AntApp, Button, Card, Col, Row, Segmented, Space, Statistic, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { QueryError } from '../../QueryError';
import { OrgPicker } from '../../OrgPicker';
import { useSession } from '../../session';
import { useCases, useFigures, type CaseFilter, type CaseRow } from './queries';
import { caseStatuses, when, yuan } from './types';
import { LoadMore } from '../../LoadMore';

/** The centre's queue 案件队列: filters, overdue flags, figures, the ledger in Excel. */
export function CasesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(me?.org ?? null);
  const [status, setStatus] = useState<NonNullable<CaseFilter['status']> | 'all'>('open');
  const [overdue, setOverdue] = useState(false);
  // The server filters (open = every state but closed and withdrawn), so the pages and the Excel ledger agree.
  const filter: CaseFilter = {
    centerId: org?.id,
    status: status === 'all' ? undefined : status,
    overdue: overdue ? 'true' : undefined,
  };
  const list = useCases(filter);
  const rows = list.items;
  // The figures are a summary above the queue: without them the queue still works.
  const figures = useFigures(org?.id).data;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {figures && (
        <Row gutter={16}>
          <Col span={4}>
            <Card>
              <Statistic title={t('legal.cases')} value={figures.cases} />
            </Card>
          </Col>
          <Col span={4}>
            <Card>
              <Statistic title={t('legal.open')} value={figures.open} />
            </Card>
          </Col>
          <Col span={5}>
            <Card>
              <Statistic title={t('legal.recovered')} value={figures.recoveredFen / 100} precision={2} prefix="¥" />
            </Card>
          </Col>
          <Col span={4}>
            <Card>
              <Statistic title={t('legal.hoursToContact')} value={figures.averageHoursToFirstContact ?? '—'} />
            </Card>
          </Col>
          <Col span={4}>
            <Card>
              <Statistic title={t('legal.daysToClose')} value={figures.averageDaysToClose ?? '—'} />
            </Card>
          </Col>
          <Col span={3}>
            <Card>
              <Statistic
                title={t('legal.overdue')}
                value={figures.overdueFirstContact}
                valueStyle={figures.overdueFirstContact ? { color: '#cf1322' } : undefined}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Card
        title={t('nav.legal')}
        extra={
          <Space wrap>
            <OrgPicker value={org} onChange={setOrg} />
            <Segmented
              value={status}
              onChange={(v) => setStatus(v as typeof status)}
              options={['open', ...caseStatuses, 'all'].map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))}
            />
            <span>
              <Switch checked={overdue} onChange={setOverdue} aria-label={t('legal.onlyOverdue')} />{' '}
              {t('legal.onlyOverdue')}
            </span>
            <Button
              data-testid="export-cases"
              onClick={() =>
                void api
                  .download(`/api/v1/legal/cases/export.xlsx${query(filter)}`, '案件台账.xlsx')
                  .catch((e: unknown) => message.error(describeError(e)))
              }
            >
              {t('members.export')}
            </Button>
          </Space>
        }
      >
        <QueryError error={list.error} onRetry={list.reload} />
        <Table<CaseRow>
          rowKey="id"
          loading={list.loading}
          dataSource={rows}
          pagination={false}
          onRow={(c) => ({ onClick: () => navigate(`/legal/${c.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('legal.filedAt'), render: (_, c) => when(c.createdAt), width: 170 },
            { title: t('legal.kind'), render: (_, c) => t(`caseKind.${c.kind}`), width: 110 },
            { title: t('legal.category'), render: (_, c) => t(`caseCategory.${c.category}`), width: 90 },
            { title: t('legal.applicant'), render: (_, c) => c.applicant.name ?? c.applicant.phone, width: 110 },
            { title: t('legal.employer'), render: (_, c) => c.employer.name },
            { title: t('legal.claimed'), render: (_, c) => yuan(c.amountClaimedFen), width: 120 },
            {
              title: t('legal.center'),
              render: (_, c) =>
                c.routedToCenter ? (
                  c.center.name
                ) : (
                  <Tag color="orange">
                    {c.center.name} · {t('legal.noCenter')}
                  </Tag>
                ),
            },
            {
              title: t('legal.status'),
              width: 170,
              render: (_, c) => (
                <Space>
                  <Tag>{t(`caseStatus.${c.status}`)}</Tag>
                  {c.overdue && <Tag color="red">{t('legal.overdueTag')}</Tag>}
                </Space>
              ),
            },
            { title: t('legal.handler'), render: (_, c) => c.handler?.name ?? '—', width: 110 },
          ]}
        />
        <LoadMore list={list} />
      </Card>
    </Space>
  );
}
