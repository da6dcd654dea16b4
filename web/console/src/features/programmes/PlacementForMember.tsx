import { App as AntApp, Button, Col, Form, Input, Modal, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { workStudyJobTypes } from '../../../../../shared/labels.js';
import type { OrgRef } from '../../api';
import { FormSelect } from '../../FormSelect';
import { showFormError } from '../../forms';
import { OrgPicker } from '../../OrgPicker';
import { MemberPicker } from './ApplyForMember';
import { useApplyForMember, type NewApplication, type Programme } from './queries';

interface PlacementForm {
  memberId: string;
  jobType: (typeof workStudyJobTypes)[number];
  employer: OrgRef | null;
  post?: string;
  studentName: string;
  school: string;
  major?: string;
  bank?: string;
  accountNo?: string;
}

/** The API's detail paths → the form's fields. */
const fieldOf: Record<string, string> = {
  'details.jobType': 'jobType',
  'details.employerOrgId': 'employer',
  'details.post': 'post',
  'details.student.name': 'studentName',
  'details.student.school': 'school',
  'details.student.major': 'major',
  'payee.bank': 'bank',
  'payee.accountNo': 'accountNo',
};

/**
 * 勤工俭学: staff make a placement for a member's child (the member is the parent): the job type, the employing unit
 * (an org of the programme's subtree), the post, the student. No amount: the placement is paid by its work days.
 */
export function PlacementForMember({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  // One key per dialog: a retried submit is the same placement, not a second one.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const application = useApplyForMember(programme.id);
  const [form] = Form.useForm<PlacementForm>();

  async function submit(v: PlacementForm) {
    const body: NewApplication = {
      memberId: v.memberId,
      details: {
        jobType: v.jobType,
        employerOrgId: v.employer?.id ?? '',
        ...(v.post ? { post: v.post } : {}),
        student: { name: v.studentName, school: v.school, ...(v.major ? { major: v.major } : {}) },
      },
      ...(v.bank || v.accountNo ? { payee: { bank: v.bank ?? '', accountNo: v.accountNo ?? '' } } : {}),
    };
    try {
      const created = await application.mutateAsync({ body, key });
      void message.success(t('benefitApps.applied', { name: created.member.name }));
      setOpen(false);
      setKey(crypto.randomUUID());
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={!programme.open} data-testid="placement-for-member">
        {t('workStudy.placementForMember')}
      </Button>
      <Modal
        open={open}
        width={640}
        title={t('workStudy.placementForMember')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: application.isPending }}
        destroyOnHidden
      >
        <Form<PlacementForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="memberId"
            label={t('workStudy.parent')}
            extra={t('benefitApps.pickMemberHint')}
            rules={[{ required: true }]}
          >
            <MemberPicker testId="placement-member" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="studentName" label={t('workStudy.student')} rules={[{ required: true, max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="school" label={t('workStudy.school')} rules={[{ required: true, max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="major" label={t('workStudy.major')} rules={[{ max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="jobType" label={t('workStudy.jobType')} rules={[{ required: true }]}>
                <FormSelect
                  options={workStudyJobTypes.map((j) => ({ value: j, label: t(`kindLabels.jobType.${j}`) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name="employer"
                label={t('workStudy.employer')}
                extra={t('workStudy.employerHint')}
                rules={[{ required: true }]}
              >
                <OrgPicker style={{ width: '100%', minWidth: 0 }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="post" label={t('workStudy.post')} rules={[{ max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="bank" label={t('benefitApps.payeeBank')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="accountNo" label={t('benefitApps.payeeAccount')}>
                <Input inputMode="numeric" autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </>
  );
}
