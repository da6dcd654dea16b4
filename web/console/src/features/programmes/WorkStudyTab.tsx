import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../../shared/api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { toFen, when, yuan } from './format';
import { useRecordWorkDay, useWorkDays, type RecordedWorkDay, type WorkDays } from './kinds.queries';
import { PlacementForMember } from './PlacementForMember';
import { useApplications, type ApplicationRow, type Programme } from './queries';

/** What a placement's details hold (programmes.kinds.ts workStudyDetails, plus the employing unit's name). */
export interface PlacementDetails {
  jobType?: string;
  employerName?: string;
  post?: string;
  student?: { name?: string; school?: string; major?: string };
}
export const placementOf = (details: Record<string, unknown>) => details as PlacementDetails;

/** A refused day: which cap binds, its limit and what is left (409 CAP_EXCEEDED's details). */
function CapRefusal({ error, onClose }: { error: ApiError; onClose(): void }) {
  const { t } = useTranslation();
  const d = error.details as { cap?: string; limitFen?: number; leftFen?: number; date?: string; month?: string };
  const cap =
    d.cap === 'perMonthFen'
      ? t('workStudy.capMonth', { month: d.month ?? '' })
      : t('workStudy.capDay', { date: d.date ?? '' });
  return (
    <Alert
      type="warning"
      showIcon
      closable
      onClose={onClose}
      role="alert"
      style={{ marginBottom: 12 }}
      data-testid="cap-exceeded"
      message={t('workStudy.capExceeded', { cap, limit: yuan(d.limitFen), left: yuan(d.leftFen) })}
      description={error.message}
    />
  );
}

interface DayForm {
  date: Dayjs;
  payYuan: number;
  note?: string;
}

/** Records a day's pay; a day over a cap is refused with the room left, the form kept for a corrected amount. */
function RecordDay({ placement, programmeId }: { placement: ApplicationRow; programmeId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DayForm>();
  const record = useRecordWorkDay(placement.id, programmeId);
  // One key per day recorded: a retried click is the same day, not a second one.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [last, setLast] = useState<RecordedWorkDay | null>(null);

  async function submit(v: DayForm) {
    setRefused(null);
    setLast(null);
    try {
      const day = await record.mutateAsync({
        body: { date: v.date.format('YYYY-MM-DD'), payFen: toFen(v.payYuan), ...(v.note ? { note: v.note } : {}) },
        key,
      });
      setLast(day);
      void message.success(t('workStudy.recordedShort'));
      setKey(crypto.randomUUID());
      form.setFieldsValue({ payYuan: undefined, note: undefined });
    } catch (e) {
      setKey(crypto.randomUUID());
      if (e instanceof ApiError && e.code === 'CAP_EXCEEDED') setRefused(e);
      else showFormError(form, e, message, { payFen: 'payYuan' });
    }
  }

  return (
    <>
      {refused && <CapRefusal error={refused} onClose={() => setRefused(null)} />}
      {last && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setLast(null)}
          style={{ marginBottom: 12 }}
          data-testid="work-day-recorded"
          message={t('workStudy.recorded', {
            date: last.day.date,
            pay: yuan(last.payFen),
            dayTotal: yuan(last.day.totalFen),
            dayLeft: yuan(last.day.leftFen),
            month: last.month.month,
            monthLeft: yuan(last.month.leftFen),
          })}
        />
      )}
      <Form<DayForm>
        form={form}
        layout="inline"
        initialValues={{ date: dayjs() }}
        onFinish={(v) => void submit(v)}
        style={{ marginBottom: 12 }}
        data-testid="work-day-form"
      >
        <Form.Item name="date" label={t('workStudy.date')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="work-day-date" />
        </Form.Item>
        <Form.Item name="payYuan" label={t('workStudy.payYuan')} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} data-testid="work-day-pay" />
        </Form.Item>
        <Form.Item name="note" label={t('workStudy.note')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="record-work-day">
          {t('workStudy.record')}
        </Button>
      </Form>
    </>
  );
}

