import { Button, Card, Empty, Image, Selector, Space, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import { shanghaiDay, usePublicCollections, usePublicStories, type StorySort } from './stories.queries';
import './words';

/**
 * 职工故事 showcase: approved stories, newest or most liked first, for anyone (the public page /p/stories, no sign-in)
 * and, signed in, the way to write one and to my stories. Text is shown as text, never as markup.
 */
export function StoriesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const [sort, setSort] = useState<StorySort>('recent');
  const [collectionId, setCollectionId] = useState<string | null>(null);
  const collections = usePublicCollections().data ?? [];
  const list = usePublicStories(sort, collectionId);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate(me ? '/activities' : '/')}>{t('stories.title')}</NavBar>
      <div style={{ padding: '8px 12px', color: '#555' }}>{t('stories.intro')}</div>
      {me?.isMember && (
        <Space style={{ padding: '0 12px 8px', '--gap': '8px' }}>
          <Button color="primary" size="small" onClick={() => navigate('/stories/new')} data-testid="story-write">
            {t('stories.write')}
          </Button>
          <Button size="small" onClick={() => navigate('/stories/mine')} data-testid="story-mine">
            {t('stories.mine')}
          </Button>
        </Space>
      )}
      {collections.length > 0 && (
        <div style={{ padding: '0 12px 8px' }} data-testid="story-collections">
          <Selector
            columns={2}
            aria-label={t('stories.collections')}
            options={[
              { label: t('stories.allCollections'), value: '' },
              ...collections.map((c) => ({ label: c.title, value: c.id })),
            ]}
            value={[collectionId ?? '']}
            onChange={(v) => setCollectionId(v[0] ? v[0] : null)}
          />
        </div>
      )}
      <Tabs activeKey={sort} onChange={(k) => setSort(k as StorySort)}>
        <Tabs.Tab key="recent" title={t('stories.recent')} />
        <Tabs.Tab key="likes" title={t('stories.popular')} />
      </Tabs>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.items ? (
        <PageLoading />
      ) : list.items.length === 0 ? (
        <Empty description={t('stories.empty')} />
      ) : (
        <div data-testid="story-list">
          {list.items.map((s) => (
            <Card
              key={s.id}
              style={{ margin: 12 }}
              onClick={() => navigate(`/p/stories/${s.id}`)}
              data-testid={`story-${s.id}`}
            >
              <h2 style={{ fontSize: 17, margin: '0 0 4px' }}>{s.title}</h2>
              {s.collection && <div style={{ color: '#531dab', fontSize: 13 }}>#{s.collection.title}</div>}
              <div style={{ color: '#595959', fontSize: 13 }}>
                {s.author.name} · {s.author.org} · {shanghaiDay(s.publishedAt)}
              </div>
              <p style={{ whiteSpace: 'pre-wrap', margin: '8px 0' }}>{s.body}</p>
              {s.photos[0] && <Image src={s.photos[0].url} alt={s.title} width="100%" height={160} fit="cover" lazy />}
              <div style={{ color: '#595959', fontSize: 13, marginTop: 6 }} data-testid="story-likes">
                {t('stories.likes', { count: s.likeCount })}
              </div>
            </Card>
          ))}
          {list.hasMore && (
            <div style={{ margin: 12 }}>
              <Button block onClick={list.loadMore}>
                {t('stories.more')}
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
