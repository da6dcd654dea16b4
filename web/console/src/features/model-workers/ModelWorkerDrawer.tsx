import {
  App as AntApp,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Tag,
  Timeline,
} from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { honourLevels, modelWorkerCheckOutcomes, modelWorkerStatuses } from '../../../../../shared/labels.js';
import { FormSelect } from '../../FormSelect';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { when } from '../programmes/format';
import {
  useCheckModelWorker,
  useModelWorker,
  useUpdateModelWorker,
  type HonourLevel,
  type ModelWorker,
  type ModelWorkerChange,
  type ModelWorkerStatus,
  type NewCheck,
} from './queries';
import { shanghaiYear, statusColour } from './format';

/** A register status with, for deceased and disqualified, its date (and for disqualified, the reason). */
interface StatusFields {
  status?: ModelWorkerStatus;
  statusDate?: Dayjs | null;
  statusReason?: string;
}

const statusOf = (v: StatusFields) =>
  v.status === undefined
    ? {}
    : {
        status: v.status,
        ...(v.status !== 'active' && v.statusDate ? { statusDate: v.statusDate.format('YYYY-MM-DD') } : {}),
        ...(v.status === 'disqualified' && v.statusReason ? { statusReason: v.statusReason } : {}),
      };

/** The date and reason a status needs, shown once the status asks for them. */
function StatusDetails({ status }: { status: ModelWorkerStatus | undefined }) {
  const { t } = useTranslation();
  if (status === undefined || status === 'active') return null;
  return (
    <>
      <Form.Item name="statusDate" label={t('modelWorkers.statusDate')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} data-testid="status-date" />
      </Form.Item>
      {status === 'disqualified' && (
        <Form.Item
          name="statusReason"
          label={t('modelWorkers.statusReason')}
          extra={t('modelWorkers.statusReasonHint')}
          rules={[{ required: true, max: 500 }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="status-reason" />
        </Form.Item>
      )}
    </>
  );
}

interface EditForm extends StatusFields {
  honourLevel: HonourLevel;
  title: string;
  awardedYear: number;
  unit?: string | null;
}

/** Edits the honour, the workplace and the status (active clears the date and reason). */
function EditDialog({ entry, open, onClose }: { entry: ModelWorker; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const update = useUpdateModelWorker(entry.id);
  const [form] = Form.useForm<EditForm>();
  const status = Form.useWatch('status', form);

  async function save(v: EditForm) {
    const body: ModelWorkerChange = {
      honourLevel: v.honourLevel,
      title: v.title,
      awardedYear: v.awardedYear,
      unit: v.unit ? v.unit : null,
      ...statusOf(v),
    };
    try {
      await update.mutateAsync(body);
      void message.success(t('modelWorkers.saved'));
      onClose();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <Modal
      open={open}
      title={`${t('modelWorkers.edit')} · ${entry.member.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'save-entry' } as ButtonProps}
      destroyOnHidden
    >
      <Form<EditForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{
          honourLevel: entry.honourLevel,
          title: entry.title,
          awardedYear: entry.awardedYear,
          unit: entry.unit,
          status: entry.status,
          statusReason: entry.statusReason ?? undefined,
        }}
      >
        <Form.Item name="honourLevel" label={t('modelWorkers.honourLevel')} rules={[{ required: true }]}>
          <FormSelect options={honourLevels.map((l) => ({ value: l, label: t(`honourLevel.${l}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('modelWorkers.honourTitle')} rules={[{ required: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="awardedYear" label={t('modelWorkers.awardedYear')} rules={[{ required: true }]}>
          <InputNumber precision={0} min={1950} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="unit" label={t('modelWorkers.unit')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="status" label={t('modelWorkers.status')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={modelWorkerStatuses.map((s) => ({ value: s, label: t(`modelWorkerStatus.${s}`) }))}
            data-testid="entry-status"
          />
        </Form.Item>
        <StatusDetails status={status} />
      </Form>
    </Modal>
  );
}

interface CheckForm extends StatusFields {
  year: number;
  outcome: NewCheck['outcome'];
  note?: string;
}

/** 年度核查: the year's check of one entry; a changed status is taken by the register in the same step. */
function CheckDialog({ entry, open, onClose }: { entry: ModelWorker; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const check = useCheckModelWorker(entry.id);
  const [form] = Form.useForm<CheckForm>();
  const outcome = Form.useWatch('outcome', form);
  const status = Form.useWatch('status', form);

  async function save(v: CheckForm) {
    const body: NewCheck = {
      year: v.year,
      outcome: v.outcome,
      ...(v.note ? { note: v.note } : {}),
      ...(v.outcome === 'status_changed' ? statusOf(v) : {}),
    };
    try {
      await check.mutateAsync(body);
      void message.success(t('modelWorkers.checked', { year: v.year }));
      onClose();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <Modal
      open={open}
      title={`${t('modelWorkers.check')} · ${entry.member.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: check.isPending, 'data-testid': 'save-check' } as ButtonProps}
      destroyOnHidden
    >
      <Form<CheckForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ year: shanghaiYear(), outcome: 'confirmed' }}
      >
        <Form.Item name="year" label={t('modelWorkers.checkYear')} rules={[{ required: true }]}>
          <InputNumber
            precision={0}
            min={1950}
            max={shanghaiYear()}
            style={{ width: '100%' }}
            data-testid="check-year"
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('modelWorkers.outcome')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={modelWorkerCheckOutcomes.map((o) => ({ value: o, label: t(`checkOutcome.${o}`) }))}
            data-testid="check-outcome"
          />
        </Form.Item>
        {outcome === 'status_changed' && (
          <>
            <Form.Item name="status" label={t('modelWorkers.newStatus')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={modelWorkerStatuses
                  .filter((s) => s !== entry.status)
                  .map((s) => ({ value: s, label: t(`modelWorkerStatus.${s}`) }))}
                data-testid="check-status"
              />
            </Form.Item>
            <StatusDetails status={status} />
          </>
        )}
        <Form.Item
          name="note"
          label={t('modelWorkers.note')}
          rules={[{ required: outcome === 'noted', message: t('modelWorkers.noteRequired') }, { max: 1000 }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="check-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One register entry: its facts, its status, the yearly checks newest first; edit and check from here. */
export function ModelWorkerDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const entry = useModelWorker(id);
  const [dialog, setDialog] = useState<'edit' | 'check' | null>(null);
  const e = entry.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={560}
      title={e ? `${e.member.name} · ${e.title}` : t('modelWorkers.title')}
      destroyOnHidden
      extra={
        e && (
          <Space>
            <Button onClick={() => setDialog('edit')} data-testid="edit-entry">
              {t('modelWorkers.edit')}
            </Button>
            <Button type="primary" onClick={() => setDialog('check')} data-testid="check-entry">
              {t('modelWorkers.check')}
            </Button>
          </Space>
        )
      }
    >
      <QueryError error={entry.error} onRetry={() => void entry.refetch()} />
      {e && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('modelWorkers.phone')}>{e.member.phone}</Descriptions.Item>
            <Descriptions.Item label={t('modelWorkers.union')}>{e.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('modelWorkers.honourLevel')}>
              {t(`honourLevel.${e.honourLevel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('modelWorkers.honourTitle')}>
              {e.title} ({e.awardedYear})
            </Descriptions.Item>
            <Descriptions.Item label={t('modelWorkers.unit')}>{e.unit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('modelWorkers.status')}>
              <Tag color={statusColour[e.status]} data-testid="entry-status-tag">
                {t(`modelWorkerStatus.${e.status}`)}
              </Tag>
              {e.statusDate && <span data-testid="entry-status-date">{e.statusDate}</span>}
              {e.statusReason && <div data-testid="entry-status-reason">{e.statusReason}</div>}
            </Descriptions.Item>
            <Descriptions.Item label={t('modelWorkers.lastChecked')}>
              {e.lastCheckedYear ?? t('modelWorkers.notChecked')}
            </Descriptions.Item>
            <Descriptions.Item label={t('modelWorkers.createdAt')}>{when(e.createdAt)}</Descriptions.Item>
          </Descriptions>
          <h3 style={{ marginTop: 24 }}>{t('modelWorkers.checks')}</h3>
          {(e.checks ?? []).length === 0 ? (
            <Empty description={t('modelWorkers.noChecks')} />
          ) : (
            <Timeline
              data-testid="entry-checks"
              items={(e.checks ?? []).map((c) => ({
                key: c.id,
                children: (
                  <div data-testid="entry-check">
                    <strong>{c.year}</strong> · {t(`checkOutcome.${c.outcome}`)}
                    {c.note && <div>{c.note}</div>}
                    <div style={{ color: 'rgba(0, 0, 0, 0.65)' }}>
                      {t('modelWorkers.checkedBy', { name: c.checkedBy.name, at: when(c.checkedAt) })}
                    </div>
                  </div>
                ),
              }))}
            />
          )}
          <EditDialog entry={e} open={dialog === 'edit'} onClose={() => setDialog(null)} />
          <CheckDialog entry={e} open={dialog === 'check'} onClose={() => setDialog(null)} />
        </>
      )}
    </Drawer>
  );
}
