import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { ActivitiesNav } from './nav';
import { CompetitionState } from './SkillsPage';
import {
  useAddEvent,
  useCompetition,
  useEnterScores,
  useEntries,
  useMemberSearch,
  usePublish,
  useRegister,
  useResults,
  useWithdraw,
  type Competition,
  type Entry,
  type NewEvent,
  type SkillsEvent,
} from './skills.queries';

interface EventForm {
  name: string;
  kind: 'individual' | 'team';
  minTeamSize?: number;
  maxTeamSize?: number;
  theoryWeight: number;
}

function EventsTab({ c }: { c: Competition }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const adding = useAddEvent(c.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EventForm>();
  const kind = Form.useWatch('kind', form);

  async function add(v: EventForm) {
    const body: NewEvent = {
      name: v.name,
      kind: v.kind,
      theoryWeight: v.theoryWeight,
      ...(v.kind === 'team' ? { minTeamSize: v.minTeamSize, maxTeamSize: v.maxTeamSize } : {}),
    };
    try {
      await adding.mutateAsync(body);
      setOpen(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <>
      {c.mayRun && !c.resultsPublishedAt && (
        <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }} data-testid="new-event">
          {t('skills.addEvent')}
        </Button>
      )}
      <Table<SkillsEvent>
        rowKey="id"
        dataSource={c.events}
        pagination={false}
        data-testid="events-table"
        columns={[
          { title: t('skills.eventName'), dataIndex: 'name' },
          { title: t('skills.kind'), render: (_, e) => t(`skills.${e.kind}`) },
          {
            title: t('skills.teamSize'),
            render: (_, e) => (e.kind === 'team' ? `${e.minTeamSize}–${e.maxTeamSize}` : '—'),
          },
          {
            title: t('skills.score'),
            render: (_, e) =>
              e.theoryWeight === 0
                ? t('skills.single')
                : t('skills.weights', { theory: e.theoryWeight, practical: e.practicalWeight }),
          },
          { title: t('skills.entryCount'), dataIndex: 'entryCount', align: 'right' },
        ]}
      />
      <Modal
        open={open}
        title={t('skills.addEvent')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: adding.isPending, 'data-testid': 'save-event' } as ButtonProps}
        destroyOnHidden
      >
        <Form<EventForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void add(v)}
          initialValues={{ kind: 'individual', theoryWeight: 30, minTeamSize: 2, maxTeamSize: 3 }}
        >
          <Form.Item name="name" label={t('skills.eventName')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="event-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('skills.kind')}>
            <Radio.Group
              options={[
                { value: 'individual', label: t('skills.individual') },
                { value: 'team', label: t('skills.team') },
              ]}
            />
          </Form.Item>
          {kind === 'team' && (
            <Space>
              <Form.Item name="minTeamSize" label={t('skills.minTeamSize')}>
                <InputNumber min={2} max={20} />
              </Form.Item>
              <Form.Item name="maxTeamSize" label={t('skills.maxTeamSize')}>
                <InputNumber min={2} max={20} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="theoryWeight" label={t('skills.theoryWeight')} extra={t('skills.single') + ': 0'}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Members of the officer's subtree, searched by name or full phone; several for a team. */
function MembersPicker({ value, onChange, max }: { value?: string[]; onChange?(v: string[]): void; max: number }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useMemberSearch(q);
  return (
    <Select
      mode="multiple"
      showSearch
      value={value}
      filterOption={false}
      onSearch={setQ}
      onChange={(v: string[]) => onChange?.(v.slice(0, max))}
      aria-label={t('a11y.member')}
      data-testid="entry-members"
      notFoundContent={search.error ? describeError(search.error) : undefined}
      options={(search.data ?? []).map((m) => ({ value: m.id, label: `${m.name} · ${m.phone} · ${m.org.name}` }))}
    />
  );
}

type ScoreDraft = Record<string, { theory?: number | null; practical?: number | null }>;

function EntriesTab({ c }: { c: Competition }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [eventId, setEventId] = useState<string | null>(c.events[0]?.id ?? null);
  const event = c.events.find((e) => e.id === eventId) ?? null;
  const entries = useEntries(eventId);
  const register = useRegister(c.id, eventId ?? '');
  const withdraw = useWithdraw(c.id);
  const scores = useEnterScores(c.id, eventId ?? '');
  const [registering, setRegistering] = useState(false);
  const [draft, setDraft] = useState<ScoreDraft>({});
  const [form] = Form.useForm<{ memberIds: string[]; teamName?: string }>();
  const editable = c.mayRun && !c.resultsPublishedAt;
  const weighsTheory = (event?.theoryWeight ?? 0) > 0;

  async function save() {
    const items = Object.entries(draft).map(([entryId, d]) => {
      const entry = entries.data?.items.find((x) => x.id === entryId);
      return {
        entryId,
        practical: d.practical ?? entry?.practical ?? 0,
        ...(weighsTheory ? { theory: d.theory ?? entry?.theory ?? 0 } : {}),
      };
    });
    if (items.length === 0) return void message.info(t('skills.noChanges'));
    try {
      const done = await scores.mutateAsync({ items });
      setDraft({});
      void message.success(t('skills.scoresSaved', { n: done.updated }));
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  async function add(v: { memberIds: string[]; teamName?: string }) {
    try {
      await register.mutateAsync({ memberIds: v.memberIds, ...(v.teamName ? { teamName: v.teamName } : {}) });
      setRegistering(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  const scoreInput = (entry: Entry, part: 'theory' | 'practical') =>
    editable ? (
      <InputNumber
        min={0}
        max={100}
        step={0.5}
        precision={2}
        aria-label={`${entry.teamName ?? entry.contestants.map((p) => p.name).join('、')} ${t(`skills.${part}`)}`}
        value={draft[entry.id]?.[part] ?? entry[part]}
        onChange={(v) => setDraft((d) => ({ ...d, [entry.id]: { ...d[entry.id], [part]: v } }))}
        data-testid={`score-${part}-${entry.id}`}
      />
    ) : (
      (entry[part] ?? '—')
    );

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 220 }}
          value={eventId ?? undefined}
          placeholder={t('skills.pickEvent')}
          onChange={(v: string) => {
            setEventId(v);
            setDraft({});
          }}
          aria-label={t('skills.eventName')}
          data-testid="entries-event"
          options={c.events.map((e) => ({ value: e.id, label: e.name }))}
        />
        {event && c.registrationOpen && (
          <Button onClick={() => setRegistering(true)} data-testid="register-entry">
            {t('skills.register')}
          </Button>
        )}
        {event && editable && (
          <Button type="primary" onClick={() => void save()} loading={scores.isPending} data-testid="save-scores">
            {t('skills.saveScores')}
          </Button>
        )}
      </Space>
      <QueryError error={entries.error} onRetry={() => void entries.refetch()} />
      <Table<Entry>
        rowKey="id"
        loading={entries.isFetching}
        dataSource={entries.data?.items ?? []}
        pagination={false}
        data-testid="entries-table"
        columns={[
          ...(event?.kind === 'team'
            ? [{ title: t('skills.teamName'), render: (_: unknown, e: Entry) => e.teamName }]
            : []),
          { title: t('skills.members'), render: (_, e) => e.contestants.map((p) => p.name).join('、') },
          { title: t('skills.delegation'), render: (_, e) => e.org.name },
          {
            title: t('skills.registeredBy'),
            render: (_, e) => (e.registeredBy === 'member' ? t('skills.byMember') : t('skills.byStaff')),
          },
          ...(weighsTheory
            ? [{ title: t('skills.theory'), render: (_: unknown, e: Entry) => scoreInput(e, 'theory') }]
            : []),
          { title: t('skills.practical'), render: (_, e) => scoreInput(e, 'practical') },
          { title: t('skills.total'), render: (_, e) => e.total ?? '—' },
          {
            title: '',
            render: (_, e) =>
              c.registrationOpen && e.total === null ? (
                <Popconfirm title={t('skills.withdrawConfirm')} onConfirm={() => withdraw.mutate(e.id)}>
                  <Button size="small">{t('skills.withdraw')}</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal
        open={registering}
        title={`${t('skills.register')} · ${event?.name ?? ''}`}
        onCancel={() => setRegistering(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: register.isPending, 'data-testid': 'save-entry' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void add(v)}>
          <Form.Item
            name="memberIds"
            label={
              event?.kind === 'team'
                ? `${t('skills.members')} (${event.minTeamSize}–${event.maxTeamSize})`
                : t('skills.members')
            }
            rules={[{ required: true }]}
          >
            <MembersPicker max={event?.maxTeamSize ?? 1} />
          </Form.Item>
          {event?.kind === 'team' && (
            <Form.Item name="teamName" label={t('skills.teamName')} extra={t('skills.teamNameHint')}>
              <Input maxLength={100} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

function ResultsTab({ id }: { id: string }) {
  const { t } = useTranslation();
  const results = useResults(id);
  return (
    <>
      <QueryError error={results.error} onRetry={() => void results.refetch()} />
      {(results.data?.events ?? []).map((e) => (
        <div key={e.id} style={{ marginBottom: 24 }}>
          <Typography.Title level={5}>{e.name}</Typography.Title>
          <Table
            rowKey="entryId"
            size="small"
            dataSource={e.items}
            pagination={false}
            data-testid={`results-${e.id}`}
            columns={[
              { title: t('skills.rank'), render: (_, x) => x.rank ?? t('skills.notRanked') },
              { title: t('skills.prize'), render: (_, x) => (x.tier ? <Tag color="gold">{x.tier}</Tag> : null) },
              ...(e.kind === 'team' ? [{ title: t('skills.teamName'), dataIndex: 'teamName' }] : []),
              { title: t('skills.members'), render: (_, x) => x.contestants.join('、') },
              { title: t('skills.delegation'), render: (_, x) => x.org.name },
              ...(e.theoryWeight > 0 ? [{ title: t('skills.theory'), dataIndex: 'theory' }] : []),
              { title: t('skills.practical'), dataIndex: 'practical' },
              { title: t('skills.total'), dataIndex: 'total' },
            ]}
          />
        </div>
      ))}
    </>
  );
}

/** One competition: its events, entries with score entry, ranked results, publication and export. */
export function SkillsCompetitionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const competition = useCompetition(id);
  const publish = usePublish(id);
  const c = competition.data;
  return (
    <Card
      title={c?.title ?? t('skills.title')}
      extra={
        <Space wrap>
          <Button onClick={() => navigate('/activities/skills')}>{t('skills.back')}</Button>
          {c?.resultsPublishedAt && (
            <a href={`/skills-results/${id}`} target="_blank" rel="noreferrer" data-testid="public-results-link">
              {t('skills.publicLink')}
            </a>
          )}
          <Button
            onClick={() =>
              void api
                .download(`/api/v1/skills-competitions/${id}/results.xlsx`, `${t('skills.exportName')}.xlsx`)
                .catch((e: unknown) => message.error(describeError(e)))
            }
            data-testid="export-results"
          >
            {t('skills.export')}
          </Button>
          {c?.mayRun && !c.resultsPublishedAt && (
            <Popconfirm
              title={t('skills.publishConfirm')}
              onConfirm={() =>
                publish.mutateAsync(undefined).then(
                  () => void message.success(t('skills.publishedDone')),
                  (e: unknown) => void message.error(describeError(e)),
                )
              }
            >
              <Button type="primary" danger data-testid="publish-results">
                {t('skills.publish')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <ActivitiesNav />
      <QueryError error={competition.error} onRetry={() => void competition.refetch()} />
      {c && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('skills.org')}>{c.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('skills.dates')}>{`${c.startsOn} – ${c.endsOn}`}</Descriptions.Item>
            <Descriptions.Item label={t('skills.registrationClosesAt')}>
              {dayjs(c.registrationClosesAt).format('YYYY-MM-DD HH:mm')} <CompetitionState c={c} />
            </Descriptions.Item>
            <Descriptions.Item label={t('skills.tiers')} span={3}>
              {c.prizeTiers.map((x) => ('count' in x ? `${x.name} ${x.count}` : `${x.name} ${x.percent}%`)).join(' · ')}
            </Descriptions.Item>
          </Descriptions>
          <Tabs
            items={[
              { key: 'events', label: t('skills.events'), children: <EventsTab c={c} /> },
              { key: 'entries', label: t('skills.entries'), children: <EntriesTab c={c} /> },
              { key: 'results', label: t('skills.results'), children: <ResultsTab id={c.id} /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}
