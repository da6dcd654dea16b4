import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Slider,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import { QueryError } from '../../QueryError';
import {
  useEntryForJudge,
  useJudgingQueue,
  useScore,
  weightedTotal,
  type EntryForJudge,
  type QueueItem,
} from './contests.queries';
import { ActivitiesNav } from './nav';

type ScoreForm = { scores: Record<string, number | null>; comment?: string };

/** The scoring form: a slider and a number per criterion, the weighted total as the server will compute it. */
function ScoreSheet({ entry, onDone }: { entry: EntryForJudge; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const score = useScore(entry.id);
  const [form] = Form.useForm<ScoreForm>();
  const values = Form.useWatch('scores', form) ?? {};
  const rubric = entry.contest.rubric;
  const mine = new Map((entry.myScores ?? []).map((s) => [s.criterion, s.score]));
  const total = weightedTotal(rubric, values);

  async function save(v: ScoreForm) {
    try {
      await score.mutateAsync({
        scores: rubric.map((c) => ({ criterion: c.criterion, score: v.scores[c.criterion] ?? 0 })),
        ...(v.comment ? { comment: v.comment } : {}),
      });
      void message.success(t('judging.saved'));
      onDone();
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  return (
    <Form<ScoreForm>
      form={form}
      layout="vertical"
      disabled={!entry.mayScore}
      onFinish={(v) => void save(v)}
      initialValues={{
        scores: Object.fromEntries(rubric.map((c) => [c.criterion, mine.get(c.criterion) ?? null])),
        comment: entry.myComment ?? '',
      }}
    >
      {rubric.map((c, i) => (
        <Form.Item
          key={c.criterion}
          label={t('judging.criterionLabel', { criterion: c.criterion, weight: c.weight, max: c.maxScore })}
          required
        >
          <Row gutter={12} align="middle">
            <Col flex="auto">
              <Form.Item name={['scores', c.criterion]} noStyle>
                <Slider min={0} max={c.maxScore} step={c.maxScore > 20 ? 1 : 0.5} ariaLabelForHandle={c.criterion} />
              </Form.Item>
            </Col>
            <Col data-testid={`score-${i}`}>
              <Form.Item
                name={['scores', c.criterion]}
                noStyle
                rules={[{ required: true, type: 'number', min: 0, max: c.maxScore }]}
              >
                <InputNumber min={0} max={c.maxScore} step={0.5} aria-label={c.criterion} />
              </Form.Item>
            </Col>
          </Row>
        </Form.Item>
      ))}
      <Form.Item name="comment" label={t('judging.comment')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Space align="center" size="large">
        <Statistic title={t('judging.total')} value={total} precision={2} suffix="/ 100" />
        <Button type="primary" htmlType="submit" loading={score.isPending} data-testid="save-score">
          {entry.myScores ? t('judging.replace') : t('judging.submit')}
        </Button>
      </Space>
    </Form>
  );
}

/** An assigned entry, blind: what it is and its files under neutral names, never who entered it. */
function EntryDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const entry = useEntryForJudge(id);
  const e = entry.data;
  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={e?.title} destroyOnHidden>
      <QueryError error={entry.error} onRetry={() => void entry.refetch()} />
      {entry.isLoading && <Spin />}
      {e && (
        <div data-testid="judge-entry">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('judging.contest')}>{e.contest.title}</Descriptions.Item>
            <Descriptions.Item label={t('judging.category')}>{e.categoryLabel}</Descriptions.Item>
            <Descriptions.Item label={t('judging.description')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {e.description}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('judging.files')}>
              <Space wrap>
                {e.files.length === 0 && t('judging.noFiles')}
                {e.files.map((f) => (
                  <Button
                    key={f.id}
                    size="small"
                    onClick={() => void api.download(`/api/v1/contest-entries/${e.id}/files/${f.id}`, f.label)}
                  >
                    {f.label}
                  </Button>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon message={t('judging.blind')} style={{ margin: '12px 0' }} />
          {!e.mayScore && <Alert type="warning" showIcon message={t('judging.closed')} style={{ marginBottom: 12 }} />}
          <ScoreSheet key={e.scoredAt ?? 'new'} entry={e} onDone={onClose} />
        </div>
      )}
    </Drawer>
  );
}

/** 评委工作台: the judge's queue of assigned entries, and the scoring form of each. */
export function JudgingPage() {
  const { t } = useTranslation();
  const queue = useJudgingQueue();
  const [open, setOpen] = useState<string | null>(null);
  const items = queue.data?.items ?? [];
  const done = items.filter((i) => i.scored).length;
  return (
    <>
      <ActivitiesNav />
      <Card title={t('judging.title')} extra={t('judging.progress', { done, total: items.length })}>
        <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
        <Table<QueueItem>
          rowKey="entryId"
          loading={queue.isLoading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: <Empty description={t('judging.empty')} /> }}
          data-testid="judging-queue"
          onRow={(r) => ({ onClick: () => setOpen(r.entryId), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('judging.contest'), render: (_, r) => r.contest.title },
            { title: t('judging.entry'), dataIndex: 'title' },
            { title: t('judging.category'), dataIndex: 'categoryLabel' },
            {
              title: t('judging.state'),
              render: (_, r) =>
                r.scored ? (
                  <Tag color="green">{t('judging.scored', { total: r.myTotal?.toFixed(2) })}</Tag>
                ) : (
                  <Tag color="orange">{t('judging.toScore')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <EntryDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
