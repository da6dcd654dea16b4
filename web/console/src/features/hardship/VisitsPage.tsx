import { App as AntApp, Button, Card, DatePicker, Select, Space, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { FollowUpTag, VisitObject, VisitsDetail } from './VisitsDetail';
import { VisitsForm } from './VisitsForm';
import { VisitsStats } from './VisitsStats';
import { HardshipNav } from './nav';
import {
  recordsVisits,
  useVisits,
  visitSubjects,
  type VisitFilter,
  type VisitRow,
  type VisitSubject,
} from './visits.queries';

/**
 * 走访记录: the visit log of the caller's subtree (or one union's, or one household's when opened from its page with
 * `?householdId=`), filtered by subject, period and open follow-ups; record a visit, mark a follow-up done, export;
 * and the counts per child union for the cockpit.
 */
export function VisitsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const householdId = params.get('householdId') ?? undefined;
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [subject, setSubject] = useState<VisitSubject | undefined>();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [followUpOpen, setFollowUpOpen] = useState<'true' | 'false' | undefined>();
  const [recording, setRecording] = useState(params.get('record') === '1');
  const [open, setOpen] = useState<string | null>(null);
  const from = period?.[0]?.format('YYYY-MM-DD');
  const to = period?.[1]?.format('YYYY-MM-DD');
  const filter: VisitFilter = { orgId: org?.id, subject, householdId, from, to, followUpOpen };
  const list = useVisits(filter);
  const canRecord = recordsVisits(me?.roles ?? []);

  const clearHousehold = () => {
    const next = new URLSearchParams(params);
    next.delete('householdId');
    next.delete('record');
    setParams(next, { replace: true });
  };

  const filters = (
    <Space wrap>
      {householdId && (
        <Tag closable onClose={clearHousehold} data-testid="visit-household-filter">
          {t('hardshipVisits.household')} {householdId.slice(0, 8)}
        </Tag>
      )}
      <OrgPicker value={org} onChange={setOrg} />
      <Select
        allowClear
        style={{ minWidth: 150 }}
        placeholder={t('hardshipVisits.allSubjects')}
        aria-label={t('hardshipVisits.subject')}
        value={subject}
        onChange={(v: VisitSubject | undefined) => setSubject(v)}
        options={visitSubjects.map((s) => ({ value: s, label: t(`hardshipVisits.subjectLabel.${s}`) }))}
        data-testid="visit-subject-filter"
      />
      <DatePicker.RangePicker
        aria-label={t('hardshipVisits.period')}
        value={period}
        onChange={(v) => setPeriod(v)}
        allowEmpty={[true, true]}
      />
      <Select
        allowClear
        style={{ minWidth: 140 }}
        placeholder={t('hardshipVisits.allFollowUps')}
        aria-label={t('hardshipVisits.followUp')}
        value={followUpOpen}
        onChange={(v: 'true' | 'false' | undefined) => setFollowUpOpen(v)}
        options={[
          { value: 'true', label: t('hardshipVisits.onlyOpen') },
          { value: 'false', label: t('hardshipVisits.noneOpen') },
        ]}
        data-testid="visit-follow-up-filter"
      />
    </Space>
  );

  return (
    <Card
      title={t('hardshipVisits.title')}
      extra={
        <Space wrap>
          {canRecord && (
            <Button type="primary" onClick={() => setRecording(true)} data-testid="record-visit">
              {t('hardshipVisits.record')}
            </Button>
          )}
          <Button
            onClick={() =>
              void api
                .download(`/api/v1/hardship/visits/export.xlsx${query(filter)}`, '走访台账.xlsx')
                .catch((e: unknown) => message.error(describeError(e)))
            }
            data-testid="export-visits"
          >
            {t('hardshipVisits.export')}
          </Button>
        </Space>
      }
    >
      <HardshipNav />
      {filters}
      <Tabs
        items={[
          {
            key: 'list',
            label: t('hardshipVisits.list'),
            children: (
              <>
                <QueryError error={list.error} onRetry={list.reload} />
                <Table<VisitRow>
                  rowKey="id"
                  loading={list.loading}
                  dataSource={list.items}
                  pagination={false}
                  data-testid="visits-table"
                  onRow={(v) => ({ onClick: () => setOpen(v.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: t('hardshipVisits.visitedOn'), dataIndex: 'visitedOn', width: 110 },
                    {
                      title: t('hardshipVisits.subject'),
                      render: (_, v) => t(`hardshipVisits.subjectLabel.${v.subject}`),
                    },
                    { title: t('hardshipVisits.org'), render: (_, v) => v.org?.name ?? '—' },
                    {
                      title: `${t('hardshipVisits.household')} / ${t('hardshipVisits.place')}`,
                      render: (_, v) => <VisitObject visit={v} />,
                    },
                    { title: t('hardshipVisits.visitors'), render: (_, v) => v.visitors.join('、') },
                    { title: t('hardshipVisits.peopleReached'), dataIndex: 'peopleReached', align: 'right' },
                    {
                      title: t('hardshipVisits.findings'),
                      ellipsis: true,
                      render: (_, v) => v.findings ?? t('hardshipVisits.withheld'),
                    },
                    { title: t('hardshipVisits.followUp'), render: (_, v) => <FollowUpTag visit={v} /> },
                  ]}
                />
                <LoadMore list={list} />
              </>
            ),
          },
          {
            key: 'stats',
            label: t('hardshipVisits.stats'),
            children: <VisitsStats org={org} {...(from ? { from } : {})} {...(to ? { to } : {})} />,
          },
        ]}
      />
      <VisitsDetail id={open} onClose={() => setOpen(null)} />
      <VisitsForm
        open={recording}
        householdId={householdId}
        onClose={() => setRecording(false)}
        onRecorded={(v) => setOpen(v.id)}
      />
    </Card>
  );
}
