import { App as AntApp, Alert, Button, Form, Input, InputNumber, Modal, Select, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../../../../shared/api';
import { FormSelect } from '../../FormSelect';
import { showFormError } from '../../forms';
import { hardshipCauses, hardshipLevels, toFen } from './format';
import {
  uploadHardshipFile,
  useLeadAction,
  type HardshipAction,
  type HardshipLevel,
  type Household,
  type LeadAction,
} from './queries';

interface Values {
  note?: string;
  reason?: string;
  level?: HardshipLevel;
  incomeYuan?: number;
  size?: number;
  causes?: Household['household']['causes'];
}

/** The refusal of the standard (archive, review) that the officer must understand to go on. */
const standardProblems = ['ABOVE_INCOME_LINE'] as const;
type StandardProblem = (typeof standardProblems)[number];

/** One workflow step on a household file, with what that step asks for. */
export function ActionModal({
  household,
  action,
  onClose,
  onSwitch,
}: {
  household: Household;
  action: HardshipAction | null;
  onClose(): void;
  /** Another action instead (archiving refused above the line: help case by case). */
  onSwitch(action: HardshipAction): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const step = useLeadAction(household.id);
  const [documents, setDocuments] = useState<UploadFile[]>([]);
  const [problem, setProblem] = useState<StandardProblem | null>(null);
  const uploading = documents.some((d) => d.status === 'uploading');

  function close() {
    form.resetFields();
    setDocuments([]);
    setProblem(null);
    onClose();
  }

  function bodyOf(v: Values): LeadAction | null {
    const note = v.note?.trim() ? { note: v.note.trim() } : {};
    switch (action) {
      case 'verify': {
        const documentIds = documents.flatMap((d) => (d.status === 'done' && d.response ? [d.response as string] : []));
        return { action, note: v.note ?? '', ...(documentIds.length ? { documentIds } : {}) };
      }
      case 'archive':
        return { action, level: v.level!, ...note };
      case 'help_case_by_case':
        return { action, ...note };
      case 'reject':
        return { action, reason: v.reason ?? '' };
      case 'review':
        return {
          action,
          note: v.note ?? '',
          ...(v.incomeYuan !== undefined && v.incomeYuan !== null ? { monthlyIncomeFen: toFen(v.incomeYuan) } : {}),
          ...(v.size ? { size: v.size } : {}),
          ...(v.causes?.length ? { causes: v.causes } : {}),
          ...(v.level ? { level: v.level } : {}),
        };
      case 'close':
      case 'reopen':
        return { action, note: v.note ?? '' };
      default:
        return null;
    }
  }

  async function submit(v: Values) {
    const body = bodyOf(v);
    if (!body) return;
    setProblem(null);
    try {
      await step.mutateAsync(body);
      void message.success(t('hardship.done'));
      close();
    } catch (e) {
      if (e instanceof ApiError && (standardProblems as readonly string[]).includes(e.code))
        setProblem(e.code as StandardProblem);
      // The form names the income in yuan; the API in fen.
      else showFormError(form, e, message, { monthlyIncomeFen: 'incomeYuan' });
    }
  }

  const levelOptions = hardshipLevels.map((l) => ({ value: l, label: t(`hardshipLevel.${l}`) }));
  const noteLabel =
    action === 'verify'
      ? t('hardship.verifyNote')
      : action === 'review'
        ? t('hardship.reviewNote')
        : action === 'close'
          ? t('hardship.closeNote')
          : action === 'reopen'
            ? t('hardship.reopenNote')
            : t('hardship.actionNote');
  const noteRequired = action === 'verify' || action === 'review' || action === 'close' || action === 'reopen';

  return (
    <Modal
      open={action !== null}
      title={action ? t(`hardshipAction.${action}`) : ''}
      onCancel={close}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: uploading, loading: step.isPending, 'data-testid': 'action-ok' }}
      destroyOnHidden
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          data-testid={`problem-${problem}`}
          message={t('hardship.aboveLine')}
          action={
            household.actions.includes('help_case_by_case') && action === 'archive' ? (
              <Button
                size="small"
                onClick={() => {
                  setProblem(null);
                  onSwitch('help_case_by_case');
                }}
                data-testid="switch-case-by-case"
              >
                {t('hardshipAction.help_case_by_case')}
              </Button>
            ) : null
          }
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={() => setProblem(null)}>
        {action === 'archive' && (
          <Form.Item
            name="level"
            label={t('hardship.level')}
            extra={t('hardship.levelHint')}
            rules={[{ required: true }]}
          >
            <FormSelect options={levelOptions} data-testid="action-level" />
          </Form.Item>
        )}
        {action === 'reject' ? (
          <Form.Item name="reason" label={t('hardship.rejectReason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="action-reason" />
          </Form.Item>
        ) : (
          <Form.Item name="note" label={noteLabel} rules={[{ required: noteRequired, max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
          </Form.Item>
        )}
        {action === 'review' && (
          <>
            <Alert type="info" message={t('hardship.reviewChanges')} style={{ marginBottom: 12 }} />
            <Form.Item name="level" label={t('hardship.newLevel')} extra={t('hardship.levelHint')}>
              <Select options={levelOptions} allowClear data-testid="action-level" />
            </Form.Item>
            <Form.Item name="incomeYuan" label={t('hardship.newIncomeYuan')}>
              <InputNumber min={0} max={1_000_000} precision={2} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="size" label={t('hardship.newSize')}>
              <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} data-testid="review-size" />
            </Form.Item>
            <Form.Item name="causes" label={t('hardship.newCauses')}>
              <Select
                mode="multiple"
                allowClear
                options={hardshipCauses.map((c) => ({ value: c, label: t(`hardshipCause.${c}`) }))}
              />
            </Form.Item>
          </>
        )}
        {action === 'verify' && (
          <Form.Item label={t('hardship.documents')}>
            <div data-testid="verify-documents">
              <Upload
                multiple
                maxCount={10}
                fileList={documents}
                onChange={({ fileList }) => setDocuments(fileList)}
                customRequest={({ file, onSuccess, onError }) => {
                  uploadHardshipFile(file as File).then(
                    (uploaded) => onSuccess?.(uploaded.id),
                    (e: unknown) => {
                      void message.error(describeError(e));
                      onError?.(e as Error);
                    },
                  );
                }}
                accept="image/png,image/jpeg,application/pdf"
              >
                <Button>{uploading ? t('hardship.uploading') : t('hardship.upload')}</Button>
              </Upload>
            </div>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
