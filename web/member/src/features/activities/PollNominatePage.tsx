import { Button, Input, List, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { fieldErrors, formErrorSummary, type FieldLabels } from '../../errors';
import { NavBar } from '../../NavBar';
import { PhotoField, photoIdsOf, type PhotoItem } from '../../PhotoField';
import { maxEntryPhotos, uploadPollPhoto, useMyNominations, useNominate, usePoll, usePollEntry } from './polls.queries';
import './words';

/** The API's paths of the form's fields → their labels (field.*, added by the polls' words). */
const formFields: FieldLabels = { title: 'entryTitle', description: 'entryDescription', photoIds: 'entryPhotos' };

const statusColor = { pending: 'warning', live: 'success', rejected: 'danger', removed: 'default' } as const;

/** Why the union did not take a nomination: the note of its rejection. */
function RejectReason({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const entry = usePollEntry(entryId, true);
  const reason = entry.data?.timeline?.findLast((step) => step.toState === 'rejected')?.note;
  return reason ? <span data-testid="reject-reason">{t('polls.rejectedReason', { reason })}</span> : null;
}

/**
 * 推荐参评对象: a member nominates someone for the poll (a name, what they did, photos); the union reviews it before it
 * appears on the vote. Below, my nominations to this poll with their state and, if rejected, the reason.
 */
export function PollNominatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const poll = usePoll(id);
  const mine = useMyNominations(id);
  // One key per nomination: a retried tap sends it once; the next nomination is a new one.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const nominate = useNominate(id, idempotencyKey);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const back = () => navigate(`/polls/${id}`);

  if (poll.error)
    return (
      <>
        <NavBar onBack={back}>{t('polls.nominate')}</NavBar>
        <ErrorState error={poll.error} onRetry={() => void poll.refetch()} />
      </>
    );
  if (!poll.data) return <PageLoading />;

  const fieldError = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;

  async function submit() {
    setErrors({});
    if (!title.trim()) {
      setErrors({ title: t('polls.required') });
      return;
    }
    try {
      await nominate.mutateAsync({
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        photoIds: photoIdsOf(photos),
      });
      Toast.show({ icon: 'success', content: t('polls.nominated') });
      setTitle('');
      setDescription('');
      setPhotos([]);
      setIdempotencyKey(crypto.randomUUID());
    } catch (e) {
      setErrors(fieldErrors(e, formFields));
      Toast.show({ content: formErrorSummary(e, t, formFields) });
    }
  }

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('polls.nominate')}</NavBar>
      <div className="su-hint" style={{ padding: '12px 12px 0' }}>
        <strong>{poll.data.title}</strong>
        <div>{t('polls.nominateHint')}</div>
      </div>
      <List header={t('polls.entryTitle')}>
        <List.Item>
          <Input
            aria-label={t('polls.entryTitle')}
            placeholder={t('polls.entryTitlePlaceholder')}
            value={title}
            onChange={setTitle}
            maxLength={100}
            data-testid="nomination-title"
          />
          {fieldError('title')}
        </List.Item>
      </List>
      <List header={t('polls.entryDescription')}>
        <List.Item>
          <TextArea
            aria-label={t('polls.entryDescription')}
            placeholder={t('polls.entryDescriptionPlaceholder')}
            value={description}
            onChange={setDescription}
            rows={4}
            maxLength={2000}
            showCount
            data-testid="nomination-description"
          />
          {fieldError('description')}
        </List.Item>
      </List>
      <List header={t('polls.photos', { n: maxEntryPhotos })}>
        <List.Item>
          <PhotoField
            value={photos}
            onChange={setPhotos}
            send={uploadPollPhoto}
            maxCount={maxEntryPhotos}
            label={t('polls.photos', { n: maxEntryPhotos })}
            testId="nomination-photos"
            error={fieldError('photoIds')}
          />
        </List.Item>
      </List>
      <div style={{ margin: 12 }}>
        <Button
          block
          color="primary"
          loading={nominate.isPending}
          onClick={() => void submit()}
          data-testid="nomination-submit"
        >
          {t('polls.submit')}
        </Button>
      </div>
      {mine.data && mine.data.items.length > 0 && (
        <List header={t('polls.myNominations')} data-testid="my-nominations">
          {mine.data.items.map((n) => (
            <List.Item
              key={n.id}
              description={n.status === 'rejected' ? <RejectReason entryId={n.id} /> : undefined}
              extra={
                <Tag color={statusColor[n.status]} data-testid="nomination-status">
                  {t(`polls.nominationStatus.${n.status}`)}
                </Tag>
              }
              data-testid="my-nomination"
            >
              {n.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
