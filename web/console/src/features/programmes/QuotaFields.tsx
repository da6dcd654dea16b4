import { Col, DatePicker, Divider, Form, InputNumber, Row, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { honourLevels } from '../../../../../shared/labels.js';
import { FormSelect } from '../../FormSelect';
import type { Programme } from './queries';
import type { PriorityRule, QuotaRules } from './quota.queries';

const priorityKinds = ['honour_level', 'front_line', 'first_time'] as const;
type PriorityKind = (typeof priorityKinds)[number];

/** The quota as the form holds it: the event day as a date, the priority lists as the order they were picked in. */
export interface QuotaForm {
  places?: number;
  eventDate?: Dayjs;
  priority?: PriorityKind[];
  levels?: (typeof honourLevels)[number][];
}

/** Server paths of the quota → the form's fields (the lists are one field here). */
export const quotaFieldOf: Record<string, string> = {
  'rules.quota': 'rules.quota.places',
  'rules.quota.priority': 'rules.quota.priority',
};

/** rules.quota as the API takes it. */
export function quotaBody(v: QuotaForm): QuotaRules {
  const priority: PriorityRule[] = (v.priority ?? []).map((by) =>
    by === 'honour_level' ? { by, levels: v.levels ?? [] } : { by },
  );
  return { places: v.places ?? 0, eventDate: v.eventDate?.format('YYYY-MM-DD') ?? '', priority };
}

/** 劳模疗休养 / 免费体检: places, the event day and the priority lists, for the programme form (under rules.quota). */
export function QuotaFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const priority = Form.useWatch<PriorityKind[] | undefined>(['rules', 'quota', 'priority'], form);
  return (
    <>
      <Divider orientation="left" plain>
        {t('signups.quota')}
      </Divider>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name={['rules', 'quota', 'places']}
            label={t('signups.places')}
            extra={t('signups.placesHint')}
            rules={[{ required: true }]}
          >
            <InputNumber precision={0} min={1} max={10000} style={{ width: '100%' }} data-testid="quota-places" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={['rules', 'quota', 'eventDate']}
            label={t('signups.eventDate')}
            extra={t('signups.eventDateHint')}
            rules={[{ required: true }]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="quota-event-date" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={['rules', 'quota', 'priority']}
        label={t('signups.priorityLists')}
        extra={t('signups.priorityHint')}
      >
        <Select
          mode="multiple"
          allowClear
          options={priorityKinds.map((k) => ({ value: k, label: t(`signups.priority.${k}`) }))}
          data-testid="quota-priority"
        />
      </Form.Item>
      {priority?.includes('honour_level') && (
        <Form.Item name={['rules', 'quota', 'levels']} label={t('signups.priorityLevels')} rules={[{ required: true }]}>
          <FormSelect
            mode="multiple"
            options={honourLevels.map((l) => ({ value: l, label: t(`honourLevel.${l}`) }))}
            data-testid="quota-levels"
          />
        </Form.Item>
      )}
    </>
  );
}

/** The quota's rules in a line: places, the event day, the priority lists in order. */
export function QuotaSummary({ p }: { p: Programme }) {
  const { t } = useTranslation();
  const quota = p.rules.quota;
  if (!quota) return null;
  return (
    <Space size={4} wrap>
      <Tag data-testid="quota-places">{t('signups.placesN', { count: quota.places })}</Tag>
      <Tag>{t('signups.eventOn', { date: quota.eventDate })}</Tag>
      {quota.priority.length === 0 ? (
        <Tag>{t('signups.firstCome')}</Tag>
      ) : (
        quota.priority.map((r, i) => (
          <Tag key={r.by}>
            {i + 1}. {t(`signups.priority.${r.by}`)}
            {r.by === 'honour_level' && `（${r.levels.map((l) => t(`honourLevel.${l}`)).join(' → ')}）`}
          </Tag>
        ))
      )}
    </Space>
  );
}
