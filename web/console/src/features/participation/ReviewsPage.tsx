import { App as AntApp, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { useCreateReview, useReviews, when, type Review } from './suggestions.queries';

interface ReviewForm {
  title: string;
  description?: string;
  org: OrgRef | null;
  window: [Dayjs, Dayjs];
  questions: { text: string }[];
}

const fieldOf: Record<string, string> = { orgId: 'org', opensAt: 'window', closesAt: 'window' };

/** 会员评家: the review campaigns of the officer's subtree; a new one with its questions. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const list = useReviews(org?.id);
  const creation = useCreateReview();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ReviewForm>();

  async function create(v: ReviewForm) {
    try {
      const created = await creation.mutateAsync({
        orgId: v.org?.id ?? '',
        title: v.title,
        ...(v.description ? { description: v.description } : {}),
        questions: v.questions,
        opensAt: v.window[0].toISOString(),
        closesAt: v.window[1].toISOString(),
      });
      void message.success(t('reviews.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/union-reviews/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <Card
      title={t('reviews.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-review">
            {t('reviews.add')}
          </Button>
        </Space>
      }
    >
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Review>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="reviews-table"
        onRow={(r) => ({ onClick: () => navigate(`/union-reviews/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('reviews.name'), dataIndex: 'title' },
          { title: t('reviews.org'), render: (_, r) => r.org.name },
          { title: t('reviews.window'), render: (_, r) => `${when(r.opensAt)} – ${when(r.closesAt)}` },
          { title: t('reviews.questions'), render: (_, r) => r.questions.length, align: 'right' },
          { title: t('reviews.responses'), dataIndex: 'responseCount', align: 'right' },
          {
            title: t('reviews.state'),
            render: (_, r) =>
              r.open ? <Tag color="blue">{t('reviews.open')}</Tag> : <Tag>{t('reviews.notOpen')}</Tag>,
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('reviews.add')}
        width={640}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-review' } as ButtonProps}
        destroyOnHidden
      >
        <Form<ReviewForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{
            org: me?.org ?? null,
            window: [dayjs(), dayjs().add(30, 'day')],
            questions: [{ text: '' }],
          }}
        >
          <Form.Item name="title" label={t('reviews.name')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="review-title" />
          </Form.Item>
          <Form.Item name="org" label={t('reviews.org')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="window" label={t('reviews.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="description" label={t('reviews.description')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.List name="questions">
            {(items, { add, remove }) => (
              <>
                {items.map((item, i) => (
                  <Space key={item.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[item.name, 'text']}
                      label={t('reviews.question', { n: i + 1 })}
                      rules={[{ required: true, max: 300 }]}
                      style={{ width: 480 }}
                    >
                      <Input data-testid={`review-question-${i}`} />
                    </Form.Item>
                    {items.length > 1 && <Button onClick={() => remove(item.name)}>{t('reviews.remove')}</Button>}
                  </Space>
                ))}
                {items.length < 20 && (
                  <Button onClick={() => add({ text: '' })} data-testid="add-question">
                    {t('reviews.addQuestion')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
