import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Image,
  Input,
  Modal,
  Segmented,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { ActivitiesNav } from './nav';
import { PollEntryForm } from './PollEntryForm';
import { PollFinalists } from './PollFinalists';
import { PollFlags } from './PollFlags';
import { PollResults } from './PollResults';
import { pollStatusColor } from './PollsPage';
import {
  entryStatuses,
  pollStatus,
  useEntryAction,
  usePoll,
  usePollEntries,
  useUpdatePoll,
  when,
  type EntryStatus,
  type Poll,
  type PollEntry,
} from './polls.queries';

const entryColor: Record<EntryStatus, string | undefined> = {
  pending: 'orange',
  live: 'green',
  rejected: 'red',
  removed: undefined,
};

type Decision = { entry: PollEntry; action: 'reject' | 'remove' };

/** The entries of a poll, pending nominations first to hand: approve, reject with a reason, take a live one down. */
function Entries({ poll, mayRun }: { poll: Poll; mayRun: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<EntryStatus | 'all'>(poll.pendingEntries ? 'pending' : 'all');
  const list = usePollEntries(poll.id, status === 'all' ? undefined : status);
  const act = useEntryAction(poll.id);
  const [adding, setAdding] = useState(false);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  async function approve(entry: PollEntry) {
    try {
      await act.mutateAsync({ entryId: entry.id, body: { action: 'approve' } });
      void message.success(t('polls.approved'));
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  async function decide(v: { reason: string }) {
    if (!decision) return;
    try {
      await act.mutateAsync({ entryId: decision.entry.id, body: { action: decision.action, reason: v.reason } });
      void message.success(t('polls.rejected'));
      setDecision(null);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<EntryStatus | 'all'>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: t('polls.all') },
            ...entryStatuses.map((s) => ({ value: s, label: t(`polls.entryStatus.${s}`) })),
          ]}
          aria-label={t('polls.filterStatus')}
          data-testid="entry-status-filter"
        />
        {mayRun && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="add-entry">
            {t('polls.addEntry')}
          </Button>
        )}
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<PollEntry>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="entries-table"
        columns={[
          {
            title: t('polls.photos'),
            width: 80,
            render: (_, r) =>
              r.photos[0] ? <Image src={r.photos[0].url} width={56} height={56} alt={r.title} /> : null,
          },
          {
            title: t('polls.entryTitle'),
            render: (_, r) => (
              <div>
                <strong>{r.title}</strong>
                {r.description && (
                  <div style={{ color: 'rgba(0,0,0,0.65)', maxWidth: 420 }} className="poll-entry-description">
                    {r.description.length > 120 ? `${r.description.slice(0, 120)}…` : r.description}
                  </div>
                )}
              </div>
            ),
          },
          {
            title: t('polls.nominatedBy'),
            render: (_, r) => (r.nominated ? t('polls.byMember') : t('polls.byStaff')),
          },
          {
            title: t('polls.statusLabel'),
            render: (_, r) => (
              <Tag color={entryColor[r.status]} data-testid="entry-status">
                {t(`polls.entryStatus.${r.status}`)}
              </Tag>
            ),
          },
          { title: t('polls.votes'), dataIndex: 'votes', align: 'right' },
          { title: t('polls.createdAt'), render: (_, r) => when(r.createdAt) },
          {
            title: '',
            render: (_, r) => (
              <Space>
                {r.availableActions.includes('approve') && (
                  <Button
                    size="small"
                    type="primary"
                    loading={act.isPending && act.variables?.entryId === r.id}
                    onClick={() => void approve(r)}
                    data-testid="approve-entry"
                  >
                    {t('polls.approve')}
                  </Button>
                )}
                {r.availableActions.includes('reject') && (
                  <Button
                    size="small"
                    danger
                    onClick={() => setDecision({ entry: r, action: 'reject' })}
                    data-testid="reject-entry"
                  >
                    {t('polls.reject')}
                  </Button>
                )}
                {r.availableActions.includes('remove') && (
                  <Button
                    size="small"
                    onClick={() => setDecision({ entry: r, action: 'remove' })}
                    data-testid="remove-entry"
                  >
                    {t('polls.remove')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      <PollEntryForm pollId={poll.id} open={adding} onClose={() => setAdding(false)} />
      <Modal
        open={decision !== null}
        title={
          decision &&
          t(decision.action === 'reject' ? 'polls.rejectTitle' : 'polls.removeTitle', { title: decision.entry.title })
        }
        onCancel={() => setDecision(null)}
        onOk={() => form.submit()}
        okButtonProps={{ danger: true, loading: act.isPending, 'data-testid': 'save-decision' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void decide(v)}>
          <Form.Item
            name="reason"
            label={t('polls.reason')}
            rules={[{ required: true, whitespace: true, message: t('polls.reasonRequired') }, { max: 2000 }]}
          >
            <Input.TextArea rows={3} data-testid="decision-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * One poll in the console: its window and rules, its entries (add, moderate nominations), the live results with the
 * Excel export, the suspicious bursts to void or dismiss, and the finalist round from the top N.
 */
export function PollPage() {
  const { id = '' } = useParams();
  // Another poll (its final round, the round before) starts on its own first tab.
  return <PollView key={id} id={id} />;
}

function PollView({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const { data: poll, error, refetch } = usePoll(id);
  const mayRun = can('runActivities', me?.roles ?? []);
  const [tab, setTab] = useState('entries');
  const update = useUpdatePoll(id);
  const { message, modal } = AntApp.useApp();

  if (!poll)
    return (
      <Card loading={!error} title={t('polls.title')}>
        <ActivitiesNav />
        <QueryError error={error} onRetry={() => void refetch()} />
      </Card>
    );
  const status = pollStatus(poll);
  function endNow() {
    modal.confirm({
      title: t('polls.endNow'),
      content: t('polls.endNowConfirm'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-end' } as ButtonProps,
      onOk: () =>
        update
          .mutateAsync({ endsAt: new Date().toISOString() })
          .then(() => void message.success(t('polls.endedNow')))
          .catch((e: unknown) => void message.error(describeError(e))),
    });
  }
  return (
    <Card
      title={
        <Space>
          <span data-testid="poll-heading">{poll.title}</span>
          <Tag color={pollStatusColor[status]} data-testid="poll-status">
            {t(`polls.status.${status}`)}
          </Tag>
          {poll.round > 1 && <Tag color="gold">{t('polls.finalRound')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          {mayRun && status === 'open' && (
            <Button danger onClick={endNow} data-testid="end-poll">
              {t('polls.endNow')}
            </Button>
          )}
          <Button onClick={() => navigate('/activities/polls')}>{t('polls.back')}</Button>
        </Space>
      }
    >
      <ActivitiesNav />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ margin: '12px 0' }}>
        <Descriptions.Item label={t('polls.org')}>{poll.org.name}</Descriptions.Item>
        <Descriptions.Item label={t('polls.window')}>
          {when(poll.startsAt)} – {when(poll.endsAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('polls.ballotsPerMemberPerDay')}>{poll.ballotsPerMemberPerDay}</Descriptions.Item>
        <Descriptions.Item label={t('polls.perEntryPerDay')}>{poll.perEntryPerDay}</Descriptions.Item>
        <Descriptions.Item label={t('polls.entriesCount')}>{poll.liveEntries}</Descriptions.Item>
        <Descriptions.Item label={t('polls.totalVotes')}>
          <span data-testid="poll-total-votes">{poll.totalVotes}</span>
        </Descriptions.Item>
        {poll.previousPollId && (
          <Descriptions.Item label={t('polls.previousRound')}>
            <Link to={`/activities/polls/${poll.previousPollId}`}>{t('polls.openPrevious')}</Link>
          </Descriptions.Item>
        )}
        {poll.description && (
          <Descriptions.Item label={t('polls.description')} span={3}>
            {poll.description}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: 'entries',
            label: (
              <span>
                {t('polls.tabs.entries')}
                {poll.pendingEntries ? (
                  <Tag color="orange" style={{ marginLeft: 6 }}>
                    {poll.pendingEntries}
                  </Tag>
                ) : null}
              </span>
            ),
            children: <Entries poll={poll} mayRun={mayRun} />,
          },
          { key: 'results', label: t('polls.tabs.results'), children: <PollResults poll={poll} /> },
          {
            key: 'flags',
            label: (
              <span>
                {t('polls.tabs.flags')}
                {poll.openFlags ? (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {poll.openFlags}
                  </Tag>
                ) : null}
              </span>
            ),
            children: <PollFlags poll={poll} mayRun={mayRun} />,
          },
          ...(mayRun || poll.nextPollId
            ? [
                {
                  key: 'finalists',
                  label: t('polls.tabs.finalists'),
                  children: <PollFinalists poll={poll} mayRun={mayRun} />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
