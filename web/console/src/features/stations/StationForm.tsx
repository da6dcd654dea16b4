import { App as AntApp, Form, Input, InputNumber, Modal, Select, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormSelect } from '../../FormSelect';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../forms';
import type { StationType } from './queries';
import { stationTypes, type StaffStation } from './types';

export interface StationFormValues {
  type?: StationType;
  name: string;
  address: string;
  lat: number;
  lng: number;
  alwaysOpen: boolean;
  opensAt?: string;
  closesAt?: string;
  services: string[];
  supplies?: string;
  phone?: string;
}

/** Hours as the API keeps them (HH:MM), picked on a clock with hours and minutes only: nothing to type. */
const hhmm = 'HH:mm';
const asPicked = (v: string | undefined) => ({ value: v ? dayjs(`2000-01-01T${v}`) : null });
const asHours = (d: Dayjs | null) => (d ? d.format(hhmm) : undefined);
/** What a new station opens with, as values to keep or change (not hints to retype). */
export const defaultHours = { opensAt: '07:00', closesAt: '21:00' };

/** Create (no `editing`) or edit a station; the type is fixed once created because it is part of the code. */
export function StationForm({
  open,
  editing,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  editing: StaffStation | null;
  onCancel(): void;
  /** Rejects with the API's error: its field issues go on the fields. */
  onSubmit(v: StationFormValues): Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StationFormValues>();
  const { message } = AntApp.useApp();
  const alwaysOpen = Form.useWatch('alwaysOpen', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        name: editing.name,
        address: editing.address,
        lat: editing.lat,
        lng: editing.lng,
        alwaysOpen: editing.hours.alwaysOpen,
        // A cooling bus without fixed hours keeps none (its hours are set day by day).
        opensAt: editing.hours.opensAt ?? (editing.type === 'cooling_bus' ? undefined : defaultHours.opensAt),
        closesAt: editing.hours.closesAt ?? (editing.type === 'cooling_bus' ? undefined : defaultHours.closesAt),
        services: editing.services,
        supplies: editing.supplies ?? undefined,
        phone: editing.phone ?? undefined,
      });
  }, [open, editing, form]);
  return (
    <Modal
      open={open}
      title={editing ? `${t('stations.edit')} · ${editing.code}` : t('stations.add')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => onSubmit(v).catch((e: unknown) => showFormError(form, e, message))}
        initialValues={{
          type: 'rest_station',
          alwaysOpen: false,
          ...defaultHours,
          services: ['饮水', '热饭', '充电', '如厕', '急救包', '休息座椅'],
        }}
      >
        {!editing && (
          <Form.Item name="type" label={t('stations.type')} rules={[{ required: true }]}>
            <FormSelect options={stationTypes.map((k) => ({ value: k, label: t(`stationType.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('stations.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="station-name-input" />
        </Form.Item>
        <Form.Item name="address" label={t('stations.address')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('stations.position')} required style={{ marginBottom: 0 }}>
          <Form.Item
            name="lat"
            rules={[{ required: true }]}
            style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}
          >
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} placeholder={t('stations.lat')} />
          </Form.Item>
          <Form.Item
            name="lng"
            rules={[{ required: true }]}
            style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginLeft: 16 }}
          >
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} placeholder={t('stations.lng')} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="alwaysOpen" label={t('stations.alwaysOpen')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {!alwaysOpen && (
          <Form.Item label={t('stations.hours')} style={{ marginBottom: 0 }}>
            <Form.Item
              name="opensAt"
              getValueProps={asPicked}
              normalize={asHours}
              style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}
            >
              <TimePicker
                format={hhmm}
                minuteStep={5}
                needConfirm={false}
                style={{ width: '100%' }}
                aria-label={t('stations.opensAt')}
                data-testid="opens-at"
              />
            </Form.Item>
            <Form.Item
              name="closesAt"
              getValueProps={asPicked}
              normalize={asHours}
              style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginLeft: 16 }}
            >
              <TimePicker
                format={hhmm}
                minuteStep={5}
                needConfirm={false}
                style={{ width: '100%' }}
                aria-label={t('stations.closesAt')}
                data-testid="closes-at"
              />
            </Form.Item>
          </Form.Item>
        )}
        <Form.Item name="services" label={t('stations.services')}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="supplies" label={t('stations.supplies')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="phone" label={t('stations.phone')}>
          <Input maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
