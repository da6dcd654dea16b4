import type { ButtonProps } from 'antd';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError, describeError } from '../../../../shared/api';
import { api } from '../../api';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import {
  awards,
  useCandidates,
  useContest,
  useContestActions,
  useEntries,
  useJudges,
  useRanking,
  type Award,
  type Contest,
  type Entry,
  type RankingRow,
} from './contests.queries';
import { statusColour } from './ContestsPage';
import { ActivitiesNav } from './nav';

const awardColour: Record<Award, string> = { first: 'red', second: 'volcano', third: 'gold', excellence: 'blue' };

function AwardTag({ award }: { award: Award | null }) {
  const { t } = useTranslation();
  return award ? <Tag color={awardColour[award]}>{t(`contests.award.${award}`)}</Tag> : null;
}

function EntriesTab({ contest }: { contest: Contest }) {
  const { t } = useTranslation();
  const list = useEntries(contest.id);
  return (
    <>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Entry>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="entries-table"
        expandable={{
          expandedRowRender: (e) => (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('contests.descriptionOf')}>{e.description}</Descriptions.Item>
              {e.entrant.teamMembers.length > 0 && (
                <Descriptions.Item label={t('contests.teamMembers')}>
                  {e.entrant.teamMembers.join('、')}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('contests.files')}>
                <Space wrap>
                  {e.files.map((f) => (
                    <Button
                      key={f.id}
                      size="small"
                      onClick={() => void api.download(`/api/v1/contest-entries/${e.id}/files/${f.id}`, f.fileName)}
                    >
                      {f.fileName}
                    </Button>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('contests.judgeScores')}>
                {(e.judges ?? [])
                  .map((j) => `${j.judge.username}: ${j.total === null ? t('contests.notScored') : j.total.toFixed(2)}`)
                  .join('；')}
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
        columns={[
          { title: t('contests.entryTitle'), dataIndex: 'title' },
          { title: t('contests.category'), dataIndex: 'categoryLabel' },
          {
            title: t('contests.entrant'),
            render: (_, e) => (e.entrant.teamName ? `${e.entrant.teamName}（${e.entrant.name}）` : e.entrant.name),
          },
          { title: t('contests.entrantOrg'), render: (_, e) => e.entrant.org.name },
          { title: t('contests.judges'), render: (_, e) => e.judges?.length ?? 0, align: 'right' },
          { title: t('contests.awardTitle'), render: (_, e) => <AwardTag award={e.award} /> },
        ]}
      />
      <LoadMore list={list} />
    </>
  );
}

interface ShortEntry {
  entryId: string;
  title: string;
  eligibleJudges: number;
  needed: number;
}

function JudgesTab({ contest, mayRun }: { contest: Contest; mayRun: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const judges = useJudges(contest.id);
  const candidates = useCandidates(contest.id, mayRun && contest.status === 'open');
  const actions = useContestActions(contest.id);
  const [picked, setPicked] = useState<string[]>([]);
  const [short, setShort] = useState<ShortEntry[] | null>(null);
  const named = new Set((judges.data?.items ?? []).map((j) => j.staffId));

  async function add() {
    try {
      await actions.addJudges.mutateAsync(picked);
      setPicked([]);
      void message.success(t('contests.judgesAdded'));
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  async function assign() {
    setShort(null);
    try {
      const result = await actions.assign.mutateAsync();
      void message.success(t('contests.assigned', { n: result.assignments }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NOT_ENOUGH_JUDGES')
        setShort(((e.details as { entries?: ShortEntry[] } | undefined)?.entries ?? []) as ShortEntry[]);
      else void message.error(describeError(e));
    }
  }

  return (
    <>
      <QueryError error={judges.error} onRetry={() => void judges.refetch()} />
      {mayRun && contest.status === 'open' && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            mode="multiple"
            style={{ minWidth: 360 }}
            placeholder={t('contests.pickJudges')}
            value={picked}
            onChange={setPicked}
            loading={candidates.isLoading}
            optionFilterProp="label"
            data-testid="judge-picker"
            options={(candidates.data?.items ?? [])
              .filter((c) => !named.has(c.staffId))
              .map((c) => ({ value: c.staffId, label: `${c.displayName ?? c.username}（${c.org.name}）` }))}
          />
          <Button onClick={() => void add()} disabled={picked.length === 0} loading={actions.addJudges.isPending}>
            {t('contests.addJudges')}
          </Button>
          <Popconfirm
            title={t('contests.assignConfirm', { n: contest.judgesPerEntry })}
            onConfirm={() => void assign()}
            okButtonProps={{ 'data-testid': 'confirm-assign' } as ButtonProps}
          >
            <Button type="primary" loading={actions.assign.isPending} data-testid="assign-judges">
              {t('contests.assign')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      {short && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('contests.notEnoughJudges')}
          description={
            <ul style={{ margin: 0 }}>
              {short.map((s) => (
                <li key={s.entryId}>
                  {t('contests.shortEntry', { title: s.title, n: s.eligibleJudges, needed: s.needed })}
                </li>
              ))}
            </ul>
          }
          data-testid="not-enough-judges"
        />
      )}
      <Typography.Paragraph type="secondary">{t('contests.conflictRule')}</Typography.Paragraph>
      <Table
        rowKey="staffId"
        loading={judges.isLoading}
        dataSource={judges.data?.items ?? []}
        pagination={false}
        data-testid="judges-table"
        columns={[
          { title: t('contests.judge'), render: (_, j) => j.displayName ?? j.username },
          { title: t('contests.judgeOrg'), render: (_, j) => j.org.name },
          { title: t('contests.assignedCount'), dataIndex: 'assigned', align: 'right' },
          { title: t('contests.scoredCount'), dataIndex: 'scored', align: 'right' },
        ]}
      />
    </>
  );
}

function TiersModal({ contestId, open, onClose }: { contestId: string; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const actions = useContestActions(contestId);
  const [form] = Form.useForm<{
    per: 'category' | 'overall';
    first: number;
    second: number;
    third: number;
    excellence: number;
  }>();
  return (
    <Modal
      open={open}
      title={t('contests.awardByRank')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: actions.award.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ per: 'category', first: 1, second: 2, third: 3, excellence: 0 }}
        onFinish={(v) =>
          void actions.award
            .mutateAsync({
              per: v.per,
              tiers: { first: v.first, second: v.second, third: v.third, excellence: v.excellence },
            })
            .then(
              () => {
                void message.success(t('contests.awarded'));
                onClose();
              },
              (e: unknown) => void message.error(describeError(e)),
            )
        }
      >
        <Form.Item name="per" label={t('contests.awardPer')}>
          <Radio.Group
            options={[
              { value: 'category', label: t('contests.perCategory') },
              { value: 'overall', label: t('contests.overall') },
            ]}
          />
        </Form.Item>
        <Space wrap>
          {awards.map((a) => (
            <Form.Item key={a} name={a} label={t(`contests.award.${a}`)}>
              <InputNumber min={0} max={1000} precision={0} />
            </Form.Item>
          ))}
        </Space>
        <Typography.Paragraph type="secondary">{t('contests.tiesHelp')}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}

function RankingTab({ contest, mayRun }: { contest: Contest; mayRun: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const ranking = useRanking(contest.id);
  const actions = useContestActions(contest.id);
  const [category, setCategory] = useState<string | 'all'>('all');
  const [tiers, setTiers] = useState(false);
  const items = (ranking.data?.items ?? []).filter((i) => category === 'all' || i.category === category);
  const sorted =
    category === 'all' ? items : [...items].sort((a, b) => (a.categoryRank ?? Infinity) - (b.categoryRank ?? Infinity));
  const award = (entryId: string, value: Award | null) =>
    actions.award.mutateAsync({ entryId, award: value }).catch((e: unknown) => void message.error(describeError(e)));
  return (
    <>
      <QueryError error={ranking.error} onRetry={() => void ranking.refetch()} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Radio.Group
          value={category}
          onChange={(e) => setCategory(e.target.value as string)}
          optionType="button"
          options={[
            { value: 'all', label: t('contests.overall') },
            ...contest.categories.map((c) => ({ value: c.key, label: c.label })),
          ]}
        />
        <Button
          onClick={() =>
            void api.download(`/api/v1/contests/${contest.id}/ranking.xlsx`, `${contest.title}评审结果.xlsx`)
          }
          data-testid="export-ranking"
        >
          {t('contests.export')}
        </Button>
        {mayRun && contest.status === 'judging' && (
          <Popconfirm title={t('contests.closeConfirm')} onConfirm={() => void actions.close.mutateAsync()}>
            <Button danger loading={actions.close.isPending} data-testid="close-judging">
              {t('contests.closeJudging')}
            </Button>
          </Popconfirm>
        )}
        {mayRun && contest.status === 'closed' && (
          <Button type="primary" onClick={() => setTiers(true)} data-testid="award-by-rank">
            {t('contests.awardByRank')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('contests.formula')}</Typography.Paragraph>
      <Table<RankingRow>
        rowKey="entryId"
        loading={ranking.isLoading}
        dataSource={sorted}
        pagination={false}
        data-testid="ranking-table"
        columns={[
          {
            title: t('contests.rank'),
            render: (_, r) => (category === 'all' ? r.rank : r.categoryRank) ?? '—',
            width: 70,
          },
          { title: t('contests.entryTitle'), dataIndex: 'title' },
          { title: t('contests.category'), dataIndex: 'categoryLabel' },
          { title: t('contests.entrant'), render: (_, r) => r.entrant.teamName ?? r.entrant.name },
          { title: t('contests.entrantOrg'), render: (_, r) => r.entrant.org.name },
          {
            title: t('contests.judgeTotals'),
            render: (_, r) =>
              r.totals.map((x) => (
                <Tag
                  key={x.staffId}
                  color={
                    r.dropped && (r.dropped.highest === x.staffId || r.dropped.lowest === x.staffId)
                      ? undefined
                      : 'blue'
                  }
                  style={
                    r.dropped && (r.dropped.highest === x.staffId || r.dropped.lowest === x.staffId)
                      ? { textDecoration: 'line-through' }
                      : undefined
                  }
                >
                  {x.total === null ? t('contests.notScored') : x.total.toFixed(2)}
                </Tag>
              )),
          },
          {
            title: t('contests.finalScore'),
            align: 'right',
            render: (_, r) =>
              r.finalScore === null ? (
                <Tag data-testid="incomplete">{t('contests.incomplete', { scored: r.scored, judges: r.judges })}</Tag>
              ) : (
                <strong data-testid="final-score">{r.finalScore.toFixed(2)}</strong>
              ),
          },
          {
            title: t('contests.awardTitle'),
            render: (_, r) =>
              mayRun && contest.status === 'closed' ? (
                <Select<Award | 'none'>
                  size="small"
                  style={{ width: 110 }}
                  value={r.award ?? 'none'}
                  onChange={(v) => void award(r.entryId, v === 'none' ? null : v)}
                  options={[
                    { value: 'none', label: t('contests.noAward') },
                    ...awards.map((a) => ({ value: a, label: t(`contests.award.${a}`) })),
                  ]}
                />
              ) : (
                <AwardTag award={r.award} />
              ),
          },
        ]}
      />
      <TiersModal contestId={contest.id} open={tiers} onClose={() => setTiers(false)} />
    </>
  );
}

/** One contest: its entries, judges and their assignment, the ranking with export and awards. */
export function ContestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const contest = useContest(id);
  const mayRun = can('runActivities', me?.roles ?? []);
  const c = contest.data;
  return (
    <>
      <ActivitiesNav />
      <QueryError error={contest.error} onRetry={() => void contest.refetch()} />
      {c && (
        <Card
          title={
            <Space>
              {c.title}
              <Tag color={statusColour[c.status]} data-testid="contest-status">
                {t(`contests.status.${c.status}`)}
              </Tag>
            </Space>
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('contests.org')}>{c.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('contests.judgesPerEntry')}>{c.judgesPerEntry}</Descriptions.Item>
            <Descriptions.Item label={t('contests.categories')}>
              {c.categories.map((x) => x.label).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('contests.rubric')} span={3}>
              {c.rubric.map((r) => t('contests.criterionLine', r)).join('；')}
            </Descriptions.Item>
          </Descriptions>
          <Tabs
            activeKey={params.get('tab') ?? 'entries'}
            onChange={(tab) => setParams({ tab }, { replace: true })}
            items={[
              { key: 'entries', label: t('contests.tabEntries'), children: <EntriesTab contest={c} /> },
              { key: 'judges', label: t('contests.tabJudges'), children: <JudgesTab contest={c} mayRun={mayRun} /> },
              { key: 'ranking', label: t('contests.tabRanking'), children: <RankingTab contest={c} mayRun={mayRun} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
