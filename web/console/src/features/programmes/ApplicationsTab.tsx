import { App as AntApp, Button, Select, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { describeError, query } from '../../../../shared/api';
import { api } from '../../api';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { ApplicationDrawer } from './ApplicationDrawer';
import { ApplyForMember } from './ApplyForMember';
import { programmeApplicationStatuses, when, yuan } from './format';
import { PlacementForMember } from './PlacementForMember';
import {
  useApplications,
  type ApplicationFilter,
  type ApplicationRow,
  type ApplicationStatus,
  type Programme,
} from './queries';

/** The statuses a programme's applications can be in: review levels beyond its chain never occur. */
function statusesOf(p: Programme): ApplicationStatus[] {
  return programmeApplicationStatuses.filter((s) => {
    const level = /^review_(\d)$/.exec(s)?.[1];
    return level === undefined || Number(level) <= p.rules.reviewLevels;
  });
}

/**
 * The programme's applications: by status (a review level is its own queue), only those awaiting the caller's
 * organisation, the Excel ledger with the same filters; a row opens the application in a drawer.
 */
export function ApplicationsTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as ApplicationStatus | null) ?? undefined;
  const awaitingMe = params.get('awaitingMe') === 'true';
  const open = params.get('application');
  const filter: ApplicationFilter = {
    programmeId: programme.id,
    status,
    awaitingMe: awaitingMe ? 'true' : undefined,
  };
  const list = useApplications(filter);

  /** Filters and the open application live in the address, next to the tab. */
  function set(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ minWidth: 170 }}
          placeholder={t('benefitApps.allStatuses')}
          aria-label={t('benefitApps.status')}
          value={status}
          onChange={(s: ApplicationStatus | undefined) => set({ status: s ?? null })}
          options={statusesOf(programme).map((s) => ({ value: s, label: t(`programmeApplicationStatus.${s}`) }))}
          data-testid="status-filter"
        />
        <span>
          <Switch
            checked={awaitingMe}
            onChange={(on) => set({ awaitingMe: on ? 'true' : null })}
            aria-label={t('benefitApps.awaitingMe')}
            data-testid="awaiting-me"
          />{' '}
          {t('benefitApps.awaitingMe')}
        </span>
        <Button
          data-testid="export-applications"
          onClick={() =>
            void api
              .download(`/api/v1/applications/export.xlsx${query(filter)}`, '补助申请台账.xlsx')
              .catch((e: unknown) => message.error(describeError(e)))
          }
        >
          {t('benefitApps.export')}
        </Button>
        {/* 勤工俭学: a placement has its own fields; 医疗互助: a claim is filed from the enrolments tab, with its bills. */}
        {programme.kind === 'work_study' ? (
          <PlacementForMember programme={programme} />
        ) : (
          programme.kind !== 'medical_mutual_aid' && <ApplyForMember programme={programme} />
        )}
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<ApplicationRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="applications-table"
        onRow={(a) => ({ onClick: () => set({ application: a.id }), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('benefitApps.createdAt'), render: (_, a) => when(a.createdAt), width: 170 },
          { title: t('benefitApps.member'), render: (_, a) => a.member.name, width: 110 },
          { title: t('benefitApps.union'), render: (_, a) => a.org.name },
          { title: t('benefitApps.period'), dataIndex: 'period', width: 100 },
          { title: t('benefitApps.amount'), render: (_, a) => yuan(a.amountFen), width: 130, align: 'right' },
          {
            title: t('benefitApps.status'),
            width: 150,
            render: (_, a) => <Tag data-testid="row-status">{t(`programmeApplicationStatus.${a.status}`)}</Tag>,
          },
          {
            title: t('benefitApps.level'),
            width: 180,
            render: (_, a) =>
              a.reviewLevel === null
                ? '—'
                : `${t('benefitApps.levelN', { level: a.reviewLevel })} · ${a.reviewChain[a.reviewLevel - 1]?.org.name ?? ''}`,
          },
        ]}
      />
      <LoadMore list={list} />
      <ApplicationDrawer id={open} programme={programme} onClose={() => set({ application: null })} />
    </>
  );
}
