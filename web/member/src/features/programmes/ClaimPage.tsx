import { Button, Card, Form, Input, List, Tag, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { fieldIssues } from '../../../../shared/api';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import {
  claimDraftKey,
  emptyBill,
  loadClaimDraft,
  saveClaimDraft,
  type BillDraft,
  type ClaimDraft,
} from './claimDraft';
import { ClaimBills } from './ClaimBills';
import { DocumentUploader, documentTileOf, draftDocumentsOf, type DocumentItem } from './DocumentUploader';
import { useClaim, useMyMutualAid, type ClaimReply } from './kindQueries';
import { fenOf, maskAccount, programmeError, yuan } from './rules';
import './words';

const moneyFields = ['totalYuan', 'basicYuan', 'majorYuan'] as const;
/** The bill's text fields → the API's names (for the server's field issues, bills.<i>.<name>). */
const apiName: Record<keyof BillDraft, string> = {
  totalYuan: 'totalFen',
  basicYuan: 'basicInsuranceFen',
  majorYuan: 'majorIllnessFen',
  admittedOn: 'admittedOn',
  dischargedOn: 'dischargedOn',
  hospital: 'hospital',
  invoiceNo: 'invoiceNo',
};

/**
 * 医疗互助报销: the member's claim — each hospital bill with its total and what basic medical insurance and
 * major-illness insurance paid, the admission date, the hospital, the invoices' photos, the payee — kept on the phone
 * until sent. The server computes what is paid (each bill's self-paid part by the programme's tiers, within what is
 * left of the cap); the answer is shown bill by bill, band by band.
 */
export function ClaimPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { programmeId = '' } = useParams();
  const { me } = useSession();
  const standing = useMyMutualAid();
  const key = useMemo(() => crypto.randomUUID(), []);
  const claim = useClaim(key);
  const storageKey = claimDraftKey(me?.memberId ?? me?.accountId ?? '', programmeId);
  const [restored] = useState(() => loadClaimDraft(storageKey));
  const [draft, setDraft] = useState<ClaimDraft>(
    () => restored ?? { bills: [{ ...emptyBill }], bank: '', accountNo: '', documents: [] },
  );
  const [documents, setDocuments] = useState<DocumentItem[]>(() => draft.documents.map(documentTileOf));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [result, setResult] = useState<ClaimReply | null>(null);
  const [editingAccount, setEditingAccount] = useState(false);

  useEffect(() => {
    if (result) return;
    saveClaimDraft(storageKey, {
      ...draft,
      documents: draftDocumentsOf(documents),
    });
  }, [draft, documents, storageKey, result]);

  const enrolment = standing.data?.find((e) => e.programme.id === programmeId);
  const back = () => navigate('/mutual-aid');
  if (standing.error || !standing.data || !me)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('mutualAid.claim')}</NavBar>
        {standing.error ? (
          <ErrorState error={standing.error} onRetry={() => void standing.refetch()} />
        ) : (
          <PageLoading />
        )}
      </div>
    );

  const clear = (path: string) => {
    if (errors[path]) setErrors(({ [path]: _, ...rest }) => rest);
    setMessage('');
  };
  const editBill = (i: number, field: keyof BillDraft, value: string) => {
    setDraft((d) => ({ ...d, bills: d.bills.map((b, j) => (j === i ? { ...b, [field]: value } : b)) }));
    clear(`bills.${i}.${apiName[field]}`);
  };
  const error = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;

  async function submit() {
    setMessage('');
    const local: Record<string, string> = {};
    draft.bills.forEach((b, i) => {
      for (const f of moneyFields)
        if (fenOf(b[f]) === undefined) local[`bills.${i}.${apiName[f]}`] = t('programmes.required');
      if (!b.admittedOn) local[`bills.${i}.admittedOn`] = t('programmes.required');
    });
    if (draft.accountNo && !draft.bank.trim()) local['payee.bank'] = t('programmes.required');
    if (draft.bank.trim() && !draft.accountNo) local['payee.accountNo'] = t('programmes.required');
    setErrors(local);
    if (Object.keys(local).length > 0) {
      Toast.show({ content: t('programmes.checkFields') });
      return;
    }
    try {
      const reply = await claim.mutateAsync({
        programmeId,
        bills: draft.bills.map((b) => ({
          totalFen: fenOf(b.totalYuan)!,
          basicInsuranceFen: fenOf(b.basicYuan)!,
          majorIllnessFen: fenOf(b.majorYuan)!,
          admittedOn: b.admittedOn,
          ...(b.dischargedOn ? { dischargedOn: b.dischargedOn } : {}),
          ...(b.hospital.trim() ? { hospital: b.hospital.trim() } : {}),
          ...(b.invoiceNo.trim() ? { invoiceNo: b.invoiceNo.trim() } : {}),
        })),
        ...(draft.accountNo ? { payee: { bank: draft.bank.trim(), accountNo: draft.accountNo } } : {}),
        attachmentIds: documents.map((d) => d.id).filter((x): x is string => Boolean(x)),
      });
      localStorage.removeItem(storageKey);
      setResult(reply);
      Toast.show({ icon: 'success', content: t('mutualAid.sent') });
      window.scrollTo(0, 0);
    } catch (e) {
      const onFields: Record<string, string> = {};
      for (const issue of fieldIssues(e)) if (!onFields[issue.path]) onFields[issue.path] = issue.message;
      setErrors(onFields);
      const shown = Object.keys(onFields).some((p) => p.startsWith('bills.') || p.startsWith('payee.'));
      setMessage(shown ? t('programmes.checkFields') : programmeError(e, t));
    }
  }

  if (result) return <ClaimResult result={result} onBack={back} />;

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('mutualAid.claim')}</NavBar>
      {enrolment ? (
        <Card style={{ margin: 12 }}>
          <h2 className="su-title" style={{ margin: 0 }}>
            {enrolment.programme.title}
          </h2>
          <div className="su-hint" data-testid="claim-left">
            {t('mutualAid.leftOf', { left: yuan(enrolment.leftFen), cap: yuan(enrolment.capFen) })}
          </div>
        </Card>
      ) : (
        <div className="su-notice" role="alert" data-testid="claim-not-enrolled">
          {t('mutualAid.notEnrolled')}
        </div>
      )}
      <Form
        layout="vertical"
        footer={
          <>
            {message && (
              <div className="su-notice" role="alert" data-testid="claim-error" style={{ marginBottom: 12 }}>
                {message}
              </div>
            )}
            <Button
              block
              color="primary"
              size="large"
              loading={claim.isPending}
              onClick={() => void submit()}
              data-testid="submit-claim"
            >
              {t('mutualAid.send')}
            </Button>
          </>
        }
      >
        {restored && (
          <Form.Header>
            <span className="su-hint" role="status" data-testid="draft-restored">
              {t('programmes.draftRestored')}
            </span>
          </Form.Header>
        )}
        {draft.bills.map((b, i) => (
          <div key={i} data-testid="bill">
            {/* Inside a wrapper antd-mobile's Form.Header is not drawn: a heading of the same look. */}
            <h3
              style={{
                margin: 0,
                padding: '12px 12px 4px',
                fontSize: 15,
                fontWeight: 'normal',
                color: '#595959',
                background: '#f5f5f5',
              }}
            >
              {t('mutualAid.bill', { n: i + 1 })}
              {draft.bills.length > 1 && (
                <Button
                  size="mini"
                  fill="none"
                  color="danger"
                  style={{ marginLeft: 8 }}
                  onClick={() => setDraft((d) => ({ ...d, bills: d.bills.filter((_, j) => j !== i) }))}
                  data-testid="remove-bill"
                >
                  {t('mutualAid.removeBill')}
                </Button>
              )}
            </h3>
            {moneyFields.map((f) => (
              <Form.Item key={f} label={t(`mutualAid.field.${f}`)} description={t(`mutualAid.hint.${f}`)}>
                <Input
                  aria-label={`${t('mutualAid.bill', { n: i + 1 })} ${t(`mutualAid.field.${f}`)}`}
                  type="number"
                  inputMode="decimal"
                  placeholder="0.00"
                  value={b[f]}
                  onChange={(v) => editBill(i, f, v)}
                  data-testid={`bill-${f}`}
                />
                {error(`bills.${i}.${apiName[f]}`)}
              </Form.Item>
            ))}
            {(['admittedOn', 'dischargedOn'] as const).map((f) => (
              <Form.Item key={f} label={t(`mutualAid.field.${f}`)}>
                <Input
                  aria-label={`${t('mutualAid.bill', { n: i + 1 })} ${t(`mutualAid.field.${f}`)}`}
                  type="date"
                  value={b[f]}
                  onChange={(v) => editBill(i, f, v)}
                  data-testid={`bill-${f}`}
                />
                {error(`bills.${i}.${f}`)}
              </Form.Item>
            ))}
            {(['hospital', 'invoiceNo'] as const).map((f) => (
              <Form.Item key={f} label={t(`mutualAid.field.${f}`)}>
                <Input
                  aria-label={`${t('mutualAid.bill', { n: i + 1 })} ${t(`mutualAid.field.${f}`)}`}
                  value={b[f]}
                  maxLength={f === 'hospital' ? 100 : 50}
                  onChange={(v) => editBill(i, f, v)}
                  data-testid={`bill-${f}`}
                />
                {error(`bills.${i}.${f}`)}
              </Form.Item>
            ))}
          </div>
        ))}
        {error('bills')}
        {draft.bills.length < 20 && (
          <Form.Item>
            <Button
              block
              fill="outline"
              onClick={() => setDraft((d) => ({ ...d, bills: [...d.bills, { ...emptyBill }] }))}
              data-testid="add-bill"
            >
              {t('mutualAid.addBill')}
            </Button>
          </Form.Item>
        )}
        <Form.Header>{t('mutualAid.invoices')}</Form.Header>
        <Form.Item description={t('mutualAid.invoicesHint')}>
          <DocumentUploader
            documents={documents}
            onChange={setDocuments}
            onError={(e) => setMessage(programmeError(e, t))}
            fallbackName={t('mutualAid.invoices')}
            ready={Boolean(standing.data && !result)}
          />
          {error('attachmentIds')}
        </Form.Item>
        <Form.Header>{t('programmes.payee')}</Form.Header>
        <Form.Item label={t('programmes.payeeBank')} description={t('mutualAid.payeeHint')}>
          <Input
            aria-label={t('programmes.payeeBank')}
            value={draft.bank}
            maxLength={100}
            placeholder={t('programmes.payeeBankPlaceholder')}
            onChange={(v) => {
              setDraft((d) => ({ ...d, bank: v }));
              clear('payee.bank');
            }}
            data-testid="payee-bank"
          />
          {error('payee.bank')}
        </Form.Item>
        <Form.Item label={<span id="claim-account-label">{t('programmes.payeeAccount')}</span>}>
          {draft.accountNo && !editingAccount ? (
            <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
              <span data-testid="payee-account-masked" aria-labelledby="claim-account-label">
                {maskAccount(draft.accountNo)}
              </span>
              <Button size="small" className="su-tap" onClick={() => setEditingAccount(true)}>
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
              maxLength={32}
              placeholder={t('programmes.payeeAccountPlaceholder')}
              onChange={(v) => {
                setDraft((d) => ({ ...d, accountNo: v.replace(/\D/g, '') }));
                clear('payee.accountNo');
              }}
              onBlur={() => setEditingAccount(false)}
              data-testid="payee-account"
            />
          )}
          {error('payee.accountNo')}
        </Form.Item>
      </Form>
    </div>
  );
}

