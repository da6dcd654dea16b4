import {
  Button,
  Checkbox,
  Dialog,
  Form,
  ImageUploader,
  Input,
  Selector,
  Space,
  TextArea,
  Toast,
  type ImageUploadItem,
} from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { hardshipCauses, hardshipChannels } from '../../../../../shared/labels';
import { basePath, type ApiIssue } from '../../../../shared/api';
import type { FieldLabels } from '../../errors';
import { NavBar } from '../../NavBar';
import { useNamedThumbnails } from '../programmes/thumbnails';
import { useFieldWorker } from './fieldApi';
import { enqueue, flushOutbox, outboxItems, startOutbox, takeBack, type OutboxItem } from './outbox';
import * as store from './store';
import {
  checkSurvey,
  emptySurvey,
  fromLeadBody,
  isEmptySurvey,
  maxPhotos,
  readDraft,
  toLeadBody,
  type SurveyDraft,
} from './survey';
import './words';

/** The API's paths of the survey's fields → their labels (field.*). */
const formFields: FieldLabels = {
  'household.headName': 'headName',
  'household.idNumber': 'idNumber',
  'household.phone': 'phone',
  'household.regionCode': 'householdRegion',
  'household.address': 'address',
  'household.size': 'householdSize',
  'household.monthlyIncomeFen': 'income',
  'household.causes': 'causes',
  channel: 'channel',
  note: 'surveyNote',
  consent: 'consent',
  photoIds: 'surveyPhotos',
};

/** The server's issues under the fields they name (paths the form does not show stay in the toast). */
function serverErrors(issues: ApiIssue[]): Record<string, string> {
  const known = new Set(Object.keys(formFields));
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = basePath(issue.path);
    if (known.has(path) && !out[path]) out[path] = issue.message;
  }
  return out;
}

const regionKey = (staffId: string) => `su.field.region.${staffId}`;
const channelKey = (staffId: string) => `su.field.channel.${staffId}`;

type PhotoItem = ImageUploadItem & { extra: { fileName: string; mediaType: string } };

/**
 * 入户调查: the field worker's household survey (困难职工帮扶线索). Everything typed is kept on the phone as it is typed
 * (IndexedDB: the text and the photos as Blobs), so a lost signal, a reload or a closed page loses nothing; submitting
 * puts the lead in the outbox (outbox.ts), which sends it now if it can, else as soon as the connection returns.
 * `?fix=<outbox id>`: a lead the server refused for its fields, back on the form with the server's words on them.
 */
