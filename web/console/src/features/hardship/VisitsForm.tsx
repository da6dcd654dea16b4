import { App as AntApp, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Space, Tag, Upload } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import type { OrgRef } from '../../api';
import { FormSelect } from '../../FormSelect';
import { showFormError } from '../../forms';
import { OrgPicker } from '../../OrgPicker';
import {
  uploadVisitPhoto,
  useRecordVisit,
  visitSubjects,
  type NewVisit,
  type UploadedPhoto,
  type Visit,
  type VisitSubject,
} from './visits.queries';

interface Values {
  subject: VisitSubject;
  householdId?: string;
  org?: OrgRef | null;
  place?: string;
  visitedOn: Dayjs;
  visitors: string[];
  peopleReached?: number | null;
  findings: string;
  followUp?: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** Shanghai's today: a visit is not recorded for a day still to come. */
const shanghaiToday = () => dayjs(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10));

/**
 * The record form of a visit (走访): the subject switches the fields — a household by its file number (fixed when
 * opened from a household page), platform workers or a work site with the union it counts for and the place.
 * One submit is one visit, whatever the retries (Idempotency-Key).
 */
export function VisitsForm({
  open,
  householdId,
  onClose,
  onRecorded,
}: {
  open: boolean;
  /** Opened from a household: the subject is that household. */
  householdId?: string | undefined;
  onClose(): void;
  onRecorded?(visit: Visit): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const recordVisit = useRecordVisit();
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    setUploading(true);
    try {
      const uploaded = await uploadVisitPhoto(file);
      setPhotos((p) => [...p, uploaded]);
    } catch (e) {
      void message.error(describeError(e));
    } finally {
      setUploading(false);
    }
  }
  const subject = Form.useWatch('subject', form) ?? (householdId ? 'household' : 'work_site');

  async function submit(v: Values) {
    const household = v.subject === 'household';
    const body: NewVisit = {
      subject: v.subject,
      visitedOn: v.visitedOn.format('YYYY-MM-DD'),
      visitors: v.visitors.map((n) => n.trim()).filter(Boolean),
      findings: v.findings,
      ...(household ? { householdId: householdId ?? v.householdId?.trim() } : {}),
      ...(!household && v.org ? { orgId: v.org.id } : {}),
      ...(!household && blank(v.place) ? { place: blank(v.place) } : {}),
      ...(v.peopleReached ? { peopleReached: v.peopleReached } : {}),
      ...(blank(v.followUp) ? { followUp: blank(v.followUp) } : {}),
      ...(photos.length > 0 ? { photoIds: photos.map((p) => p.id) } : {}),
    };
    try {
      const visit = await recordVisit.mutateAsync({ body, key });
      void message.success(t('hardshipVisits.recorded'));
      setKey(crypto.randomUUID());
      form.resetFields();
      setPhotos([]);
      onRecorded?.(visit);
      onClose();
    } catch (e) {
      showFormError(form, e, message, { orgId: 'org' });
    }
  }

  return (
    <Modal
      open={open}
      title={t('hardshipVisits.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: recordVisit.isPending, 'data-testid': 'save-visit' } as ButtonProps}
      width={600}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          subject: householdId ? 'household' : 'work_site',
          visitedOn: shanghaiToday(),
          visitors: [],
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="subject" label={t('hardshipVisits.subject')} hidden={householdId !== undefined}>
          <Radio.Group
            data-testid="visit-subject"
            options={visitSubjects.map((s) => ({ value: s, label: t(`hardshipVisits.subjectLabel.${s}`) }))}
          />
        </Form.Item>
        {subject === 'household' && householdId === undefined && (
          <Form.Item
            name="householdId"
            label={t('hardshipVisits.householdId')}
            extra={t('hardshipVisits.householdIdHelp')}
            rules={[{ required: true, pattern: uuid }]}
          >
            <Input data-testid="visit-household-id" allowClear />
          </Form.Item>
        )}
        {subject !== 'household' && (
          <>
            <Form.Item name="org" label={t('hardshipVisits.org')} extra={t('hardshipVisits.orgHelp')}>
              <OrgPicker />
            </Form.Item>
            <Form.Item name="place" label={t('hardshipVisits.place')} rules={[{ max: 200 }]}>
              <Input placeholder={t('hardshipVisits.placeHelp')} data-testid="visit-place" />
            </Form.Item>
          </>
        )}
        <Form.Item name="visitedOn" label={t('hardshipVisits.visitedOn')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')}
            data-testid="visit-date"
          />
        </Form.Item>
        <Form.Item
          name="visitors"
          label={t('hardshipVisits.visitors')}
          extra={t('hardshipVisits.visitorsHelp')}
          rules={[{ required: true, type: 'array', min: 1, max: 20 }]}
        >
          <FormSelect mode="tags" open={false} tokenSeparators={[',', '，', '、']} data-testid="visit-visitors" />
        </Form.Item>
        <Form.Item name="peopleReached" label={t('hardshipVisits.peopleReached')}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} data-testid="visit-people" />
        </Form.Item>
        <Form.Item name="findings" label={t('hardshipVisits.findings')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={4} data-testid="visit-findings" />
        </Form.Item>
        <Form.Item name="followUp" label={t('hardshipVisits.followUp')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} data-testid="visit-follow-up" />
        </Form.Item>
        <Form.Item label={t('hardshipVisits.photos')} extra={t('hardshipVisits.photosHelp')}>
          <Space wrap>
            {photos.map((p) => (
              <Tag key={p.id} closable onClose={() => setPhotos(photos.filter((x) => x.id !== p.id))}>
                {p.fileName}
              </Tag>
            ))}
            {photos.length < 6 && (
              <Upload
                accept="image/png,image/jpeg,application/pdf"
                showUploadList={false}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button loading={uploading} data-testid="visit-photo">
                  {t('hardshipVisits.upload')}
                </Button>
              </Upload>
            )}
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