/** What the server computed: each bill's self-paid part cut into the tiers' bands, the cap, the amount. */
function ClaimResult({ result, onBack }: { result: ClaimReply; onBack(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const c = result.computation;
  const leftAfter = c.cap.leftBeforeFen - c.amountFen;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={onBack}>{t('mutualAid.result')}</NavBar>
      <Card style={{ margin: 12 }}>
        <div className="su-hint">{t('mutualAid.amount')}</div>
        <div className="su-title" style={{ fontSize: 28 }} data-testid="claim-amount">
          {yuan(c.amountFen)}
        </div>
        {c.capped && (
          <Tag color="warning" data-testid="claim-capped">
            {t('mutualAid.capped', { computed: yuan(c.computedFen) })}
          </Tag>
        )}
        <List style={{ marginTop: 8 }}>
          <List.Item extra={yuan(c.cap.limitFen)}>{t('mutualAid.cap')}</List.Item>
          <List.Item extra={yuan(c.cap.usedBeforeFen)}>{t('mutualAid.usedBefore')}</List.Item>
          <List.Item extra={<span data-testid="claim-left-after">{yuan(leftAfter)}</span>}>
            {t('mutualAid.leftAfter')}
          </List.Item>
        </List>
        <div className="su-hint" style={{ marginTop: 8 }}>
          {t('mutualAid.reviewNext')}
        </div>
      </Card>
      <ClaimBills computation={c} />
      <div style={{ padding: 12 }}>
        <Button
          block
          color="primary"
          onClick={() => navigate(`/applications/${result.application.id}`)}
          data-testid="open-claim"
        >
          {t('mutualAid.follow')}
        </Button>
      </div>
    </div>
  );
}
