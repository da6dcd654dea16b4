import { App as AntApp, Button, Descriptions, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import type { ClaimComputation } from './kinds.queries';
import { ClaimResult } from './MutualAidClaim';
import type { Application } from './queries';
import { placementOf } from './WorkStudyTab';

const extensionOf: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

/**
 * The application's documents, each opened in a new tab or saved (GET …/attachments/{fileId}, behind the token: read
 * as a blob, so the bearer token never goes into an address).
 */
export function Attachments({ a }: { a: Application }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  if (a.attachments.length === 0) return <>{t('benefitApps.noAttachments')}</>;

  async function fetchFile(fileId: string, i: number, save: boolean) {
    // The tab is opened before the file is read, while the click still counts as the user's (no pop-up block).
    const tab = save ? null : window.open('', '_blank');
    try {
      const blob = await api.blob(`/api/v1/applications/${a.id}/attachments/${fileId}`);
      const url = URL.createObjectURL(blob);
      if (tab) tab.location.href = url;
      else {
        const link = document.createElement('a');
        link.href = url;
        link.download = `${t('applicationDetails.attachmentN', { n: i + 1 })}.${extensionOf[blob.type] ?? 'bin'}`;
        document.body.appendChild(link);
        link.click();
        link.remove();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      tab?.close();
      void message.error(describeError(e));
    }
  }

  return (
    <Space direction="vertical" size={2} data-testid="application-attachments">
      {a.attachments.map((fileId, i) => (
        <Space key={fileId} size={4}>
          <Typography.Text>{t('applicationDetails.attachmentN', { n: i + 1 })}</Typography.Text>
          <Button size="small" onClick={() => void fetchFile(fileId, i, false)}>
            {t('applicationDetails.open')}
          </Button>
          <Button size="small" onClick={() => void fetchFile(fileId, i, true)}>
            {t('applicationDetails.download')}
          </Button>
        </Space>
      ))}
    </Space>
  );
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The kind's details in words, as Descriptions items (antd reads its items' props, so this is a function, not a
 * component): the student (金秋助学), the fund's reason (特殊困难帮扶金), the job and employing unit (勤工俭学), the bills
 * and their computation (医疗互助); anything else as it was sent.
 */
export function kindDetailItems(a: Application, t: TFunction): ReactNode[] {
  const d = a.details;
  const item = (key: string, label: string, value: ReactNode, span = 1) =>
    value === undefined || value === null || value === '' ? null : (
      <Descriptions.Item key={key} label={label} span={span}>
        {value}
      </Descriptions.Item>
    );
  const kind = a.programme.kind;
  if (kind === 'work_study') {
    const p = placementOf(d);
    return [
      item(
        'student',
        t('workStudy.student'),
        [p.student?.name, p.student?.school, p.student?.major].filter(Boolean).join(' · '),
      ),
      item(
        'jobType',
        t('workStudy.jobType'),
        p.jobType ? t(`kindLabels.jobType.${p.jobType}`, { defaultValue: p.jobType }) : undefined,
      ),
      item('employer', t('workStudy.employer'), p.employerName),
      item('post', t('workStudy.post'), p.post),
      item(
        'workDays',
        t('workStudy.tab'),
        <Link to={`?tab=placements&placement=${a.id}`} data-testid="placement-work-days">
          {t('applicationDetails.workDays')}
        </Link>,
        2,
      ),
    ].filter(Boolean);
  }
  if (kind === 'medical_mutual_aid' && d.computation) {
    const bills = Array.isArray(d.bills) ? (d.bills as { admittedOn?: string; hospital?: string }[]) : [];
    return [
      item(
        'bills',
        t('applicationDetails.bills'),
        bills.map((b, i) => (
          <div key={i}>
            {t('mutualAid.billN', { n: i + 1 })}: {[b.hospital, b.admittedOn].filter(Boolean).join(' · ')}
          </div>
        )),
        2,
      ),
      item(
        'computation',
        t('applicationDetails.computation'),
        <ClaimResult computation={d.computation as ClaimComputation} />,
        2,
      ),
    ];
  }
  const known = new Set<string>();
  const out: ReactNode[] = [];
  if (kind === 'student_aid') {
    for (const k of ['studentName', 'school', 'grade', 'enrolment']) known.add(k);
    out.push(
      item('studentName', t('applicationDetails.studentName'), text(d.studentName)),
      item('school', t('applicationDetails.school'), text(d.school)),
      item('grade', t('applicationDetails.grade'), text(d.grade)),
      item(
        'enrolment',
        t('applicationDetails.enrolment'),
        text(d.enrolment) &&
          t(`applicationDetails.enrolmentValue.${String(d.enrolment)}`, { defaultValue: String(d.enrolment) }),
      ),
    );
  }
  if (kind === 'model_worker_fund' && ['injury', 'serious_illness', 'disaster'].includes(String(d.reason))) {
    known.add('reason');
    known.add('description');
    out.push(
      item('reason', t('applicationDetails.fundReason'), t(`applicationDetails.fundReasonValue.${String(d.reason)}`)),
      item('description', t('applicationDetails.description'), text(d.description), 2),
    );
  }
  for (const [k, v] of Object.entries(d))
    if (!known.has(k))
      out.push(item(k, k === 'reason' ? t('benefitApps.reason') : k, typeof v === 'string' ? v : JSON.stringify(v), 2));
  return out.filter(Boolean);
}
