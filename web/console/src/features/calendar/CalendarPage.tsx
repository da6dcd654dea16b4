import { App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { useOrg } from '../orgs/queries';
import { useCalendar, useSaveCalendar, type CalendarDay } from './queries';

/** 节假日安排: the year's public holidays and make-up working days, which every working-day deadline counts by. */
export function CalendarPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const calendar = useCalendar(year);
  const saving = useSaveCalendar(year);
  // The year as edited here, until saved; a new answer from the server (another year, a save) replaces it.
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    setDays(calendar.data ?? []);
    setDirty(false);
  }, [calendar.data]);
  const loading = calendar.isFetching;
  const [form] = Form.useForm();
  const { me } = useSession();
  // Only the root federation's administrators save the calendar; everyone else reads it.
  const ownOrg = useOrg(me?.roles.includes('org_admin') ? me.org.id : undefined);
  const editable = ownOrg.data?.parentId === null;

  function add(v: { date: Dayjs; kind: CalendarDay['kind']; name: string }) {
    const date = v.date.format('YYYY-MM-DD');
    setDays((old) =>
      [...old.filter((d) => d.date !== date), { date, kind: v.kind, name: v.name }].sort((a, b) =>
        a.date.localeCompare(b.date),
      ),
    );
    setDirty(true);
    form.resetFields(['date']);
  }

  async function save() {
    try {
      await saving.mutateAsync(days);
      message.success(t('calendar.saved', { year }));
    } catch (e) {
      message.error(describeError(e));
    }
  }

  return (
    <Card
      title={t('calendar.title')}
      extra={
        <Space>
          <InputNumber
            aria-label={t('a11y.year')}
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            data-testid="calendar-year"
          />
          {editable && (
            <Button type="primary" disabled={!dirty} onClick={() => void save()} data-testid="calendar-save">
              {t('calendar.save')}
            </Button>
          )}
        </Space>
      }
    >
      <p style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('calendar.note')}</p>
      {editable && (
        <Form
          form={form}
          layout="inline"
          onFinish={add}
          initialValues={{ kind: 'holiday' }}
          style={{ marginBottom: 16 }}
        >
          <Form.Item name="date" rules={[{ required: true }]}>
            <DatePicker placeholder={t('calendar.date')} data-testid="calendar-date" />
          </Form.Item>
          {/* Always set (it starts as a holiday), so no "required" rule: antd would put aria-required on a role-less box. */}
          <Form.Item name="kind">
            <Select
              aria-label={t('a11y.dayKind')}
              style={{ width: 160 }}
              options={[
                { value: 'holiday', label: t('calendar.holiday') },
                { value: 'workday', label: t('calendar.workday') },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, max: 50 }]}>
            <Input placeholder={t('calendar.name')} data-testid="calendar-name" />
          </Form.Item>
          <Button htmlType="submit" data-testid="calendar-add">
            {t('calendar.add')}
          </Button>
        </Form>
      )}
      <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />
      <Table<CalendarDay>
        rowKey="date"
        loading={loading}
        dataSource={days}
        pagination={false}
        size="small"
        locale={{ emptyText: t('calendar.empty') }}
        columns={[
          { title: t('calendar.date'), dataIndex: 'date', width: 140 },
          {
            title: t('calendar.kind'),
            width: 160,
            render: (_, d) =>
              d.kind === 'holiday' ? (
                <Tag color="red">{t('calendar.holiday')}</Tag>
              ) : (
                <Tag color="blue">{t('calendar.workday')}</Tag>
              ),
          },
          { title: t('calendar.name'), dataIndex: 'name' },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  width: 100,
                  render: (_: unknown, d: CalendarDay) => (
                    <Button
                      size="small"
                      type="link"
                      danger
                      onClick={() => {
                        setDays((old) => old.filter((x) => x.date !== d.date));
                        setDirty(true);
                      }}
                    >
                      {t('calendar.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
