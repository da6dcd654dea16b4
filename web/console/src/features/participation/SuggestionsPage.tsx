import {
  App as AntApp,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import {
  suggestionStatuses,
  useSuggestion,
  useSuggestionAction,
  useSuggestions,
  when,
  type SuggestionRow,
  type SuggestionStatus,
} from './suggestions.queries';

/** Preset colours that keep 4.5:1 on their tint (contrast.css); ended ones in plain grey. */
const statusColor: Record<SuggestionStatus, string | undefined> = {
  open: 'blue',
  answered: 'green',
  taken_up: 'purple',
  closed: undefined,
  rejected: undefined,
  withdrawn: undefined,
};

type Pending = { action: 'answer'; field: 'reply' } | { action: 'reject'; field: 'reason' };

/** One suggestion in a drawer: the text, supports, the reply, the timeline; answer, reject with a reason, close. */
function SuggestionDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const { data: s, error, refetch } = useSuggestion(id);
  const act = useSuggestionAction(id ?? '');
  const [pending, setPending] = useState<Pending | null>(null);
  const [form] = Form.useForm<{ text: string }>();

  async function take(v: { text: string }) {
    if (!pending) return;
    try {
      await act.mutateAsync(
        pending.action === 'answer' ? { action: 'answer', reply: v.text } : { action: 'reject', reason: v.text },
      );
      void message.success(t('suggestions.done'));
      setPending(null);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message, { reply: 'text', reason: 'text' });
    }
  }

  function close() {
    modal.confirm({
      title: t('suggestions.closeConfirm'),
      okButtonProps: { 'data-testid': 'confirm-close' } as ButtonProps,
      onOk: () =>
        act
          .mutateAsync({ action: 'close' })
          .then(() => void message.success(t('suggestions.done')))
          .catch((e: unknown) => void message.error(describeError(e))),
    });
  }

  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={s?.title ?? ''} destroyOnHidden>
      <QueryError error={error} onRetry={() => void refetch()} />
      {s && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <Tag color={statusColor[s.status]} data-testid="suggestion-status">
              {t(`suggestionStatus.${s.status}`)}
            </Tag>
            <span>
              {s.author.name}（{s.author.org.name}）→ {s.org.name}
            </span>
            <Tag>{t('suggestions.supports', { count: s.supportCount })}</Tag>
          </Space>
          <div style={{ whiteSpace: 'pre-wrap' }}>{s.body}</div>
          {s.reply && (
            <Card size="small" title={t('suggestions.reply')}>
              <div style={{ whiteSpace: 'pre-wrap' }} data-testid="suggestion-reply">
                {s.reply.text}
              </div>
            </Card>
          )}
          <Space>
            {s.availableActions.includes('answer') && (
              <Button
                type="primary"
                onClick={() => setPending({ action: 'answer', field: 'reply' })}
                data-testid="answer-suggestion"
              >
                {t('suggestions.answer')}
              </Button>
            )}
            {s.availableActions.includes('reject') && (
              <Button danger onClick={() => setPending({ action: 'reject', field: 'reason' })}>
                {t('suggestions.reject')}
              </Button>
            )}
            {s.availableActions.includes('close') && (
              <Button onClick={close} data-testid="close-suggestion">
                {t('suggestions.close')}
              </Button>
            )}
          </Space>
          <Timeline
            items={(s.timeline ?? []).map((e) => ({
              children: `${when(e.at)} ${t(`suggestions.step.${e.action}`, { defaultValue: e.action })}${e.note ? `：${e.note}` : ''}`,
            }))}
          />
        </Space>
      )}
      <Modal
        open={pending !== null}
        title={pending?.action === 'reject' ? t('suggestions.reject') : t('suggestions.answer')}
        onCancel={() => setPending(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: act.isPending, 'data-testid': 'save-action' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void take(v)}>
          <Form.Item
            name="text"
            label={pending?.action === 'reject' ? t('suggestions.reason') : t('suggestions.reply')}
            rules={[{ required: true, max: 2000 }]}
          >
            <Input.TextArea rows={5} data-testid="action-text" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/** 职工事大家议: the suggestions addressed to the officer's subtree, by state, text and supports; export. */
export function SuggestionsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [status, setStatus] = useState<SuggestionStatus | undefined>();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<'recent' | 'supports'>('recent');
  const filter = { orgId: org?.id, status, q: q || undefined, sort };
  const list = useSuggestions(filter);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card
      title={t('suggestions.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Select
            allowClear
            style={{ minWidth: 130 }}
            placeholder={t('suggestions.allStatuses')}
            aria-label={t('suggestions.status')}
            value={status}
            onChange={(v: SuggestionStatus | undefined) => setStatus(v)}
            options={suggestionStatuses.map((s) => ({ value: s, label: t(`suggestionStatus.${s}`) }))}
          />
          <Input.Search allowClear placeholder={t('suggestions.search')} onSearch={setQ} style={{ width: 180 }} />
          <Radio.Group value={sort} onChange={(e) => setSort(e.target.value as 'recent' | 'supports')}>
            <Radio.Button value="recent">{t('suggestions.byTime')}</Radio.Button>
            <Radio.Button value="supports" data-testid="sort-supports">
              {t('suggestions.bySupports')}
            </Radio.Button>
          </Radio.Group>
          <Button
            onClick={() =>
              void api
                .download(`/api/v1/suggestions/export.xlsx${query(filter)}`, '职工建议台账.xlsx')
                .catch((e: unknown) => message.error(describeError(e)))
            }
          >
            {t('suggestions.export')}
          </Button>
        </Space>
      }
    >
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<SuggestionRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="suggestions-table"
        onRow={(s) => ({ onClick: () => setOpen(s.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('suggestions.name'), dataIndex: 'title' },
          { title: t('suggestions.org'), render: (_, s) => s.org.name },
          { title: t('suggestions.author'), render: (_, s) => `${s.author.name}（${s.author.org.name}）` },
          { title: t('suggestions.supportCount'), dataIndex: 'supportCount', align: 'right' },
          {
            title: t('suggestions.status'),
            render: (_, s) => <Tag color={statusColor[s.status]}>{t(`suggestionStatus.${s.status}`)}</Tag>,
          },
          { title: t('suggestions.createdAt'), render: (_, s) => when(s.createdAt) },
        ]}
      />
      <LoadMore list={list} />
      <SuggestionDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
