import { Button, Card, Form, Input, List, Selector, Tabs, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { fieldErrors, humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { hasStepCounter, readStepsToday } from './stepsBridge';
import { useMyWalk, useRecordSteps, useWalkBoard, type MyWalk, type WalkBoard } from './walks.queries';
import './words';

const fields = { steps: 'steps', date: 'date' };
const steps = (n: number) => n.toLocaleString('zh-CN');

/** The day before `date` (YYYY-MM-DD). */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Today, and yesterday for a member who forgot, when they are days of the challenge. */
function recordableDays(c: MyWalk['challenge']): string[] {
  return [c.today, dayBefore(c.today)].filter((d) => d >= c.startsOn && d <= c.endsOn);
}

function RecordCard({ walk }: { walk: MyWalk }) {
  const { t } = useTranslation();
  const record = useRecordSteps(walk.challenge.id);
  const days = recordableDays(walk.challenge);
  const [date, setDate] = useState(days[0] ?? '');
  const recorded = walk.days.find((d) => d.date === date);
  const [typed, setTyped] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reading, setReading] = useState(false);

  async function save(count: number, source: 'typed' | 'device') {
    setErrors({});
    try {
      await record.mutateAsync({ date, steps: count, source });
      setTyped('');
      Toast.show({ icon: 'success', content: t('walks.saved') });
    } catch (e) {
      const onFields = fieldErrors(e, fields);
      setErrors(onFields);
      if (Object.keys(onFields).length === 0) Toast.show({ content: humanError(e, t) });
    }
  }

  async function fromPhone() {
    setReading(true);
    const n = await readStepsToday();
    setReading(false);
    if (n === null) Toast.show({ content: t('walks.phoneFailed') });
    else await save(n, 'device');
  }

  if (days.length === 0)
    return (
      <Card style={{ margin: 12 }}>{t(walk.challenge.state === 'upcoming' ? 'walks.notStarted' : 'walks.ended')}</Card>
    );
  const count = Number(typed);
  const valid = typed.trim() !== '' && Number.isInteger(count) && count >= 0;
  return (
    <Card style={{ margin: 12 }} title={t('walks.record')}>
      {days.length > 1 && (
        <Selector
          options={days.map((d, i) => ({ label: t(i === 0 ? 'walks.today' : 'walks.yesterday'), value: d }))}
          value={[date]}
          onChange={(v) => v[0] && setDate(v[0])}
          style={{ marginBottom: 8 }}
        />
      )}
      <div style={{ color: '#666', fontSize: 13 }} data-testid="walk-recorded">
        {recorded ? t('walks.recordedAs', { steps: steps(recorded.steps) }) : t('walks.notRecorded')}
      </div>
      <Form layout="vertical">
        <Form.Item label={t('walks.steps')}>
          <Input
            type="number"
            inputMode="numeric"
            aria-label={t('walks.steps')}
            placeholder={t('walks.stepsPlaceholder')}
            value={typed}
            onChange={(v) => {
              setTyped(v);
              setErrors({});
            }}
            clearable
            data-testid="walk-steps"
          />
          {(errors.steps ?? errors.date) && (
            <div className="su-field-error" role="alert" data-testid="walk-steps-error">
              {errors.steps ?? errors.date}
            </div>
          )}
        </Form.Item>
      </Form>
      <Button
        block
        color="primary"
        disabled={!valid}
        loading={record.isPending && !reading}
        onClick={() => void save(count, 'typed')}
        data-testid="save-steps"
      >
        {t('walks.save')}
      </Button>
      {hasStepCounter() && date === walk.challenge.today && (
        <Button
          block
          fill="outline"
          style={{ marginTop: 8 }}
          loading={reading}
          onClick={() => void fromPhone()}
          data-testid="steps-from-phone"
        >
          {t('walks.fromPhone')}
        </Button>
      )}
    </Card>
  );
}

function Board({ id, today }: { id: string; today: string }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<WalkBoard['by']>('member');
  const [period, setPeriod] = useState<'total' | 'today'>('total');
  const { data, error, refetch } = useWalkBoard(id, by, period === 'today' ? today : undefined);
  return (
    <Card style={{ margin: 12 }} title={t('walks.leaderboard')}>
      <Tabs activeKey={by} onChange={(k) => setBy(k as WalkBoard['by'])}>
        <Tabs.Tab title={t('walks.byMember')} key="member" />
        <Tabs.Tab title={t('walks.byOrg')} key="org" />
      </Tabs>
      <Selector
        options={[
          { label: t('walks.total'), value: 'total' },
          { label: t('walks.today'), value: 'today' },
        ]}
        value={[period]}
        onChange={(v) => v[0] && setPeriod(v[0] as 'total' | 'today')}
        style={{ margin: '8px 0' }}
      />
      {error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && data.me && (
        <div style={{ fontSize: 14, margin: '4px 0 8px' }} data-testid="walk-board-me">
          {data.me.rank === null
            ? t('walks.notRanked')
            : t(by === 'member' ? 'walks.myRank' : 'walks.myOrgRank', {
                rank: data.me.rank,
                steps: steps(data.me.steps),
              })}
        </div>
      )}
      {data && by === 'member' && (
        <List data-testid="walk-board">
          {data.members.map((r, i) => (
            <List.Item
              key={i}
              prefix={<b style={{ width: 28, display: 'inline-block' }}>{r.rank}</b>}
              description={r.member.org.name}
              extra={steps(r.steps)}
              style={r.mine ? { background: '#e6f4ff' } : undefined}
            >
              {r.member.name} {r.mine && <Tag color="primary">{t('walks.me')}</Tag>}
            </List.Item>
          ))}
          {data.members.length === 0 && <List.Item>{t('walks.nobody')}</List.Item>}
        </List>
      )}
      {data && by === 'org' && (
        <>
          <div style={{ color: '#666', fontSize: 12 }}>{t('walks.byOrgHint')}</div>
          <List data-testid="walk-board">
            {data.orgs.map((r) => (
              <List.Item
                key={r.org.id}
                prefix={<b style={{ width: 28, display: 'inline-block' }}>{r.rank ?? '—'}</b>}
                description={t('walks.participantsOf', { n: r.participants })}
                extra={steps(r.averageSteps)}
                style={r.mine ? { background: '#e6f4ff' } : undefined}
              >
                {r.org.name}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}

/** One challenge: record today's (or yesterday's) steps, typed or from the phone; my total and rank; leaderboards. */
export function WalkPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: walk, error, refetch } = useMyWalk(id);
  const c = walk?.challenge;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/walks')}>{t('walks.title')}</NavBar>
      {error ? (
        <ErrorState
          error={error}
          onRetry={() => void refetch()}
          notFound={{
            title: t('walks.notFound'),
            action: <Button onClick={() => navigate('/walks')}>{t('walks.title')}</Button>,
          }}
        />
      ) : !walk || !c ? (
        <PageLoading />
      ) : (
        <>
          <Card style={{ margin: 12 }}>
            <div className="su-title">{c.title}</div>
            <div style={{ color: '#666', fontSize: 13, marginTop: 4 }}>
              {c.org.name} · {c.startsOn} ~ {c.endsOn}
            </div>
            {c.dailyGoalSteps !== null && (
              <div style={{ fontSize: 13, marginTop: 4 }}>{t('walks.goal', { steps: steps(c.dailyGoalSteps) })}</div>
            )}
          </Card>
          <RecordCard key={c.today} walk={walk} />
          <Card style={{ margin: 12 }} title={t('walks.mine')} data-testid="walk-mine">
            <div data-testid="walk-total">{t('walks.totalSteps', { steps: steps(walk.totalSteps) })}</div>
            <div>
              {walk.rank === null
                ? t('walks.notRanked')
                : t('walks.rankOf', { rank: walk.rank, participants: walk.participants })}
            </div>
            <div>{t('walks.daysRecorded', { n: walk.daysRecorded })}</div>
            {c.dailyGoalSteps !== null && <div>{t('walks.goalDays', { n: walk.goalDays })}</div>}
          </Card>
          <Board id={id} today={c.today} />
        </>
      )}
    </div>
  );
}
