import { Button, Form, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fieldErrors } from '../../errors';
import { clearDraft, loadDraft, saveDraft, type ApplyDraft } from './draft';
import type { ApplyBody, Programme } from './queries';
import { DocumentUploader, documentTileOf, draftDocumentsOf, type DocumentItem } from './DocumentUploader';
import { EmployerPicker } from './EmployerPicker';
import {
  applyFormFields,
  computedAmountKinds,
  detailFieldsOf,
  detailsOf,
  duplicateOf,
  fenOf,
  maskAccount,
  programmeError,
  yuan,
  type DetailField,
} from './rules';
import './words';

/** What the form sends: the fields of a new application, or of a corrected one (`resubmit`). */
export type ApplicationInput = Pick<ApplyBody, 'amountFen' | 'payee' | 'details' | 'attachmentIds'>;

/**
 * The application form of a programme — amount (unless the programme pays a standard amount), payee, the kind's
 * details, documents — kept as a draft on the phone as it is typed and cleared once sent. `correcting`: the
 * application returned for correction (its amount, bank and details to start from; its account number stays
 * unless a new one is typed; documents are those already sent).
 */
export function ApplicationForm({
  programme,
  storageKey,
  correcting,
  submitLabel,
  sentMessage,
  busy,
  send,
}: {
  programme: Programme;
  storageKey: string;
  correcting?: { draft: ApplyDraft; accountMasked: string | null };
  submitLabel: string;
  sentMessage: string;
  busy: boolean;
  /** Sends the input and answers the application's id; throws the API's error (shown on the fields and above the button). */
  send(input: ApplicationInput): Promise<string>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [restored] = useState(() => loadDraft(storageKey));
  const [draft, setDraft] = useState<ApplyDraft>(
    () => restored ?? correcting?.draft ?? { amountYuan: '', bank: '', accountNo: '', details: {}, documents: [] },
  );
  const [documents, setDocuments] = useState<DocumentItem[]>(() => draft.documents.map(documentTileOf));
  const [editingAccount, setEditingAccount] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<{ message: string; applicationId: string | null } | null>(null);
  const [uploadError, setUploadError] = useState('');
  const standard = programme.rules.standardAmountFen;
  const fields = detailFieldsOf(programme);
  const computed = computedAmountKinds.includes(programme.kind);

  useEffect(() => {
    saveDraft(storageKey, {
      ...draft,
      documents: draftDocumentsOf(documents),
    });
  }, [draft, documents, storageKey]);

  const edit = (path: string, patch: Partial<ApplyDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (errors[path]) setErrors(({ [path]: _, ...rest }) => rest);
    setConflict(null);
  };
  const editDetail = (key: string, value: string) =>
    edit(`details.${key}`, { details: { ...draft.details, [key]: value } });
  /** The message for a field, under it; it goes once the field is edited. */
  const fieldError = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;

  /** What the form can tell before asking the server: the kind's required details, a payee given in full. */
  function localErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of fields)
      if (f.required && !draft.details[f.key]?.trim()) out[`details.${f.key}`] = t('programmes.required');
    const bank = draft.bank.trim();
    if (!correcting) {
      if (!bank) out['payee.bank'] = t('programmes.required');
      if (!draft.accountNo) out['payee.accountNo'] = t('programmes.required');
    } else if (bank !== correcting.draft.bank.trim() && !draft.accountNo) {
      out['payee.accountNo'] = t('programmes.accountAgain');
    }
    return out;
  }

  async function submit() {
    setConflict(null);
    const local = localErrors();
    setErrors(local);
    if (Object.keys(local).length > 0) {
      Toast.show({ content: t('programmes.checkFields') });
      return;
    }
    const amountFen = standard === undefined && !computed ? fenOf(draft.amountYuan) : undefined;
    const details = detailsOf(fields, draft.details);
    const payee = draft.accountNo ? { bank: draft.bank.trim(), accountNo: draft.accountNo } : undefined;
    try {
      const applicationId = await send({
        ...(amountFen !== undefined ? { amountFen } : {}),
        ...(payee ? { payee } : {}),
        details,
        ...(correcting ? {} : { attachmentIds: documents.map((d) => d.id).filter((x): x is string => Boolean(x)) }),
      });
      clearDraft(storageKey);
      Toast.show({ icon: 'success', content: sentMessage });
      navigate(`/applications/${applicationId}`, { replace: true });
    } catch (e) {
      const onFields = onDetailKeys(fieldErrors(e, { ...applyFormFields, ...detailPaths(fields) }), fields);
      setErrors(onFields);
      const message = programmeError(e, t, applyFormFields);
      if (Object.keys(onFields).length === 0) setConflict({ message, applicationId: duplicateOf(e) });
      Toast.show({ content: Object.keys(onFields).length > 0 ? t('programmes.checkFields') : message });
    }
  }

  return (
    <Form
      layout="vertical"
      footer={
        <>
          {conflict && (
            <div
              className="su-notice"
              role="alert"
              data-testid="apply-conflict"
              style={{ marginBottom: 12, whiteSpace: 'pre-line' }}
            >
              {conflict.message}
              {conflict.applicationId && (
                <Button
                  size="small"
                  fill="none"
                  color="primary"
                  className="su-tap"
                  onClick={() => navigate(`/applications/${conflict.applicationId}`)}
                  data-testid="open-existing"
                >
                  {t('programmes.openExisting')}
                </Button>
              )}
            </div>
          )}
          <Button
            block
            color="primary"
            size="large"
            loading={busy}
            onClick={() => void submit()}
            data-testid="submit-application"
          >
            {submitLabel}
          </Button>
        </>
      }
    >
      {restored && !correcting && (
        <Form.Header>
          <span className="su-hint" role="status" data-testid="draft-restored">
            {t('programmes.draftRestored')}
          </span>
        </Form.Header>
      )}
      <Form.Item
        label={t('programmes.amount')}
        description={standard === undefined && !computed ? t('programmes.amountHint') : ''}
      >
        {computed ? (
          <span data-testid="computed-amount">{t('programmes.computedAmount')}</span>
        ) : standard !== undefined ? (
          <span data-testid="standard-amount">{t('programmes.standardAmount', { amount: yuan(standard) })}</span>
        ) : (
          <Input
            aria-label={t('programmes.amount')}
            type="number"
            inputMode="decimal"
            value={draft.amountYuan}
            onChange={(v) => edit('amountFen', { amountYuan: v })}
            placeholder="0.00"
            data-testid="apply-amount"
          />
        )}
        {fieldError('amountFen')}
      </Form.Item>
      <Form.Item label={t('programmes.payeeBank')}>
        <Input
          aria-label={t('programmes.payeeBank')}
          value={draft.bank}
          onChange={(v) => edit('payee.bank', { bank: v })}
          placeholder={t('programmes.payeeBankPlaceholder')}
          maxLength={100}
          data-testid="payee-bank"
        />
        {fieldError('payee.bank')}
      </Form.Item>
      <Form.Item
        label={<span id="payee-account-label">{t('programmes.payeeAccount')}</span>}
        description={
          correcting?.accountMasked
            ? t('programmes.accountKeep', { account: correcting.accountMasked })
            : t('programmes.accountHint')
        }
      >
        {draft.accountNo && !editingAccount ? (
          <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
            <span data-testid="payee-account-masked" aria-labelledby="payee-account-label">
              {maskAccount(draft.accountNo)}
            </span>
            <Button
              size="small"
              className="su-tap"
              onClick={() => setEditingAccount(true)}
              data-testid="payee-account-change"
            >
              {t('programmes.change')}
            </Button>
          </div>
        ) : (
          <Input
            aria-label={t('programmes.payeeAccount')}
            inputMode="numeric"
            autoComplete="off"
            autoFocus={editingAccount}
            value={draft.accountNo}
            onChange={(v) => edit('payee.accountNo', { accountNo: v.replace(/\D/g, '') })}
            onBlur={() => setEditingAccount(false)}
            maxLength={32}
            placeholder={t('programmes.payeeAccountPlaceholder')}
            data-testid="payee-account"
          />
        )}
        {fieldError('payee.accountNo')}
      </Form.Item>
      {fields.map((f) => {
        const label = t(`programmes.detail.${f.key}`);
        return (
          <Form.Item key={f.key} label={label} description={t(`programmes.detailHint.${f.key}`, { defaultValue: '' })}>
            {f.input === 'org' ? (
              <EmployerPicker
                label={label}
                value={draft.details[f.key] ?? ''}
                name={draft.details[`${f.key}Name`] ?? ''}
                onPick={(id, name) =>
                  edit(`details.${f.key}`, { details: { ...draft.details, [f.key]: id, [`${f.key}Name`]: name } })
                }
              />
            ) : f.input === 'select' ? (
              <Selector
                columns={3}
                options={(f.options ?? []).map((o) => ({ value: o, label: t(`programmes.${f.key}.${o}`) }))}
                value={draft.details[f.key] ? [draft.details[f.key]!] : []}
                onChange={(v) => editDetail(f.key, v[0] ?? '')}
                data-testid={`detail-${f.key}`}
              />
            ) : f.input === 'textarea' ? (
              <TextArea
                // antd-mobile puts aria-label on its wrapper, not on the textarea: name the textarea itself.
                ref={(r) => r?.nativeElement?.setAttribute('aria-label', label)}
                value={draft.details[f.key] ?? ''}
                onChange={(v) => editDetail(f.key, v)}
                rows={3}
                maxLength={1000}
                showCount
                data-testid={`detail-${f.key}`}
              />
            ) : (
              <Input
                aria-label={label}
                value={draft.details[f.key] ?? ''}
                onChange={(v) => editDetail(f.key, v)}
                maxLength={100}
                data-testid={`detail-${f.key}`}
              />
            )}
            {fieldError(`details.${f.key}`)}
          </Form.Item>
        );
      })}
      {fieldError('details')}
      {!correcting && (
        <Form.Item label={t('programmes.documents')} description={t('programmes.documentsHint')}>
          <DocumentUploader
            documents={documents}
            onChange={setDocuments}
            onUploadStart={() => setUploadError('')}
            onError={(e) => setUploadError(programmeError(e, t))}
            fallbackName={t('programmes.documents')}
          />
          {uploadError && (
            <div role="alert" data-testid="document-error" style={{ color: 'var(--adm-color-danger)' }}>
              {uploadError}
            </div>
          )}
          {fieldError('attachmentIds')}
        </Form.Item>
      )}
    </Form>
  );
}

/** The detail fields' own paths (details.school, details.student.name …), so a server issue about one lands under it. */
const detailPaths = (fields: DetailField[]) =>
  Object.fromEntries(fields.map((f) => [`details.${f.path ?? f.key}`, `details`] as const));

/** Server paths (details.student.name) → the form's keys (details.studentName). */
function onDetailKeys(errors: Record<string, string>, fields: DetailField[]): Record<string, string> {
  const out = { ...errors };
  for (const f of fields) {
    const path = `details.${f.path ?? f.key}`;
    if (f.path && out[path] !== undefined) {
      out[`details.${f.key}`] = out[path]!;
      delete out[path];
    }
  }
  return out;
}
