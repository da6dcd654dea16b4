import { Button, Form, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { fieldErrors, formErrorSummary, type FieldLabels } from '../../errors';
import { NavBar } from '../../NavBar';
import { PhotoField, photoIdsOf, type PhotoItem } from '../../PhotoField';
import {
  ownStoryPhoto,
  uploadStoryPhoto,
  useMyCollections,
  useOwnStory,
  useStoryAction,
  useSubmitStory,
  type Story,
} from './stories.queries';
import './words';

/** The API's paths of the form's fields → their labels (field.*). */
const formFields: FieldLabels = {
  title: 'storyTitle',
  body: 'storyBody',
  photoIds: 'storyPhotos',
  videoUrl: 'storyVideo',
  collectionId: 'storyCollection',
};

/** 写故事: a new story (/stories/new), or a rejected one edited and sent again (/stories/:id/edit). */
export function NewStoryPage() {
  return <StoryForm />;
}

export function EditStoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const story = useOwnStory(id);
  if (story.error)
    return (
      <>
        <NavBar onBack={() => navigate('/stories/mine')}>{t('stories.editTitle')}</NavBar>
        <ErrorState error={story.error} onRetry={() => void story.refetch()} />
      </>
    );
  if (!story.data) return <PageLoading />;
  return <StoryForm story={story.data} />;
}

function StoryForm({ story }: { story?: Story }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [key] = useState(() => crypto.randomUUID());
  const submit = useSubmitStory(key);
  const resubmit = useStoryAction(story?.id ?? '', key);
  const [title, setTitle] = useState(story?.title ?? '');
  const [body, setBody] = useState(story?.body ?? '');
  const [videoUrl, setVideoUrl] = useState(story?.videoUrl ?? '');
  // A new story may answer a call for stories open now (an edited one stays in its call).
  const collections = useMyCollections(!story).data ?? [];
  const [collectionId, setCollectionId] = useState<string | null>(null);
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  // The photos the story has: local copies fetched behind the token, kept by id.
  const storyId = story?.id;
  const photoIds = story?.photos.map((p) => p.id).join(',') ?? '';
  useEffect(() => {
    if (!storyId || !photoIds) return;
    const controller = new AbortController();
    const made: string[] = [];
    void Promise.all(
      photoIds.split(',').map((fileId) =>
        ownStoryPhoto(storyId, fileId, controller.signal).then((blob) => {
          const url = URL.createObjectURL(blob);
          made.push(url);
          return { id: fileId, url };
        }),
      ),
    ).then(setPhotos, () => undefined);
    return () => {
      controller.abort();
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [storyId, photoIds]);

  async function send() {
    setErrors({});
    const content = {
      title,
      body,
      photoIds: photoIdsOf(photos),
      ...(videoUrl.trim() ? { videoUrl: videoUrl.trim() } : {}),
    };
    try {
      if (story) {
        await resubmit.mutateAsync({ action: 'resubmit', ...content });
        Toast.show({ icon: 'success', content: t('stories.resent') });
      } else {
        await submit.mutateAsync({ ...content, ...(collectionId ? { collectionId } : {}) });
        Toast.show({ icon: 'success', content: t('stories.sent') });
      }
      navigate('/stories/mine', { replace: true });
    } catch (e) {
      setErrors(fieldErrors(e, formFields));
      Toast.show({ content: formErrorSummary(e, t, formFields) });
    }
  }

  const error = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate(story ? '/stories/mine' : '/stories')}>
        {story ? t('stories.editTitle') : t('stories.newTitle')}
      </NavBar>
      {story?.rejectReason && (
        <div style={{ margin: 12, color: '#a8071a' }} role="status">
          {t('stories.reason', { reason: story.rejectReason })}
        </div>
      )}
      <Form
        layout="vertical"
        footer={
          <Button
            block
            color="primary"
            size="large"
            loading={submit.isPending || resubmit.isPending}
            disabled={!title.trim() || !body.trim()}
            onClick={() => void send()}
            data-testid="story-submit"
          >
            {story ? t('stories.resubmit') : t('stories.submit')}
          </Button>
        }
      >
        {collections.length > 0 && (
          <Form.Item label={t('stories.collectionLabel')}>
            <Selector
              columns={1}
              options={collections.map((c) => ({ label: c.title, description: c.org.name, value: c.id }))}
              value={collectionId ? [collectionId] : []}
              onChange={(v) => setCollectionId(v[0] ?? null)}
              data-testid="story-collection"
            />
            {error('collectionId')}
          </Form.Item>
        )}
        {story?.collection && <div style={{ padding: '8px 16px', color: '#531dab' }}>#{story.collection.title}</div>}
        <Form.Item label={t('stories.titleLabel')}>
          <Input
            value={title}
            onChange={setTitle}
            maxLength={100}
            placeholder={t('stories.titleHint')}
            aria-label={t('stories.titleLabel')}
            data-testid="story-title-input"
          />
          {error('title')}
        </Form.Item>
        <Form.Item label={t('stories.bodyLabel')}>
          <TextArea
            value={body}
            onChange={setBody}
            rows={8}
            maxLength={10000}
            showCount
            placeholder={t('stories.bodyHint')}
            aria-label={t('stories.bodyLabel')}
            data-testid="story-body-input"
          />
          {error('body')}
        </Form.Item>
        <Form.Item label={t('stories.photosLabel')} help={t('stories.photosHint')}>
          <PhotoField
            value={photos}
            onChange={setPhotos}
            send={uploadStoryPhoto}
            maxCount={9}
            label={t('field.storyPhotos')}
            testId="story-photos"
            error={error('photoIds')}
          />
        </Form.Item>
        <Form.Item label={t('stories.videoLabel')}>
          <Input
            type="url"
            value={videoUrl}
            onChange={setVideoUrl}
            maxLength={500}
            placeholder={t('stories.videoPlaceholder')}
            aria-label={t('stories.videoLabel')}
            data-testid="story-video-input"
          />
          {error('videoUrl')}
        </Form.Item>
      </Form>
    </div>
  );
}
