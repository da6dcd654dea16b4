import {
  App as AntApp,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { ActivitiesNav } from './nav';
import { StoryCollections } from './StoryCollections';
import {
  storyStatuses,
  useStories,
  useStory,
  useStoryAction,
  when,
  type Story,
  type StoryRow,
  type StoryStatus,
} from './stories.queries';

/** Preset colours that keep 4.5:1 on their tint (contrast.css); ended ones in plain grey. */
const statusColor: Record<StoryStatus, string | undefined> = {
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  withdrawn: undefined,
};

/** A story's photos, fetched behind the token into local copies (served sandboxed, never cached); click to enlarge. */
function StoryPhotos({ story }: { story: Story }) {
  const [urls, setUrls] = useState<string[]>([]);
  const paths = story.photos.map((p) => p.url).join(',');
  useEffect(() => {
    if (!paths) return;
    const controller = new AbortController();
    const made: string[] = [];
    void Promise.all(
      paths.split(',').map((path) =>
        api.blob(path, controller.signal).then((blob) => {
          const url = URL.createObjectURL(blob);
          made.push(url);
          return url;
        }),
      ),
    ).then(setUrls, () => undefined);
    return () => {
      controller.abort();
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [paths]);
  return (
    <Image.PreviewGroup>
      <Space size={8} wrap data-testid="story-photos">
        {urls.map((url, i) => (
          <Image
            key={url}
            src={url}
            width={120}
            height={90}
            style={{ objectFit: 'cover' }}
            alt={`${story.title} ${i + 1}`}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

type Pending = 'reject' | 'take_down';

/** One story in a drawer: its text (as text), photos and video link, the timeline; approve, reject or take down. */
function StoryDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const { data: s, error, refetch } = useStory(id);
  const act = useStoryAction(id ?? '');
  const [pending, setPending] = useState<Pending | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  async function refuse(v: { reason: string }) {
    if (!pending) return;
    try {
      await act.mutateAsync({ action: pending, reason: v.reason });
      void message.success(t('stories.done'));
      setPending(null);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message, { reason: 'reason' });
    }
  }

  function approve() {
    modal.confirm({
      title: t('stories.approveConfirm'),
      okButtonProps: { 'data-testid': 'confirm-approve' } as ButtonProps,
      onOk: () =>
        act
          .mutateAsync({ action: 'approve' })
          .then(() => void message.success(t('stories.done')))
          .catch((e: unknown) => void message.error(describeError(e))),
    });
  }

  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={s?.title ?? ''} destroyOnHidden>
      <QueryError error={error} onRetry={() => void refetch()} />
      {s && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            {s.collection && <Tag color="purple">{s.collection.title}</Tag>}
            <Tag color={statusColor[s.status]} data-testid="story-status">
              {t(`stories.statuses.${s.status}`)}
            </Tag>
            <span>
              {s.author.name}（{s.author.org.name}）→ {s.org.name}
            </span>
            {s.status === 'approved' && <Tag>{t('stories.likeCount', { count: s.likeCount })}</Tag>}
          </Space>
          {s.rejectReason && (
            <div data-testid="story-reject-reason">
              {t('stories.rejectReason')}：{s.rejectReason}
            </div>
          )}
          <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }} data-testid="story-body">
            {s.body}
          </div>
          {s.photos.length > 0 && <StoryPhotos story={s} />}
          {s.videoUrl && (
            <div>
              {t('stories.video')}：
              <a href={s.videoUrl} target="_blank" rel="noopener noreferrer nofollow" data-testid="story-video">
                {s.videoUrl}
              </a>
              <div style={{ color: '#595959', fontSize: 12 }}>{t('stories.videoHint')}</div>
            </div>
          )}
          {s.photos.length === 0 && !s.videoUrl && <span style={{ color: '#595959' }}>{t('stories.noMedia')}</span>}
          <Space>
            {s.availableActions.includes('approve') && (
              <Button type="primary" onClick={approve} data-testid="approve-story">
                {t('stories.approve')}
              </Button>
            )}
            {s.availableActions.includes('reject') && (
              <Button danger onClick={() => setPending('reject')} data-testid="reject-story">
                {t('stories.reject')}
              </Button>
            )}
            {s.availableActions.includes('take_down') && (
              <Button danger onClick={() => setPending('take_down')} data-testid="take-down-story">
                {t('stories.takeDown')}
              </Button>
            )}
          </Space>
          <Timeline
            items={(s.timeline ?? []).map((e) => ({
              children: `${when(e.at)} ${t(`stories.step.${e.action}`, { defaultValue: e.action })}${e.note ? `：${e.note}` : ''}`,
            }))}
          />
        </Space>
      )}
      <Modal
        open={pending !== null}
        title={pending === 'take_down' ? t('stories.takeDown') : t('stories.reject')}
        onCancel={() => setPending(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: act.isPending, 'data-testid': 'save-action' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void refuse(v)}>
          <Form.Item
            name="reason"
            label={pending === 'take_down' ? t('stories.reasonOfTakeDown') : t('stories.reason')}
            rules={[{ required: true, max: 1000 }]}
          >
            <Input.TextArea rows={4} data-testid="action-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/** 职工故事: the stories submitted to the officer's subtree, by state (the queue first); moderate them in a drawer. */
export function StoriesPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const { me } = useSession();
  const [status, setStatus] = useState<StoryStatus | 'collections'>('pending');
  const list = useStories({ orgId: org?.id, status: status === 'collections' ? 'pending' : status });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card
      title={t('stories.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Radio.Group
            value={status}
            onChange={(e) => setStatus(e.target.value as StoryStatus | 'collections')}
            aria-label={t('stories.status')}
          >
            {storyStatuses.map((s) => (
              <Radio.Button key={s} value={s} data-testid={`stories-${s}`}>
                {t(`stories.statuses.${s}`)}
              </Radio.Button>
            ))}
            <Radio.Button value="collections" data-testid="stories-collections">
              {t('stories.collections')}
            </Radio.Button>
          </Radio.Group>
          {status !== 'collections' && (
            <Button
              onClick={() =>
                void api
                  .download(`/api/v1/stories/export.xlsx${query({ orgId: org?.id, status })}`, '职工故事.xlsx')
                  .catch((e: unknown) => message.error(describeError(e)))
              }
            >
              {t('stories.export')}
            </Button>
          )}
        </Space>
      }
    >
      <ActivitiesNav />
      {status === 'collections' ? (
        <StoryCollections org={org} mayRun={can('runActivities', me?.roles ?? [])} />
      ) : (
        <StoryQueue list={list} status={status} onOpen={setOpen} />
      )}
      <StoryDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

/** The stories in one state, newest first; a row opens the story. */
function StoryQueue({
  list,
  status,
  onOpen,
}: {
  list: ReturnType<typeof useStories>;
  status: StoryStatus;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<StoryRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        data-testid="stories-table"
        onRow={(s) => ({ onClick: () => onOpen(s.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('stories.name'), dataIndex: 'title' },
          { title: t('stories.collection'), render: (_, s) => s.collection?.title ?? '' },
          { title: t('stories.author'), render: (_, s) => `${s.author.name}（${s.author.org.name}）` },
          { title: t('stories.org'), render: (_, s) => s.org.name },
          { title: t('stories.photos'), align: 'right', render: (_, s) => s.photos.length },
          ...(status === 'approved'
            ? [
                { title: t('stories.likes'), dataIndex: 'likeCount', align: 'right' as const },
                {
                  title: t('stories.publishedAt'),
                  render: (_: unknown, s: StoryRow) => (s.publishedAt ? when(s.publishedAt) : ''),
                },
              ]
            : [{ title: t('stories.createdAt'), render: (_: unknown, s: StoryRow) => when(s.createdAt) }]),
        ]}
      />
      <LoadMore list={list} />
    </>
  );
}
