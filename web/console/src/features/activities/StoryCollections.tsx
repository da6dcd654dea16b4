import { App as AntApp, Button, DatePicker, Form, Input, Modal, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { useCreateStoryCollection, useStoryCollections, when, type StoryCollection } from './stories.queries';

interface CollectionForm {
  title: string;
  org: OrgRef | null;
  window: [Dayjs, Dayjs];
  description?: string;
}

/** 征文活动: the calls for stories of the subtree, and a new one with its window (officers). */
export function StoryCollections({ org, mayRun }: { org: OrgRef | null; mayRun: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const list = useStoryCollections(org?.id);
  const creation = useCreateStoryCollection();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CollectionForm>();

  async function create(v: CollectionForm) {
    try {
      await creation.mutateAsync({
        title: v.title,
        orgId: v.org!.id,
        opensAt: v.window[0].toISOString(),
        closesAt: v.window[1].toISOString(),
        ...(v.description ? { description: v.description } : {}),
      });
      void message.success(t('stories.collectionCreated'));
      setCreating(false);
    } catch (e) {
      showFormError(form, e, message, { title: 'title', orgId: 'org', closesAt: 'window', description: 'description' });
    }
  }

  return (
    <>
      <QueryError error={list.error} onRetry={list.reload} />
      {mayRun && (
        <Button onClick={() => setCreating(true)} style={{ marginBottom: 12 }} data-testid="new-story-collection">
          {t('stories.newCollection')}
        </Button>
      )}
      <Table<StoryCollection>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="story-collections-table"
        columns={[
          { title: t('stories.collection'), dataIndex: 'title' },
          { title: t('stories.org'), render: (_, c) => c.org.name },
          { title: t('stories.window'), render: (_, c) => `${when(c.opensAt)} – ${when(c.closesAt)}` },
          { title: t('stories.published'), dataIndex: 'storyCount', align: 'right' },
          {
            title: t('stories.status'),
            render: (_, c) =>
              c.open ? <Tag color="blue">{t('stories.open')}</Tag> : <Tag>{t('stories.notOpen')}</Tag>,
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('stories.newCollection')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-story-collection' } as ButtonProps}
        destroyOnHidden
      >
        <Form<CollectionForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{ org: org ?? me?.org ?? null, window: [dayjs(), dayjs().add(30, 'day')] }}
        >
          <Form.Item name="title" label={t('stories.collection')} rules={[{ required: true, max: 100 }]}>
            <Input placeholder={t('stories.collectionHint')} data-testid="story-collection-title" />
          </Form.Item>
          <Form.Item name="org" label={t('stories.org')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="window" label={t('stories.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="description" label={t('stories.description')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
