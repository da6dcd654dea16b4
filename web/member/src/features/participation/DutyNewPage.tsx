import { Button, List, Radio, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { fieldErrors, formErrorSummary, type FieldLabels } from '../../errors';
import { NavBar } from '../../NavBar';
import { PhotoField, photoIdsOf, type PhotoItem } from '../../PhotoField';
import { points } from './ScoreCard';
import {
  recordableGroups,
  shanghaiToday,
  uploadDutyPhoto,
  useIndicators,
  useMyCongresses,
  useRecordDuty,
} from './dutyQueries';
import './words';

/** The API's paths of the form's fields → their labels (field.*). */
const formFields: FieldLabels = {
  indicatorCode: 'indicator',
  occurredOn: 'occurredOn',
  note: 'dutyNote',
  photoIds: 'dutyPhotos',
};

/**
 * 记录履职: the representative picks what they did — an indicator of the term's model, grouped by first level
 * (大会期间 / 闭会期间; the automatically counted ones are not offered) — the day, and a note; staff confirm it.
 */
export function DutyNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const congresses = useMyCongresses();
  const congress = congresses.data?.find((c) => c.id === params.get('congressId')) ?? congresses.data?.[0];
  const model = useIndicators(congress?.id);
  const record = useRecordDuty(congress?.id ?? '');
  const today = shanghaiToday();
  const [indicatorCode, setIndicatorCode] = useState('');
  const [occurredOn, setOccurredOn] = useState(today);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const back = () => navigate(congress ? `/duties?congressId=${congress.id}` : '/duties');

  const error = congresses.error ?? model.error;
  if (error)
    return (
      <>
        <NavBar onBack={back}>{t('duties.record')}</NavBar>
        <ErrorState error={error} onRetry={() => void congresses.refetch()} />
      </>
    );
  if (!congresses.data || (congress && !model.data)) return <PageLoading />;
  // Not a representative of any term: the duties page says so.
  if (!congress) return <Navigate to="/duties" replace />;

  const fieldError = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;

  async function submit() {
    setErrors({});
    try {
      await record.mutateAsync({
        representativeId: congress!.representativeId,
        indicatorCode,
        occurredOn,
        note,
        photoIds: photoIdsOf(photos),
      });
      Toast.show({ icon: 'success', content: t('duties.recorded') });
      back();
    } catch (e) {
      setErrors(fieldErrors(e, formFields));
      Toast.show({ content: formErrorSummary(e, t, formFields) });
    }
  }

  const termEnd = congress.termEndsOn < today ? congress.termEndsOn : today;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('duties.record')}</NavBar>
      <Radio.Group value={indicatorCode} onChange={(v) => setIndicatorCode(String(v))}>
        {recordableGroups(model.data!).map((g) => (
          <List key={g.key} header={g.name} data-testid={`duty-group-${g.key}`}>
            {g.indicators.map((i) => (
              <List.Item
                key={i.code}
                extra={t('duties.pointsEach', { points: points(i.pointsPerRecord) })}
                description={i.maxPoints !== null ? t('duties.capAlone', { points: points(i.maxPoints) }) : undefined}
              >
                <Radio value={i.code} data-testid={`duty-indicator-${i.code}`}>
                  {i.name}
                </Radio>
              </List.Item>
            ))}
          </List>
        ))}
      </Radio.Group>
      <div style={{ margin: '0 12px' }}>{fieldError('indicatorCode')}</div>
      <List header={t('field.occurredOn')}>
        <List.Item>
          {/* The phone's own date picker; antd-mobile's Input takes no date bounds. */}
          <input
            type="date"
            className="adm-input-element"
            aria-label={t('field.occurredOn')}
            value={occurredOn}
            min={congress.termStartsOn}
            max={termEnd}
            onChange={(e) => setOccurredOn(e.target.value)}
            data-testid="duty-date"
          />
          {fieldError('occurredOn')}
        </List.Item>
      </List>
      <List header={t('field.dutyNote')}>
        <List.Item>
          <TextArea
            aria-label={t('field.dutyNote')}
            placeholder={t('duties.notePlaceholder')}
            value={note}
            onChange={setNote}
            rows={4}
            maxLength={1000}
            showCount
            data-testid="duty-note"
          />
          {fieldError('note')}
        </List.Item>
      </List>
      <List header={t('field.dutyPhotos')}>
        <List.Item description={t('duties.photosHint')}>
          <PhotoField
            value={photos}
            onChange={setPhotos}
            send={uploadDutyPhoto}
            maxCount={3}
            label={t('field.dutyPhotos')}
            testId="duty-photos"
            error={fieldError('photoIds')}
          />
        </List.Item>
      </List>
      <div style={{ margin: 12 }}>
        <Button
          block
          color="primary"
          loading={record.isPending}
          disabled={!indicatorCode || !note.trim()}
          onClick={() => void submit()}
          data-testid="duty-submit"
        >
          {t('duties.submit')}
        </Button>
        <div className="su-hint" style={{ marginTop: 8 }}>
          {t('duties.submitHint')}
        </div>
      </div>
    </div>
  );
}
