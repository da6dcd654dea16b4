import { App as AntApp, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { FormSelect } from '../../FormSelect';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { DutyPhotos } from './DutyPhotos';
import { QueryError } from '../../QueryError';
import {
  useCongress,
  useDuties,
  useDutyAction,
  useIndicators,
  useRecordDuty,
  useRepresentatives,
  type DutyRow,
  type DutyStatus,
} from './scoring.queries';

const statuses: DutyStatus[] = ['submitted', 'confirmed', 'rejected'];
const statusColor: Record<DutyStatus, string> = { submitted: 'orange', confirmed: 'green', rejected: 'red' };

/** A representative of the term, searched by name. */
function RepresentativePicker({
  congressId,
  value,
  onChange,
}: {
  congressId: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const representatives = useRepresentatives(congressId, q);
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={representatives.isFetching}
      value={value}
      onChange={onChange}
      aria-label={t('duties.representative')}
      placeholder={t('duties.searchRepresentative')}
      options={(representatives.data ?? []).map((r) => ({
        value: r.id,
        label: `${r.member.name} · ${r.org.name}${r.delegation ? ` · ${r.delegation}` : ''}`,
      }))}
      data-testid="duty-representative"
    />
  );
}

interface EntryValues {
  representativeId: string;
  indicatorCode: string;
  occurredOn: Dayjs;
  note: string;
}

/** Staff record a duty, a bonus or a penalty for a representative: confirmed at once. */
function StaffEntry({ congressId, open, onClose }: { congressId: string; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EntryValues>();
  const model = useIndicators(congressId);
  const record = useRecordDuty(congressId);
  const options = model.data
    ? [
        ...model.data.groups.map((g) => ({
          label: g.name,
          options: g.indicators.filter((i) => !i.automatic).map((i) => ({ value: i.code, label: i.name })),
        })),
        { label: t('duties.bonus'), options: model.data.bonusItems.map((b) => ({ value: b.code, label: b.name })) },
        {
          label: t('duties.penalty'),
          options: model.data.penaltyItems.map((p) => ({ value: p.code, label: p.name })),
        },
      ].filter((g) => g.options.length > 0)
    : [];

  async function submit(v: EntryValues) {
    try {
      await record.mutateAsync({ ...v, occurredOn: v.occurredOn.format('YYYY-MM-DD') });
      void message.success(t('duties.recorded'));
      form.resetFields();
      onClose();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <Modal
      open={open}
      title={t('duties.staffEntry')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('duties.staffEntryHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="representativeId" label={t('duties.representative')} rules={[{ required: true }]}>
          <RepresentativePicker congressId={congressId} />
        </Form.Item>
        <Form.Item name="indicatorCode" label={t('duties.indicator')} rules={[{ required: true }]}>
          <FormSelect options={options} showSearch optionFilterProp="label" data-testid="duty-indicator" />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('duties.occurredOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="duty-date" />
        </Form.Item>
        <Form.Item name="note" label={t('duties.note')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="duty-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 履职记录: the term's duty records, the representatives' submissions waiting first (`status=submitted`, the
 * queue), each confirmed or rejected with a reason from its row; and staff's own entry for a representative.
 */
export function DutiesTab({ congressId }: { congressId: string }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [status, setStatus] = useState<DutyStatus | undefined>('submitted');
  const [entering, setEntering] = useState(false);
  const congress = useCongress(congressId);
  const list = useDuties(congressId, status ? { status } : {});
  const act = useDutyAction(congressId);
  const active = congress.data?.status === 'active';

  async function confirm(d: DutyRow) {
    try {
      await act.mutateAsync({ id: d.id, body: { action: 'confirm' } });
      void message.success(t('duties.confirmed'));
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  function reject(d: DutyRow) {
    let reason = '';
    modal.confirm({
      title: t('duties.rejectTitle', { name: d.representative.name }),
      content: (
        <Input.TextArea
          rows={3}
          maxLength={500}
          aria-label={t('duties.reason')}
          placeholder={t('duties.reason')}
          onChange={(e) => (reason = e.target.value)}
          data-testid="duty-reject-reason"
        />
      ),
      okText: t('duties.action.reject'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (!reason.trim()) {
          void message.error(t('duties.reasonRequired'));
          throw new Error('reason required');
        }
        try {
          await act.mutateAsync({ id: d.id, body: { action: 'reject', reason: reason.trim() } });
          void message.success(t('duties.rejected'));
        } catch (e) {
          void message.error(describeError(e));
          throw e;
        }
      },
    });
  }

  return (
    <>
      <QueryError error={list.error ?? congress.error} onRetry={list.reload} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? undefined : (v as DutyStatus))}
          aria-label={t('duties.statusFilter')}
          style={{ width: 140 }}
          options={[
            { value: 'all', label: t('common.all') },
            ...statuses.map((s) => ({ value: s, label: t(`duties.status.${s}`) })),
          ]}
          data-testid="duty-status-filter"
        />
        {active && (
          <Button type="primary" onClick={() => setEntering(true)} data-testid="duty-staff-entry">
            {t('duties.staffEntry')}
          </Button>
        )}
      </Space>
      <Table<DutyRow>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: t('common.empty') }}
        data-testid="duty-table"
        columns={[
          {
            title: t('duties.representative'),
            render: (_, d) => (
              <>
                {d.representative.name}
                <div>
                  <Typography.Text type="secondary">{d.representative.org.name}</Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: t('duties.indicator'),
            render: (_, d) => (
              <Space size={4} wrap>
                {d.indicator.name ?? <Typography.Text type="secondary">{d.indicator.code}</Typography.Text>}
                {d.indicator.kind === 'bonus' && <Tag color="green">{t('duties.bonus')}</Tag>}
                {d.indicator.kind === 'penalty' && <Tag color="red">{t('duties.penalty')}</Tag>}
                {d.indicator.kind === null && <Tag>{t('duties.removed')}</Tag>}
              </Space>
            ),
          },
          { title: t('duties.occurredOn'), dataIndex: 'occurredOn', width: 110 },
          {
            title: t('duties.note'),
            dataIndex: 'note',
            render: (note: string, d) => (
              <>
                <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 3, expandable: true }}>
                  {note}
                </Typography.Paragraph>
                {d.photos.length > 0 && <DutyPhotos dutyId={d.id} photos={d.photos} />}
                {d.rejectReason && (
                  <Typography.Text type="danger">
                    {t('duties.rejectReason', { reason: d.rejectReason })}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('duties.enteredBy'),
            dataIndex: 'enteredBy',
            width: 100,
            render: (v: DutyRow['enteredBy']) => t(`duties.by.${v}`),
          },
          {
            title: t('duties.statusFilter'),
            dataIndex: 'status',
            width: 90,
            render: (s: DutyStatus) => <Tag color={statusColor[s]}>{t(`duties.status.${s}`)}</Tag>,
          },
          {
            title: t('common.actions'),
            width: 150,
            render: (_, d) => (
              <Space>
                {d.actions.includes('confirm') && (
                  <Button size="small" type="primary" onClick={() => void confirm(d)} data-testid="duty-confirm">
                    {t('duties.action.confirm')}
                  </Button>
                )}
                {d.actions.includes('reject') && (
                  <Button size="small" danger onClick={() => reject(d)} data-testid="duty-reject">
                    {t('duties.action.reject')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      <StaffEntry congressId={congressId} open={entering} onClose={() => setEntering(false)} />
    </>
  );
}
