import { Button, Image, Space, Toast } from 'antd-mobile';
import { HeartFill, HeartOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import { shanghaiDay, useLike, usePublicStory } from './stories.queries';
import './words';

/**
 * An approved story, whole, for anyone (/p/stories/:id: a shared link, the approval notification): its text as text,
 * its photos, the video as a link opening in a new window, and the likes; a signed-in member likes it once.
 */
export function StoryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { key } = useLocation();
  const { id = '' } = useParams();
  const { me } = useSession();
  const story = usePublicStory(id);
  const like = useLike(id);
  const back = () => (key !== 'default' ? navigate(-1) : navigate('/p/stories'));
  const s = story.data;
  if (story.error || !s)
    return (
      <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
        <NavBar onBack={back}>{t('stories.story')}</NavBar>
        {story.error ? (
          <ErrorState
            error={story.error}
            onRetry={() => void story.refetch()}
            notFound={{
              title: t('stories.empty'),
              action: <Button onClick={() => navigate('/p/stories')}>{t('stories.title')}</Button>,
            }}
          />
        ) : (
          <PageLoading />
        )}
      </div>
    );

  async function toggle() {
    try {
      await like.mutateAsync(!s!.likedByMe);
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  return (
    <div style={{ background: '#fff', minHeight: '100vh', paddingBottom: 32 }}>
      <NavBar onBack={back}>{t('stories.story')}</NavBar>
      <article style={{ padding: 16 }}>
        <h2 style={{ fontSize: 20, margin: '0 0 6px' }} data-testid="story-title">
          {s.title}
        </h2>
        <div style={{ color: '#595959', fontSize: 13 }}>
          {s.author.name} · {s.author.org} · {t('stories.published', { date: shanghaiDay(s.publishedAt) })}
        </div>
        <p style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7, fontSize: 16 }} data-testid="story-body">
          {s.body}
        </p>
        <Space direction="vertical" style={{ width: '100%' }}>
          {s.photos.map((p, i) => (
            <Image key={p.id} src={p.url} alt={`${s.title} ${i + 1}`} width="100%" fit="contain" lazy />
          ))}
        </Space>
        {s.videoUrl && (
          <p>
            <a href={s.videoUrl} target="_blank" rel="noopener noreferrer nofollow" data-testid="story-video">
              {t('stories.video')}
            </a>
            <span style={{ color: '#595959', fontSize: 12, marginLeft: 8 }}>{t('stories.videoHint')}</span>
          </p>
        )}
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginTop: 16 }}>
          {me?.isMember ? (
            <Button
              color={s.likedByMe ? 'danger' : 'default'}
              fill={s.likedByMe ? 'solid' : 'outline'}
              loading={like.isPending}
              onClick={() => void toggle()}
              aria-pressed={s.likedByMe}
              data-testid="story-like"
            >
              {s.likedByMe ? <HeartFill /> : <HeartOutline />} {s.likedByMe ? t('stories.liked') : t('stories.like')}
            </Button>
          ) : (
            <Button onClick={() => navigate(`/login?next=${encodeURIComponent(`/p/stories/${id}`)}`)}>
              {t('stories.signInToLike')}
            </Button>
          )}
          <span data-testid="story-like-count">{t('stories.likes', { count: s.likeCount })}</span>
        </div>
      </article>
    </div>
  );
}