export function FieldSurveyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { worker } = useFieldWorker();
  const staffId = worker?.id ?? '';
  const defaults = {
    // The code this worker used last, else their union's own (their territory).
    regionCode: localStorage.getItem(regionKey(staffId)) ?? worker?.org.regionCode ?? '',
    channel: (hardshipChannels.find((c) => c === localStorage.getItem(channelKey(staffId))) ??
      '') as SurveyDraft['channel'],
  };
  const [draft, setDraft] = useState<SurveyDraft | null>(null);
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const photoBox = useRef<HTMLDivElement>(null);
  useNamedThumbnails(
    photoBox,
    photos.map((p) => p.extra.fileName),
    t('field.surveyPhotos'),
    draft !== null,
  );
  const fixId = params.get('fix');
  useEffect(() => startOutbox(), []);

  // The draft (or the refused lead to correct) and its photos, from the device.
  useEffect(() => {
    if (!staffId) return;
    let cancelled = false;
    const urls: string[] = [];
    void (async () => {
      let loaded: SurveyDraft | null = null;
      let issues: OutboxItem['issues'] = [];
      const refused = fixId ? (await outboxItems(staffId)).find((i) => i.id === fixId && i.state === 'invalid') : null;
      if (refused) {
        loaded = fromLeadBody(refused.body, refused.photos);
        issues = refused.issues ?? [];
        await store.put(store.stores.drafts, loaded, staffId);
        await takeBack(refused);
      } else loaded = readDraft(await store.get(store.stores.drafts, staffId));
      const next = loaded ?? emptySurvey(defaults);
      const items: PhotoItem[] = [];
      for (const p of next.photos) {
        const blob = await store.get<Blob>(store.stores.photos, p.key);
        if (!blob) continue;
        const url = URL.createObjectURL(blob);
        urls.push(url);
        items.push({ key: p.key, url, extra: { fileName: p.fileName, mediaType: p.mediaType } });
      }
      if (cancelled) return;
      setDraft({ ...next, photos: next.photos.filter((p) => items.some((i) => i.key === p.key)) });
      setPhotos(items);
      if (issues.length > 0) {
        setErrors(serverErrors(issues));
        Toast.show({ content: t('survey.form.fixHint') });
      }
    })();
    return () => {
      cancelled = true;
      urls.forEach((u) => URL.revokeObjectURL(u));
    };
    // Loaded once per worker and correction; `defaults` are read from storage on the spot.
  }, [staffId, fixId]);

  if (!worker) return <Navigate to="/field/login?next=/field/new" replace />;
  if (!draft) return null;

  const save = (next: SurveyDraft) => {
    setDraft(next);
    // Kept as typed; an empty form keeps nothing.
    if (isEmptySurvey(next, defaults)) void store.remove(store.stores.drafts, [staffId]);
    else void store.put(store.stores.drafts, next, staffId);
  };
  const edit = (path: string, patch: Partial<SurveyDraft>) => {
    save({ ...draft, ...patch });
    if (errors[path]) setErrors(({ [path]: _, ...rest }) => rest);
  };
  const fieldError = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;

  /** A photo taken or picked: kept on the phone (uploaded with the lead, when it is sent). */
  async function keepPhoto(file: File): Promise<PhotoItem> {
    const key = crypto.randomUUID();
    await store.put(store.stores.photos, file, key);
    return { key, url: URL.createObjectURL(file), extra: { fileName: file.name, mediaType: file.type } };
  }
  const photosChanged = (items: PhotoItem[]) => {
    const kept = new Set(items.map((i) => String(i.key)));
    const gone = draft.photos.filter((p) => !kept.has(p.key)).map((p) => p.key);
    if (gone.length > 0) void store.remove(store.stores.photos, gone);
    setPhotos(items);
    save({
      ...draft,
      photos: items.map((i) => ({ key: String(i.key), fileName: i.extra.fileName, mediaType: i.extra.mediaType })),
    });
  };

  async function discard() {
    if (!(await Dialog.confirm({ content: t('survey.form.discardConfirm') }))) return;
    await store.remove(
      store.stores.photos,
      draft!.photos.map((p) => p.key),
    );
    setPhotos([]);
    setErrors({});
    save(emptySurvey(defaults));
  }

  async function submit() {
    const problems = checkSurvey(draft!);
    if (Object.keys(problems).length > 0) {
      setErrors(Object.fromEntries(Object.entries(problems).map(([path, p]) => [path, t(`survey.problem.${p}`)])));
      Toast.show({ content: t(`survey.problem.${Object.values(problems)[0]}`) });
      return;
    }
    setBusy(true);
    try {
      const item = await enqueue(staffId, staffId, toLeadBody(draft!), draft!.photos);
      localStorage.setItem(regionKey(staffId), draft!.regionCode.trim());
      localStorage.setItem(channelKey(staffId), draft!.channel);
      if (navigator.onLine) await flushOutbox().catch(() => undefined);
      const now = (await outboxItems(staffId)).find((i) => i.id === item.id);
      if (now?.state === 'invalid') {
        // Refused for its fields: back on the form, as typed, with the server's words on the fields.
        await store.put(store.stores.drafts, draft, staffId);
        await takeBack(now);
        setErrors(serverErrors(now.issues ?? []));
        Toast.show({ content: now.message || t('survey.form.fixHint') });
        return;
      }
      Toast.show({
        icon: now?.state === 'sent' ? 'success' : undefined,
        content:
          now?.state === 'sent'
            ? t('survey.form.sent')
            : now?.state === 'exists'
              ? t('survey.form.exists')
              : t('survey.form.queued'),
      });
      navigate('/field', { replace: true });
    } finally {
      setBusy(false);
    }
  }

  const text = (
    path: string,
    key: 'headName' | 'idNumber' | 'phone' | 'regionCode' | 'address' | 'size' | 'incomeYuan',
    label: string,
    placeholder: string,
    extra: Partial<Parameters<typeof Input>[0]> = {},
  ) => (
    <Form.Item label={label}>
      <Input
        aria-label={label}
        value={draft[key]}
        onChange={(v) => edit(path, { [key]: v })}
        placeholder={placeholder}
        data-testid={`survey-${key}`}
        {...extra}
      />
      {fieldError(path)}
    </Form.Item>
  );

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar
        onBack={() => navigate('/field')}
        right={
          <button type="button" className="su-link su-tap" onClick={() => void discard()} data-testid="survey-discard">
            {t('survey.form.discard')}
          </button>
        }
      >
        {t('survey.form.title')}
      </NavBar>
      <div className="su-hint" style={{ padding: '8px 16px' }} data-testid="survey-draft-hint">
        {t('survey.form.draftKept')}
      </div>
      <Form
        layout="vertical"
        footer={
          <Button
            block
            color="primary"
            size="large"
            loading={busy}
            onClick={() => void submit()}
            data-testid="survey-submit"
          >
            {t('survey.form.submit')}
          </Button>
        }
      >
        <Form.Header>{t('survey.form.household')}</Form.Header>
        {text('household.headName', 'headName', t('field.headName'), t('survey.form.headNamePlaceholder'), {
          maxLength: 50,
        })}
        {text('household.idNumber', 'idNumber', t('field.idNumber'), t('survey.form.idNumberPlaceholder'), {
          maxLength: 18,
        })}
        {text('household.phone', 'phone', t('field.phone'), t('survey.form.phonePlaceholder'), {
          type: 'tel',
          inputMode: 'numeric',
          maxLength: 11,
        })}
        {text('household.regionCode', 'regionCode', t('field.householdRegion'), t('survey.form.regionPlaceholder'), {
          inputMode: 'numeric',
          maxLength: 6,
        })}
        {text('household.address', 'address', t('field.address'), t('survey.form.addressPlaceholder'), {
          maxLength: 200,
        })}
        {text('household.size', 'size', t('field.householdSize'), t('survey.form.sizePlaceholder'), {
          inputMode: 'numeric',
          maxLength: 2,
        })}
        {text('household.monthlyIncomeFen', 'incomeYuan', t('field.income'), t('survey.form.incomePlaceholder'), {
          inputMode: 'decimal',
          maxLength: 10,
        })}
        <Form.Header>{t('survey.form.situation')}</Form.Header>
        <Form.Item label={t('field.causes')}>
          <Checkbox.Group
            value={draft.causes}
            onChange={(v) =>
              edit('household.causes', { causes: hardshipCauses.filter((c) => (v as string[]).includes(c)) })
            }
          >
            <Space wrap data-testid="survey-causes">
              {hardshipCauses.map((c) => (
                <Checkbox key={c} value={c} data-testid={`survey-cause-${c}`}>
                  {t(`survey.hardshipCause.${c}`)}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
          {fieldError('household.causes')}
        </Form.Item>
        <Form.Item label={t('field.channel')}>
          <Selector
            columns={3}
            options={hardshipChannels.map((c) => ({ value: c, label: t(`survey.hardshipChannel.${c}`) }))}
            value={draft.channel ? [draft.channel] : []}
            onChange={(v) => edit('channel', { channel: (v[0] ?? '') as SurveyDraft['channel'] })}
            data-testid="survey-channel"
          />
          {fieldError('channel')}
        </Form.Item>
        <Form.Item label={t('field.surveyNote')}>
          <TextArea
            aria-label={t('field.surveyNote')}
            value={draft.note}
            onChange={(v) => edit('note', { note: v })}
            placeholder={t('survey.form.notePlaceholder')}
            rows={4}
            maxLength={2000}
            showCount
            data-testid="survey-note"
          />
          {fieldError('note')}
        </Form.Item>
        <Form.Item label={t('field.surveyPhotos')} description={t('survey.form.photosHint')}>
          <div ref={photoBox} data-testid="survey-photos">
            <ImageUploader
              value={photos}
              onChange={(items) => photosChanged(items as PhotoItem[])}
              upload={keepPhoto}
              maxCount={maxPhotos}
              multiple
              accept="image/png,image/jpeg"
            />
          </div>
          {fieldError('photoIds')}
        </Form.Item>
        <Form.Item label={t('field.consent')}>
          <Checkbox
            checked={draft.consent}
            onChange={(v) => edit('consent', { consent: v })}
            data-testid="survey-consent"
          >
            {t('survey.form.consent')}
          </Checkbox>
          {fieldError('consent')}
        </Form.Item>
      </Form>
    </div>
  );
}
