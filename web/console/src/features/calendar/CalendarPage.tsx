import { App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { api, type Org } from '../../api';
import { useSession } from '../../session';

interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** 节假日安排: the year's public holidays and make-up working days, which every working-day deadline counts by. */
export function CalendarPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [dirty, setDirty] = useState(false);
  const [loading, setLoading] = useState(false);
  const [form] = Form.useForm();
  const { me } = useSession();
  // Only the root federation's administrators save the calendar; everyone else reads it.
  const [editable, setEditable] = useState(false);
  useEffect(() => {
    if (!me?.roles.includes('org_admin')) return;
    api.get<Org>(`/api/v1/orgs/${me.org.id}`).then(
      (o) => setEditable(o.parentId === null),
      () => setEditable(false),
    );
  }, [me]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setDays((await api.get<{ days: CalendarDay[] }>(`/api/v1/calendar?year=${year}`)).days);
      setDirty(false);
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setLoading(false);
    }
  }, [year, message]);
  useEffect(() => void load(), [load]);

  function add(v: { date: Dayjs; kind: CalendarDay['kind']; name: string }) {
    const date = v.date.format('YYYY-MM-DD');
    setDays((old) => [...old.filter((d) => d.date !== date), { date, kind: v.kind, name: v.name }].sort((a, b) => a.date.localeCompare(b.date)));
    setDirty(true);
    form.resetFields(['date']);
  }

  async function save() {
    try {
      setDays((await api.put<{ days: CalendarDay[] }>(`/api/v1/calendar/${year}`, { days })).days);
      setDirty(false);
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
          <InputNumber aria-label={t('a11y.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="calendar-year" />
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
        <Form form={form} layout="inline" onFinish={add} initialValues={{ kind: 'holiday' }} style={{ marginBottom: 16 }}>
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
            render: (_, d) => (d.kind === 'holiday' ? <Tag color="red">{t('calendar.holiday')}</Tag> : <Tag color="blue">{t('calendar.workday')}</Tag>),
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
