import { App as AntApp, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../../../../shared/api';
import { showFormError } from '../../forms';
import { toFen, yuan } from './format';
import { useApplyForMember, useMemberSearch, type NewApplication, type Programme } from './queries';

interface ApplyForm {
  memberId: string;
  amountYuan?: number | null;
  reason?: string;
  bank?: string;
  accountNo?: string;
}

/** Members of the caller's unions, searched by name or full phone. */
export function MemberPicker({
  id,
  value,
  onChange,
  testId = 'apply-member',
}: {
  id?: string;
  value?: string;
  onChange?(id: string): void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useMemberSearch(q);
  const options = search.error ? [] : (search.data ?? []);
  // Searching members is the member managers' (members.policy): an officer without that role is told so.
  const forbidden = search.error instanceof ApiError && search.error.status === 403;
  return (
    <Select
      status={search.error ? 'error' : undefined}
      notFoundContent={
        search.error ? (forbidden ? t('benefitApps.memberSearchForbidden') : describeError(search.error)) : undefined
      }
      id={id}
      showSearch
      value={value}
      filterOption={false}
      onSearch={setQ}
      onChange={(v: string) => onChange?.(v)}
      aria-label={id ? undefined : t('a11y.member')}
      data-testid={testId}
      options={options.map((m) => ({ value: m.id, label: `${m.name} · ${m.phone} · ${m.org.name}` }))}
    />
  );
}

/** Staff apply on a member's behalf (memberId): the fields the member fills in, for someone who cannot use the app. */
export function ApplyForMember({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  // One key per dialog: a retried submit is the same application, not a second one.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const application = useApplyForMember(programme.id);
  const [form] = Form.useForm<ApplyForm>();
  const standard = programme.rules.standardAmountFen;

  async function submit(v: ApplyForm) {
    const body: NewApplication = {
      memberId: v.memberId,
      ...(standard === undefined && v.amountYuan !== null && v.amountYuan !== undefined
        ? { amountFen: toFen(v.amountYuan) }
        : {}),
      ...(v.bank || v.accountNo ? { payee: { bank: v.bank ?? '', accountNo: v.accountNo ?? '' } } : {}),
      ...(v.reason ? { details: { reason: v.reason } } : {}),
    };
    try {
      const created = await application.mutateAsync({ body, key });
      void message.success(t('benefitApps.applied', { name: created.member.name }));
      setOpen(false);
      setKey(crypto.randomUUID());
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message, {
        amountFen: 'amountYuan',
        'payee.bank': 'bank',
        'payee.accountNo': 'accountNo',
        'details.reason': 'reason',
        details: 'reason',
      });
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={!programme.open} data-testid="apply-for-member">
        {t('benefitApps.applyForMember')}
      </Button>
      <Modal
        open={open}
        title={t('benefitApps.applyForMember')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: application.isPending }}
        destroyOnHidden
      >
        <Form<ApplyForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="memberId"
            label={t('benefitApps.pickMember')}
            extra={t('benefitApps.pickMemberHint')}
            rules={[{ required: true }]}
          >
            <MemberPicker />
          </Form.Item>
          {standard === undefined ? (
            <Form.Item name="amountYuan" label={t('benefitApps.amountYuan')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="apply-amount" />
            </Form.Item>
          ) : (
            <Form.Item label={t('benefitApps.amount')}>
              {yuan(standard)} · {t('benefitApps.amountStandard')}
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('benefitApps.reason')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="bank" label={t('benefitApps.payeeBank')}>
            <Input />
          </Form.Item>
          <Form.Item name="accountNo" label={t('benefitApps.payeeAccount')}>
            <Input inputMode="numeric" autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
