import {
  Button,
  Cascader,
  type CascaderOption,
  Form,
  ImageUploader,
  Input,
  Radio,
  Selector,
  Space,
  TextArea,
  Toast,
  type ImageUploadItem,
} from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fieldErrors, formErrorSummary, humanError, type FieldLabels } from '../../errors';
import { regionLabel, regionPath, useRegions } from '../../../../shared/regions';
import { uploadEvidence, useFileCase, type FileCaseBody } from './queries';
import { categories } from './types';

const draftKey = 'su.legal.draft';
/** What the server takes as evidence (it sniffs the bytes; this only narrows the phone's picker). */
const evidenceTypes = 'image/png,image/jpeg,application/pdf';
const pdfTile = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 80"><rect width="80" height="80" fill="#fff1f0"/><text x="40" y="48" font-size="20" font-family="sans-serif" text-anchor="middle" fill="#cf1322">PDF</text></svg>',
)}`;

interface Draft {
  kind: FileCaseBody['kind'];
  category: FileCaseBody['category'][];
  employerName: string;
  regionCode: string;
  employerAddress: string;
  description: string;
  amountYuan: string;
}

/**
 * A picker option that a keyboard reaches and chooses (Tab, Enter or Space): antd-mobile's list items
 * take only taps. The key press clicks the option, which the list item hears as a tap.
 */
function keyboardOption(option: CascaderOption, { active }: { active: boolean }) {
  return (
    <span
      role="button"
      tabIndex={0}
      aria-current={active ? 'true' : undefined}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.currentTarget.click();
      }}
    >
      {option.label}
    </span>
  );
}

/** The API's paths of the form's fields → their labels (field.*). */
const formFields: FieldLabels = {
  kind: 'kind',
  category: 'category',
  description: 'description',
  amountClaimedFen: 'amount',
  'employer.name': 'employerName',
  'employer.regionCode': 'regionCode',
  'employer.address': 'employerAddress',
  attachmentIds: 'evidence',
};

const emptyDraft: Draft = {
  kind: 'mediation',
  category: [],
  employerName: '',
  regionCode: '',
  employerAddress: '',
  description: '',
  amountYuan: '',
};

/** The application form; what is typed is kept on the phone until it is filed, so a lost signal loses nothing. */
export function NewCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => {
    try {
      return { ...emptyDraft, ...(JSON.parse(localStorage.getItem(draftKey) ?? '{}') as Partial<Draft>) };
    } catch {
      return emptyDraft;
    }
  });
  const [evidence, setEvidence] = useState<(ImageUploadItem & { id?: string })[]>([]);
  const uploaderBox = useRef<HTMLDivElement>(null);
  // antd-mobile's uploader draws each thumbnail without alt text: name each one after its file for screen readers.
  useEffect(() => {
    const thumbnails = uploaderBox.current?.querySelectorAll('img') ?? [];
    thumbnails.forEach((img, i) => {
      img.alt = (evidence[i]?.extra as { fileName?: string } | undefined)?.fileName ?? t('legal.evidence');
    });
  }, [evidence, t]);
  const [uploadError, setUploadError] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const fileCase = useFileCase(idempotencyKey);
  const regions = useRegions();
  const [pickingRegion, setPickingRegion] = useState(false);
  const regionText = regionLabel(regions, draft.regionCode);

  useEffect(() => {
    localStorage.setItem(draftKey, JSON.stringify(draft));
  }, [draft]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  /** The server's message for a field, under it; it goes once the field is edited. */
  const fieldError = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;
  const edit = (path: string, patch: Partial<Draft>) => {
    set(patch);
    if (errors[path]) setErrors(({ [path]: _, ...rest }) => rest);
  };

  async function upload(file: File): Promise<ImageUploadItem & { id: string }> {
    const form = new FormData();
    form.append('file', file);
    setUploadError('');
    try {
      const stored = await uploadEvidence(form);
      // A PDF has no picture to preview: its tile shows a label, its name is listed below.
      const url = stored.mediaType === 'application/pdf' ? pdfTile : URL.createObjectURL(file);
      return { url, id: stored.id, extra: { fileName: stored.fileName } };
    } catch (e) {
      // The uploader only marks the file as failed; say why (too large, not a picture or PDF).
      setUploadError(humanError(e, t));
      throw e;
    }
  }

  async function submit() {
    setErrors({});
    try {
      const amount = draft.amountYuan ? Math.round(Number(draft.amountYuan) * 100) : undefined;
      const filed = await fileCase.mutateAsync({
        kind: draft.kind,
        // Not picked: the server names the missing field, on the field.
        category: draft.category[0] as FileCaseBody['category'],
        description: draft.description,
        ...(amount !== undefined && Number.isFinite(amount) ? { amountClaimedFen: amount } : {}),
        employer: {
          name: draft.employerName,
          regionCode: draft.regionCode,
          ...(draft.employerAddress ? { address: draft.employerAddress } : {}),
        },
        attachmentIds: evidence.map((e) => e.id).filter((x): x is string => Boolean(x)),
      });
      localStorage.removeItem(draftKey);
      Toast.show({ icon: 'success', content: t('legal.filed') });
      navigate(`/legal/cases/${filed.id}`, { replace: true });
    } catch (e) {
      setErrors(fieldErrors(e, formFields));
      Toast.show({ content: formErrorSummary(e, t, formFields) });
    }
  }

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/legal')}>{t('legal.apply')}</NavBar>
      <Form
        layout="vertical"
        footer={
          <Button
            block
            color="primary"
            size="large"
            loading={fileCase.isPending}
            onClick={() => void submit()}
            data-testid="file-case"
          >
            {t('legal.submit')}
          </Button>
        }
      >
        <Form.Item label={t('legal.kind')}>
          <Radio.Group value={draft.kind} onChange={(v) => edit('kind', { kind: v as Draft['kind'] })}>
            <Space>
              <Radio value="mediation">{t('caseKind.mediation')}</Radio>
              <Radio value="legal_aid">{t('caseKind.legal_aid')}</Radio>
            </Space>
          </Radio.Group>
          {fieldError('kind')}
        </Form.Item>
        <Form.Item label={t('legal.category')}>
          <Selector
            columns={3}
            options={categories.map((c) => ({ value: c, label: t(`caseCategory.${c}`) }))}
            value={draft.category}
            onChange={(v) => edit('category', { category: v })}
            data-testid="category"
          />
          {fieldError('category')}
        </Form.Item>
        <Form.Item label={t('legal.employer')}>
          <Input
            aria-label={t('legal.employer')}
            value={draft.employerName}
            onChange={(v) => edit('employer.name', { employerName: v })}
            placeholder={t('legal.employerPlaceholder')}
            data-testid="employer-name"
          />
          {fieldError('employer.name')}
        </Form.Item>
        <Form.Item
          label={<span id="region-label">{t('legal.region')}</span>}
          description={t('legal.regionHint')}
          arrowIcon
          clickable
          onClick={() => setPickingRegion(true)}
        >
          <span
            role="button"
            tabIndex={0}
            aria-labelledby="region-label region-value"
            aria-haspopup="dialog"
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setPickingRegion(true)}
            data-testid="region"
          >
            <span id="region-value" style={regionText ? undefined : { color: 'var(--adm-color-weak)' }}>
              {regionText || t('legal.regionPlaceholder')}
            </span>
          </span>
          {fieldError('employer.regionCode')}
        </Form.Item>
        {/* Outside the item: a click in the picker's popup must not reach the item and open it again. */}
        <Cascader
          title={t('legal.region')}
          options={regions?.tree ?? []}
          loading={!regions}
          visible={pickingRegion}
          value={regionPath(draft.regionCode)}
          placeholder={t('legal.regionPick')}
          onConfirm={(v) => edit('employer.regionCode', { regionCode: String(v[v.length - 1] ?? '') })}
          onClose={() => setPickingRegion(false)}
          optionRender={keyboardOption}
        />
        <Form.Item label={t('legal.employerAddress')}>
          <Input
            aria-label={t('legal.employerAddress')}
            value={draft.employerAddress}
            onChange={(v) => edit('employer.address', { employerAddress: v })}
          />
          {fieldError('employer.address')}
        </Form.Item>
        <Form.Item label={t('legal.description')}>
          <TextArea
            aria-label={t('legal.description')}
            value={draft.description}
            onChange={(v) => edit('description', { description: v })}
            rows={4}
            maxLength={5000}
            showCount
            placeholder={t('legal.descriptionPlaceholder')}
            data-testid="description"
          />
          {fieldError('description')}
        </Form.Item>
        <Form.Item label={t('legal.amount')}>
          <Input
            aria-label={t('legal.amount')}
            type="number"
            value={draft.amountYuan}
            onChange={(v) => edit('amountClaimedFen', { amountYuan: v })}
            placeholder="0.00"
            data-testid="amount"
          />
          {fieldError('amountClaimedFen')}
        </Form.Item>
        <Form.Item label={t('legal.evidence')}>
          <div ref={uploaderBox}>
            <ImageUploader
              value={evidence}
              onChange={setEvidence}
              upload={upload}
              maxCount={9}
              multiple
              accept={evidenceTypes}
            />
          </div>
          {evidence.length > 0 && (
            <ul data-testid="evidence-names" style={{ margin: '8px 0 0', paddingLeft: 20 }}>
              {evidence.map((e, i) => (
                <li key={e.id ?? i}>{(e.extra as { fileName?: string } | undefined)?.fileName}</li>
              ))}
            </ul>
          )}
          {uploadError && (
            <div role="alert" data-testid="evidence-error" style={{ color: 'var(--adm-color-danger)' }}>
              {uploadError}
            </div>
          )}
          {fieldError('attachmentIds')}
        </Form.Item>
      </Form>
    </div>
  );
}
