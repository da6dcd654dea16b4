import { Button, Card, Dialog, Empty, Space, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { shanghaiDay, useMyStories, useStoryAction, type MyStory } from './stories.queries';
import './words';

const statusColor: Record<MyStory['status'], string> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'default',
};

/** 我的故事: every story I wrote with its state; a rejected one with the reason, to edit and send again. */
export function MyStoriesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useMyStories();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar
        onBack={() => navigate('/stories')}
        right={
          <Button size="mini" color="primary" onClick={() => navigate('/stories/new')}>
            {t('stories.write')}
          </Button>
        }
      >
        {t('stories.mine')}
      </NavBar>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.loading && list.items.length === 0 ? (
        <PageLoading />
      ) : list.items.length === 0 ? (
        <Empty description={t('stories.mineEmpty')} />
      ) : (
        <div data-testid="my-stories">
          {list.items.map((s) => (
            <MyStoryCard key={s.id} story={s} />
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

function MyStoryCard({ story: s }: { story: MyStory }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [key] = useState(() => crypto.randomUUID());
  const act = useStoryAction(s.id, key);
  async function withdraw() {
    if (!(await Dialog.confirm({ content: t('stories.withdrawConfirm') }))) return;
    try {
      await act.mutateAsync({ action: 'withdraw' });
      Toast.show({ content: t('stories.withdrawn') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }
  return (
    <Card style={{ margin: 12 }} data-testid={`my-story-${s.id}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <h2 style={{ fontSize: 16, margin: 0 }}>{s.title}</h2>
        <Tag color={statusColor[s.status]} data-testid="my-story-status">
          {t(`stories.status.${s.status}`)}
        </Tag>
      </div>
      <div style={{ color: '#595959', fontSize: 13, marginTop: 4 }}>
        {t('stories.submitted', { date: shanghaiDay(s.createdAt) })}
        {s.status === 'approved' && ` · ${t('stories.likes', { count: s.likeCount })}`}
      </div>
      {s.rejectReason && (
        <div style={{ color: '#a8071a', marginTop: 6 }} data-testid="my-story-reason">
          {t('stories.reason', { reason: s.rejectReason })}
        </div>
      )}
      <Space style={{ marginTop: 8 }}>
        {s.status === 'approved' && (
          <Button size="small" onClick={() => navigate(`/p/stories/${s.id}`)}>
            {t('stories.view')}
          </Button>
        )}
        {s.availableActions.includes('resubmit') && (
          <Button size="small" color="primary" onClick={() => navigate(`/stories/${s.id}/edit`)}>
            {t('stories.resubmit')}
          </Button>
        )}
        {s.availableActions.includes('withdraw') && (
          <Button size="small" loading={act.isPending} onClick={() => void withdraw()}>
            {t('stories.withdraw')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
