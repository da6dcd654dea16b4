import { Card, DatePicker, Descriptions, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryError } from '../../QueryError';
import { ActivitiesNav } from './nav';
import { stateColor } from './WalksPage';
import { useWalkBoard, useWalkChallenge, type BoardBy, type WalkBoard } from './walks.queries';

type MemberRow = WalkBoard['members'][number];
type OrgRow = WalkBoard['orgs'][number];

const steps = (n: number) => n.toLocaleString('zh-CN');

/** One challenge: its days and goal, and the leaderboards by member and by union, over the challenge or one day. */
export function WalkPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const challenge = useWalkChallenge(id);
  const [by, setBy] = useState<BoardBy>('member');
  const [period, setPeriod] = useState<'total' | 'day'>('total');
  const [day, setDay] = useState<Dayjs | null>(null);
  const c = challenge.data;
  const shownDay = period === 'day' ? (day ?? (c ? dayjs(c.today > c.endsOn ? c.endsOn : c.today) : null)) : null;
  const date = shownDay?.format('YYYY-MM-DD');
  const board = useWalkBoard(id, by, date);

  return (
    <Card title={c ? c.title : t('walks.title')} loading={challenge.isLoading}>
      <ActivitiesNav />
      <QueryError error={challenge.error ?? board.error} onRetry={() => void board.refetch()} />
      {c && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ margin: '12px 0' }}>
          <Descriptions.Item label={t('walks.org')}>{c.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('walks.days')}>{`${c.startsOn} ~ ${c.endsOn}`}</Descriptions.Item>
          <Descriptions.Item label={t('walks.state')}>
            <Tag color={stateColor[c.state]}>{t(`walks.states.${c.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('walks.goal')}>
            {c.dailyGoalSteps === null ? '—' : steps(c.dailyGoalSteps)}
          </Descriptions.Item>
          <Descriptions.Item label={t('walks.participants')}>{c.participants}</Descriptions.Item>
        </Descriptions>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<BoardBy>
          value={by}
          onChange={setBy}
          options={[
            { value: 'member', label: t('walks.byMember') },
            { value: 'org', label: t('walks.byOrg') },
          ]}
          data-testid="walk-board-by"
        />
        <Segmented<'total' | 'day'>
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'total', label: t('walks.total') },
            { value: 'day', label: t('walks.daily') },
          ]}
          data-testid="walk-board-period"
        />
        {period === 'day' && c && (
          <DatePicker
            value={shownDay}
            onChange={setDay}
            allowClear={false}
            aria-label={t('walks.day')}
            disabledDate={(d) => d.isBefore(dayjs(c.startsOn), 'day') || d.isAfter(dayjs(c.endsOn), 'day')}
          />
        )}
      </Space>
      {by === 'member' ? (
        <Table<MemberRow>
          rowKey={(r) => r.member.id ?? r.member.name}
          loading={board.isFetching}
          dataSource={board.data?.members ?? []}
          pagination={false}
          data-testid="walk-board"
          columns={[
            { title: t('walks.rank'), dataIndex: 'rank', width: 80 },
            { title: t('walks.member'), render: (_, r) => r.member.name },
            { title: t('walks.memberOrg'), render: (_, r) => r.member.org.name },
            { title: t('walks.steps'), render: (_, r) => steps(r.steps), align: 'right' },
            { title: t('walks.daysRecorded'), dataIndex: 'days', align: 'right' },
          ]}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('walks.byOrgHint')}</Typography.Paragraph>
          <Table<OrgRow>
            rowKey={(r) => r.org.id}
            loading={board.isFetching}
            dataSource={board.data?.orgs ?? []}
            pagination={false}
            data-testid="walk-board"
            columns={[
              { title: t('walks.rank'), render: (_, r) => r.rank ?? '—', width: 80 },
              { title: t('walks.org'), render: (_, r) => r.org.name },
              { title: t('walks.average'), render: (_, r) => steps(r.averageSteps), align: 'right' },
              { title: t('walks.participants'), dataIndex: 'participants', align: 'right' },
              { title: t('walks.steps'), render: (_, r) => steps(r.steps), align: 'right' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
