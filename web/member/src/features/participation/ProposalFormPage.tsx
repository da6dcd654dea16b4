import { Button, Empty, Form, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { fieldErrors, formErrorSummary, type FieldLabels } from '../../errors';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import { DocumentUploader, type DocumentItem } from '../programmes/DocumentUploader';
import { CosignerPicker, type PickedCosigner } from './CosignerPicker';
import {
  proposalCategories,
  uploadProposalAttachment,
  useProposal,
  useProposalAction,
  useSubmitProposal,
  type Proposal,
  type ProposalCategory,
  type RepresentedCongress,
} from './proposals.queries';
import { useMyCongresses } from './queries';
import './words';

/** The form's fields as the API names them (VALIDATION_FAILED issues[].path). */
const formFields: FieldLabels = {
  congressId: 'congressId',
  title: 'title',
  body: 'body',
  category: 'category',
  coSignerIds: 'coSignerIds',
  attachmentIds: 'attachmentIds',
};

interface Draft {
  congressId: string | undefined;
  title: string;
  body: string;
  category: ProposalCategory | undefined;
  coSigners: PickedCosigner[];
}

const pdfOrImageTile = (a: Proposal['attachments'][number]): DocumentItem => ({
  key: a.id,
  id: a.id,
  url: `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 80"><rect width="80" height="80" fill="#f5f5f5"/><text x="40" y="48" font-size="18" font-family="sans-serif" text-anchor="middle" fill="#333">${a.mediaType === 'application/pdf' ? 'PDF' : 'IMG'}</text></svg>`,
  )}`,
  extra: { id: a.id, fileName: a.fileName, mediaType: a.mediaType },
});

/**
 * A proposal's form: the congress (when I represent more than one term), title, the case and what should be done,
 * category, co-signers (a new proposal only: those named stay named on a resubmission) and attachments. Checked
 * here first (lengths, the category), then by the server, whose field messages go under the fields.
 */
function ProposalForm({
  congresses,
  initial,
  documents: initialDocuments = [],
  submitLabel,
  busy,
  send,
}: {
  /** New proposals only: the terms I may propose to. */
  congresses?: RepresentedCongress[];
  initial: Draft;
  documents?: DocumentItem[];
  submitLabel: string;
  busy: boolean;
  send(draft: Draft, attachmentIds: string[]): Promise<void>;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(initial);
  const [documents, setDocuments] = useState<DocumentItem[]>(initialDocuments);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [uploadError, setUploadError] = useState('');

  const edit = (path: string, patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (errors[path]) setErrors(({ [path]: _, ...rest }) => rest);
  };
  const fieldError = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;

  function localErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (congresses && !draft.congressId) out.congressId = t('proposals.pickCongress');
    const title = draft.title.trim();
    if (title.length < 2 || title.length > 100) out.title = t('proposals.titleLength');
    const body = draft.body.trim();
    if (body.length < 10 || body.length > 10_000) out.body = t('proposals.bodyLength');
    if (!draft.category) out.category = t('proposals.pickCategory');
    return out;
  }

  async function submit() {
    const local = localErrors();
    setErrors(local);
    if (Object.keys(local).length > 0) {
      Toast.show({ content: t('proposals.checkFields') });
      return;
    }
    try {
      await send(
        draft,
        documents.map((d) => d.id).filter((x): x is string => Boolean(x)),
      );
    } catch (e) {
      setErrors(fieldErrors(e, formFields));
      Toast.show({ content: formErrorSummary(e, t, formFields) });
    }
  }

  return (
    <Form
      layout="vertical"
      footer={
        <Button
          block
          color="primary"
          size="large"
          loading={busy}
          onClick={() => void submit()}
          data-testid="submit-proposal"
        >
          {submitLabel}
        </Button>
      }
    >
      {congresses && congresses.length > 1 && (
        <Form.Item label={t('proposals.congress')}>
          <Selector
            columns={1}
            options={congresses.map((c) => ({ value: c.id, label: c.name }))}
            value={draft.congressId ? [draft.congressId] : []}
            onChange={(v) => edit('congressId', { congressId: v[0], coSigners: [] })}
            data-testid="proposal-congress"
          />
          {fieldError('congressId')}
        </Form.Item>
      )}
      {congresses && congresses.length === 1 && (
        <Form.Item label={t('proposals.congress')}>
          <span data-testid="proposal-congress-name">{congresses[0]!.name}</span>
          {fieldError('congressId')}
        </Form.Item>
      )}
      <Form.Item label={t('proposals.titleLabel')} description={t('proposals.titleHint')}>
        <Input
          aria-label={t('proposals.titleLabel')}
          value={draft.title}
          onChange={(v) => edit('title', { title: v })}
          maxLength={100}
          placeholder={t('proposals.titlePlaceholder')}
          data-testid="proposal-title"
        />
        {fieldError('title')}
      </Form.Item>
      <Form.Item label={t('proposals.bodyLabel')} description={t('proposals.bodyHint')}>
        <TextArea
          // antd-mobile puts aria-label on its wrapper, not on the textarea: name the textarea itself.
          ref={(r) => r?.nativeElement?.setAttribute('aria-label', t('proposals.bodyLabel'))}
          value={draft.body}
          onChange={(v) => edit('body', { body: v })}
          maxLength={10_000}
          autoSize={{ minRows: 5, maxRows: 14 }}
          showCount
          data-testid="proposal-body"
        />
        {fieldError('body')}
      </Form.Item>
      <Form.Item label={t('proposals.category')}>
        <Selector
          columns={2}
          options={proposalCategories.map((c) => ({ value: c, label: t(`proposalCategory.${c}`) }))}
          value={draft.category ? [draft.category] : []}
          onChange={(v) => edit('category', { category: v[0] })}
          data-testid="proposal-category"
        />
        {fieldError('category')}
      </Form.Item>
      {congresses && (
        <Form.Item label={t('proposals.cosigners')} description={t('proposals.cosignersHint')}>
          <CosignerPicker
            congressId={draft.congressId}
            value={draft.coSigners}
            onChange={(coSigners) => edit('coSignerIds', { coSigners })}
          />
          {fieldError('coSignerIds')}
        </Form.Item>
      )}
      <Form.Item label={t('proposals.attachments')} description={t('proposals.attachmentsHint')}>
        <DocumentUploader
          documents={documents}
          onChange={(d) => {
            setDocuments(d);
            if (errors.attachmentIds) setErrors(({ attachmentIds: _, ...rest }) => rest);
          }}
          onError={(e) => setUploadError(formErrorSummary(e, t, {}))}
          onUploadStart={() => setUploadError('')}
          fallbackName={t('proposals.attachment')}
          store={uploadProposalAttachment}
        />
        {uploadError && (
          <div className="su-field-error" role="alert" data-testid="upload-error">
            {uploadError}
          </div>
        )}
        {fieldError('attachmentIds')}
      </Form.Item>
    </Form>
  );
}

const emptyDraft: Draft = { congressId: undefined, title: '', body: '', category: undefined, coSigners: [] };

/** 提交提案: for an active representative; the one key of this screen makes a retried submit count once. */
export function NewProposalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const submitProposal = useSubmitProposal(idempotencyKey);
  const { data, error, refetch } = useMyCongresses(me?.isMember ?? false);
  const terms = data?.filter((c) => c.status === 'active');

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/proposals')}>{t('proposals.new')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !me?.isMember ? (
        <Empty description={t('proposals.noneNotRepresentative')} />
      ) : !terms ? (
        <PageLoading />
      ) : terms.length === 0 ? (
        <Empty description={t('proposals.noneNotRepresentative')} data-testid="not-representative" />
      ) : (
        <ProposalForm
          congresses={terms}
          initial={{ ...emptyDraft, congressId: terms.length === 1 ? terms[0]!.id : undefined }}
          submitLabel={t('proposals.submit')}
          busy={submitProposal.isPending}
          send={async (d, attachmentIds) => {
            const created = await submitProposal.mutateAsync({
              congressId: d.congressId!,
              title: d.title.trim(),
              body: d.body.trim(),
              category: d.category!,
              coSignerIds: d.coSigners.map((c) => c.id),
              attachmentIds,
            });
            Toast.show({ icon: 'success', content: t('proposals.submitted') });
            navigate(`/proposals/${created.id}`, { replace: true });
          }}
        />
      )}
    </div>
  );
}

/** 修改后重新提交: the proposer edits a returned proposal and sends it back to the committee. */
export function EditProposalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: p, error, refetch } = useProposal(id);
  const action = useProposalAction(id);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate(`/proposals/${id}`)}>{t('proposals.edit')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !p ? (
        <PageLoading />
      ) : !p.availableActions.includes('resubmit') ? (
        <Empty description={t('proposals.cannotEdit')} data-testid="cannot-edit" />
      ) : (
        <>
          {p.reviewReason && (
            <div className="su-notice" role="note" style={{ margin: 12 }} data-testid="return-reason">
              {t('proposals.returnedBecause', { reason: p.reviewReason })}
            </div>
          )}
          <ProposalForm
            initial={{ ...emptyDraft, title: p.title, body: p.body, category: p.category }}
            documents={p.attachments.map(pdfOrImageTile)}
            submitLabel={t('proposals.resubmit')}
            busy={action.isPending}
            send={async (d, attachmentIds) => {
              await action.mutateAsync({
                action: 'resubmit',
                title: d.title.trim(),
                body: d.body.trim(),
                category: d.category!,
                attachmentIds,
              });
              Toast.show({ icon: 'success', content: t('proposals.resubmitted') });
              navigate(`/proposals/${id}`, { replace: true });
            }}
          />
        </>
      )}
    </div>
  );
}
