import { App as AntApp, Button, DatePicker, Form, Modal, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { ImportModal } from '../../ImportModal';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { MemberPicker } from './ApplyForMember';
import { when } from './format';
import { enrolmentsQueryKey, useEnrol, useEnrolments, type Enrolment } from './kinds.queries';
import { MutualAidClaim } from './MutualAidClaim';
import type { Programme } from './queries';

interface EnrolForm {
  memberId: string;
  period?: [Dayjs, Dayjs] | null;
}

/** Enrols one member found by name or phone; the period defaults to the programme's window on the server. */
function EnrolMember({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const enrol = useEnrol(programme.id);
  const [form] = Form.useForm<EnrolForm>();

  async function submit(v: EnrolForm) {
    try {
      const created = await enrol.mutateAsync({
        memberId: v.memberId,
        ...(v.period ? { startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD') } : {}),
      });
      void message.success(t('mutualAid.enrolled', { name: created.member.name }));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message, { startsOn: 'period', endsOn: 'period' });
    }
  }

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="enrol-member">
        {t('mutualAid.enrol')}
      </Button>
      <Modal
        open={open}
        title={t('mutualAid.enrol')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: enrol.isPending }}
        destroyOnHidden
      >
        <Form<EnrolForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="memberId"
            label={t('benefitApps.pickMember')}
            extra={t('benefitApps.pickMemberHint')}
            rules={[{ required: true }]}
          >
            <MemberPicker testId="enrol-member-picker" />
          </Form.Item>
          <Form.Item name="period" label={t('mutualAid.period')} extra={t('mutualAid.periodHint')}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * 医疗互助: the members enrolled (参保) in the programme — one by one, or a unit's Excel list — the list exported, and a
 * claim filed for an enrolled member.
 */
export function EnrolmentsTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [importing, setImporting] = useState(false);
  const [claimFor, setClaimFor] = useState<Enrolment | null>(null);
  const list = useEnrolments(programme.id, org?.id);
  const unit = org ?? me?.org ?? null;

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgPicker value={org} onChange={setOrg} />
        <EnrolMember programme={programme} />
        <Button disabled={unit === null} onClick={() => setImporting(true)} data-testid="import-enrolments">
          {t('mutualAid.import')}
        </Button>
        <Button
          data-testid="export-enrolments"
          onClick={() =>
            void api
              .download(
                `/api/v1/programmes/${programme.id}/enrolments/export.xlsx${org ? `?orgId=${encodeURIComponent(org.id)}` : ''}`,
                `${t('mutualAid.exportName')}.xlsx`,
              )
              .catch((e: unknown) => message.error(describeError(e)))
          }
        >
          {t('mutualAid.export')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('mutualAid.listHint')}</Typography.Paragraph>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Enrolment>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="enrolments-table"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('benefitApps.member'), render: (_, e) => e.member.name, width: 110 },
          { title: t('mutualAid.phone'), render: (_, e) => e.member.phone, width: 130 },
          { title: t('mutualAid.idNumber'), render: (_, e) => e.member.idNumber ?? '—', width: 180 },
          { title: t('benefitApps.union'), render: (_, e) => e.org.name, width: 180 },
          { title: t('mutualAid.period'), render: (_, e) => `${e.startsOn} – ${e.endsOn}`, width: 210 },
          {
            title: t('mutualAid.source'),
            render: (_, e) => (e.source === 'manual' ? t('mutualAid.sourceManual') : t('mutualAid.sourceImport')),
            width: 100,
          },
          { title: t('mutualAid.enrolledAt'), render: (_, e) => when(e.createdAt), width: 170 },
          {
            title: t('mutualAid.claim'),
            width: 120,
            render: (_, e) => (
              <Button size="small" onClick={() => setClaimFor(e)} data-testid={`claim-for-${e.member.id}`}>
                {t('mutualAid.fileClaim')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      {unit && (
        <ImportModal
          org={unit}
          open={importing}
          onClose={() => setImporting(false)}
          target={{
            basePath: '/api/v1/mutual-aid/enrolment-imports',
            startPath: `/api/v1/programmes/${programme.id}/enrolments/imports`,
            refreshes: enrolmentsQueryKey(programme.id),
            templatePath: '/api/v1/mutual-aid/enrolment-template.xlsx',
            templateName: `${t('mutualAid.templateName')}.xlsx`,
            title: t('mutualAid.importTitle'),
            hint: t('mutualAid.importHint'),
          }}
        />
      )}
      <MutualAidClaim programme={programme} enrolment={claimFor} onClose={() => setClaimFor(null)} />
    </>
  );
}