/** The student's months: paid so far, the cap, what is left. */
function Months({ days }: { days: WorkDays }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="month"
      pagination={false}
      dataSource={days.months}
      data-testid="work-months"
      columns={[
        { title: t('workStudy.month'), dataIndex: 'month' },
        { title: t('workStudy.monthTotal'), render: (_, m) => yuan(m.totalFen), align: 'right' },
        { title: t('workStudy.monthCap'), render: (_, m) => yuan(m.limitFen), align: 'right' },
        {
          title: t('workStudy.monthLeft'),
          render: (_, m) => <span data-testid={`month-left-${m.month}`}>{yuan(m.leftFen)}</span>,
          align: 'right',
        },
      ]}
    />
  );
}

/** One placement: the caps, the days recorded, the student's months, and (approved) a day to record. */
function Placement({ placement, programmeId }: { placement: ApplicationRow; programmeId: string }) {
  const { t } = useTranslation();
  const { data: days, error, refetch } = useWorkDays(placement.id);
  const p = placementOf(placement.details);
  return (
    <Card
      size="small"
      title={t('workStudy.placementOf', { student: p.student?.name ?? placement.member.name })}
      data-testid="placement"
    >
      <QueryError error={error} onRetry={() => void refetch()} />
      {days && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('workStudy.perDay')}>{yuan(days.caps.perDayFen)}</Descriptions.Item>
            <Descriptions.Item label={t('workStudy.perMonth')}>{yuan(days.caps.perMonthFen)}</Descriptions.Item>
            <Descriptions.Item label={t('workStudy.amount')}>
              <span data-testid="placement-amount">{yuan(days.amountFen)}</span>
            </Descriptions.Item>
          </Descriptions>
          {placement.status === 'approved' ? (
            <RecordDay placement={placement} programmeId={programmeId} />
          ) : (
            <Alert type="info" showIcon message={t('workStudy.notApproved')} />
          )}
          <Months days={days} />
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={days.items}
            style={{ marginTop: 12 }}
            data-testid="work-days"
            columns={[
              { title: t('workStudy.date'), dataIndex: 'date', width: 120 },
              { title: t('workStudy.pay'), render: (_, d) => yuan(d.payFen), align: 'right', width: 120 },
              { title: t('workStudy.note'), render: (_, d) => d.note ?? '' },
              { title: t('workStudy.recordedAt'), render: (_, d) => when(d.createdAt), width: 180 },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** 勤工俭学: the programme's placements (its applications), and the work days of the one chosen. */
export function WorkStudyTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const list = useApplications({ programmeId: programme.id });
  const chosenId = params.get('placement');
  const chosen = list.items.find((a) => a.id === chosenId) ?? null;

  function choose(id: string) {
    const next = new URLSearchParams(params);
    next.set('placement', id);
    setParams(next);
  }

  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <PlacementForMember programme={programme} />
      </div>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<ApplicationRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="placements-table"
        rowClassName={(a) => (a.id === chosenId ? 'ant-table-row-selected' : '')}
        onRow={(a) => ({ onClick: () => choose(a.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('workStudy.student'),
            render: (_, a) => {
              const p = placementOf(a.details);
              return (
                <a
                  href={`?tab=placements&placement=${a.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    choose(a.id);
                  }}
                >
                  {p.student?.name ?? a.member.name}
                </a>
              );
            },
          },
          { title: t('workStudy.school'), render: (_, a) => placementOf(a.details).student?.school ?? '—' },
          {
            title: t('workStudy.jobType'),
            render: (_, a) => {
              const job = placementOf(a.details).jobType;
              return job ? t(`kindLabels.jobType.${job}`, { defaultValue: job }) : '—';
            },
          },
          { title: t('workStudy.employer'), render: (_, a) => placementOf(a.details).employerName ?? '—' },
          { title: t('workStudy.post'), render: (_, a) => placementOf(a.details).post ?? '—' },
          { title: t('benefitApps.member'), render: (_, a) => a.member.name, width: 100 },
          { title: t('workStudy.amount'), render: (_, a) => yuan(a.amountFen), align: 'right', width: 120 },
          {
            title: t('benefitApps.status'),
            width: 120,
            render: (_, a) => <Tag>{t(`programmeApplicationStatus.${a.status}`)}</Tag>,
          },
        ]}
      />
      <LoadMore list={list} />
      {chosen && (
        <div style={{ marginTop: 16 }}>
          <Placement key={chosen.id} placement={chosen} programmeId={programme.id} />
        </div>
      )}
    </>
  );
}
