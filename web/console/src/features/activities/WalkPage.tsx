import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { ActivitiesNav } from './nav';
import { stateColor } from './WalksPage';
import {
  useChangeWalkChallenge,
  useWalkBoard,
  useWalkChallenge,
  type BoardBy,
  type WalkBoard,
  type WalkChallenge,
} from './walks.queries';

type MemberRow = WalkBoard['members'][number];
type OrgRow = WalkBoard['orgs'][number];

const steps = (n: number) => n.toLocaleString('zh-CN');

interface EditForm {
  title: string;
  days: [Dayjs, Dayjs];
  dailyGoalSteps?: number | null;
}

/**
 * An officer's edit of a challenge: title and goal any time; the first day only before it starts, the last day not
 * before today and not once it has ended (the server says the same).
 */
function EditChallenge({ c, onClose }: { c: WalkChallenge; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EditForm>();
  const { update } = useChangeWalkChallenge(c.id);
  const started = c.today >= c.startsOn;
  const ended = c.state === 'ended';
  async function save(v: EditForm) {
    try {
      await update.mutateAsync({
        title: v.title,
        dailyGoalSteps: v.dailyGoalSteps ?? null,
        ...(ended ? {} : { endsOn: v.days[1].format('YYYY-MM-DD') }),
        ...(started ? {} : { startsOn: v.days[0].format('YYYY-MM-DD') }),
      });
      void message.success(t('walks.saved'));
      onClose();
    } catch (e) {
      showFormError(form, e, message, { startsOn: 'days', endsOn: 'days' });
    }
  }
  return (
    <Modal
      open
      title={t('walks.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'save-walk-edit' } as ButtonProps}
      destroyOnHidden
    >
      <Form<EditForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ title: c.title, days: [dayjs(c.startsOn), dayjs(c.endsOn)], dailyGoalSteps: c.dailyGoalSteps }}
      >
        <Form.Item name="title" label={t('walks.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="walk-edit-title" />
        </Form.Item>
        <Form.Item
          name="days"
          label={t('walks.days')}
          rules={[{ required: true }]}
          extra={ended ? t('walks.ended') : started ? t('walks.startLocked') : undefined}
        >
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            disabled={[started, ended]}
            disabledDate={(d) => d.isBefore(dayjs(c.today), 'day')}
            allowClear={false}
          />
        </Form.Item>
        <Form.Item name="dailyGoalSteps" label={t('walks.goal')} extra={t('walks.goalHint')}>
          <InputNumber<number> min={1} max={100_000} step={1000} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

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
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const mayRun = can('runActivities', me?.roles ?? []);
  const [editing, setEditing] = useState(false);
  const { close } = useChangeWalkChallenge(id);

  return (
    <Card
      title={c ? c.title : t('walks.title')}
      loading={challenge.isLoading}
      extra={
        c &&
        mayRun && (
          <Space>
            <Button onClick={() => setEditing(true)} data-testid="edit-walk">
              {t('walks.edit')}
            </Button>
            {c.state === 'running' && c.endsOn > c.today && (
              <Popconfirm
                title={t('walks.closeConfirm')}
                onConfirm={() =>
                  close
                    .mutateAsync()
                    .then(() => void message.success(t('walks.closed')))
                    .catch((e: unknown) => void message.error(describeError(e)))
                }
              >
                <Button danger loading={close.isPending} data-testid="close-walk">
                  {t('walks.closeNow')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {editing && c && <EditChallenge c={c} onClose={() => setEditing(false)} />}
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
          <Descriptions.Item label={t('walks.recordableUntil')}>{c.recordableUntil}</Descriptions.Item>
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
