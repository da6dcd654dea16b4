import { App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { useContests, useCreateContest, type Contest } from './contests.queries';
import { ActivitiesNav } from './nav';

interface ContestForm {
  title: string;
  description?: string;
  org: OrgRef | null;
  window?: [Dayjs, Dayjs] | null;
  judgesPerEntry: number;
  categories: { key: string; label: string }[];
  rubric: { criterion: string; weight: number; maxScore: number }[];
}

const fieldOf: Record<string, string> = {
  orgId: 'org',
  submissionsOpenAt: 'window',
  submissionsCloseAt: 'window',
};

export const statusColour: Record<Contest['status'], string> = { open: 'blue', judging: 'orange', closed: 'default' };

/** 五小 innovation contests (网报网评) of the officer's subtree; a new one with its categories and rubric. */
export function ContestsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const list = useContests(org?.id);
  const creation = useCreateContest();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ContestForm>();
  const mayRun = can('runActivities', me?.roles ?? []);
  const defaults = t('contests.defaultCategories', { returnObjects: true }) as { key: string; label: string }[];
  const defaultRubric = t('contests.defaultRubric', { returnObjects: true }) as ContestForm['rubric'];

  async function create(v: ContestForm) {
    try {
      const created = await creation.mutateAsync({
        orgId: v.org?.id ?? '',
        title: v.title,
        ...(v.description ? { description: v.description } : {}),
        categories: v.categories,
        rubric: v.rubric,
        judgesPerEntry: v.judgesPerEntry,
        ...(v.window
          ? { submissionsOpenAt: v.window[0].toISOString(), submissionsCloseAt: v.window[1].toISOString() }
          : {}),
      });
      void message.success(t('contests.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/activities/contests/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <>
      <ActivitiesNav />
      <Card
        title={t('contests.title')}
        extra={
          <Space wrap>
            <OrgPicker value={org} onChange={setOrg} />
            {mayRun && (
              <Button type="primary" onClick={() => setCreating(true)} data-testid="new-contest">
                {t('contests.add')}
              </Button>
            )}
          </Space>
        }
      >
        <QueryError error={list.error} onRetry={list.reload} />
        <Table<Contest>
          rowKey="id"
          loading={list.loading}
          dataSource={list.items}
          pagination={false}
          data-testid="contests-table"
          onRow={(r) => ({ onClick: () => navigate(`/activities/contests/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('contests.name'), dataIndex: 'title' },
            { title: t('contests.org'), render: (_, r) => r.org.name },
            { title: t('contests.entries'), dataIndex: 'entryCount', align: 'right' },
            { title: t('contests.judges'), dataIndex: 'judgeCount', align: 'right' },
            {
              title: t('contests.state'),
              render: (_, r) => <Tag color={statusColour[r.status]}>{t(`contests.status.${r.status}`)}</Tag>,
            },
          ]}
        />
        <LoadMore list={list} />
      </Card>
      <Modal
        open={creating}
        title={t('contests.add')}
        width={720}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-contest' } as ButtonProps}
        destroyOnHidden
      >
        <Form<ContestForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{ org: me?.org ?? null, judgesPerEntry: 3, categories: defaults, rubric: defaultRubric }}
        >
          <Form.Item name="title" label={t('contests.name')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="contest-title" />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="org" label={t('contests.org')} rules={[{ required: true }]}>
              <OrgPicker style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="window" label={t('contests.window')} extra={t('contests.windowHelp')}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item
              name="judgesPerEntry"
              label={t('contests.judgesPerEntry')}
              rules={[{ required: true, type: 'number', min: 3, max: 15 }]}
            >
              <InputNumber min={3} max={15} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('contests.description')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.List name="categories">
            {(items, { add, remove }) => (
              <Form.Item label={t('contests.categories')} required>
                {items.map((item) => (
                  <Space key={item.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[item.name, 'label']}
                      rules={[{ required: true, max: 40 }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input placeholder={t('contests.categoryLabel')} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'key']}
                      rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('contests.keyRule') }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input placeholder={t('contests.categoryKey')} style={{ width: 160 }} />
                    </Form.Item>
                    {items.length > 1 && <Button onClick={() => remove(item.name)}>{t('contests.remove')}</Button>}
                  </Space>
                ))}
                {items.length < 20 && (
                  <Button onClick={() => add({ key: '', label: '' })}>{t('contests.addCategory')}</Button>
                )}
              </Form.Item>
            )}
          </Form.List>
          <Form.List name="rubric">
            {(items, { add, remove }) => (
              <Form.Item label={t('contests.rubric')} extra={t('contests.rubricHelp')} required>
                {items.map((item, i) => (
                  <Space key={item.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[item.name, 'criterion']}
                      rules={[{ required: true, max: 60 }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input
                        placeholder={t('contests.criterion')}
                        style={{ width: 220 }}
                        data-testid={`criterion-${i}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'weight']}
                      rules={[{ required: true, type: 'number', min: 0.01 }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber addonBefore={t('contests.weight')} min={0.01} max={1000} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'maxScore']}
                      rules={[{ required: true, type: 'number', min: 0.01 }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber addonBefore={t('contests.maxScore')} min={0.01} max={1000} style={{ width: 150 }} />
                    </Form.Item>
                    {items.length > 1 && <Button onClick={() => remove(item.name)}>{t('contests.remove')}</Button>}
                  </Space>
                ))}
                {items.length < 20 && (
                  <Button onClick={() => add({ criterion: '', weight: 10, maxScore: 10 })}>
                    {t('contests.addCriterion')}
                  </Button>
                )}
              </Form.Item>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
