import { App as AntApp, Breadcrumb, Button, Card, Col, List, Row, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { describeError, query } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { percent, useReview, useReviewComments, useReviewResult, when, type ReviewResult } from './suggestions.queries';

type ChildRow = ReviewResult['children'][number];
type QuestionRow = ReviewResult['questions'][number];

/**
 * A review's result: participation and satisfaction for a subtree (the review's union first), per question, and per
 * union directly below it — a click drills into one; the path back is the breadcrumb. Comments without names; Excel.
 */
export function ReviewResultPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { id = '' } = useParams();
  const review = useReview(id);
  // The unions drilled into, in order: the last is the subtree shown (none: the review's own union).
  const [path, setPath] = useState<OrgRef[]>([]);
  const orgId = path.at(-1)?.id;
  const result = useReviewResult(id, orgId);
  const comments = useReviewComments(id, orgId);
  const r = result.data;
  return (
    <Card
      title={review.data?.title ?? t('reviews.title')}
      extra={
        <Space>
          <Button onClick={() => navigate('/union-reviews')}>{t('back')}</Button>
          <Button
            onClick={() =>
              void api
                .download(`/api/v1/union-reviews/${id}/result/export.xlsx${query({ orgId })}`, '会员评家结果.xlsx')
                .catch((e: unknown) => message.error(describeError(e)))
            }
          >
            {t('reviews.export')}
          </Button>
        </Space>
      }
    >
      <QueryError error={review.error ?? result.error} onRetry={() => void result.refetch()} />
      {r && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Breadcrumb
            items={[
              { title: <a onClick={() => setPath([])}>{review.data?.org.name ?? ''}</a> },
              ...path.map((o, i) => ({
                title: i === path.length - 1 ? o.name : <a onClick={() => setPath(path.slice(0, i + 1))}>{o.name}</a>,
              })),
            ]}
          />
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title={t('reviews.members')} value={r.overall.members} />
            </Col>
            <Col span={6}>
              <Statistic title={t('reviews.responses')} value={r.overall.responses} />
            </Col>
            <Col span={6}>
              <div data-testid="participation-rate">
                <Statistic
                  title={t('reviews.participation')}
                  value={percent(r.overall.participationRate)}
                  valueStyle={{ color: '#1677ff' }}
                />
              </div>
            </Col>
            <Col span={6}>
              <div data-testid="satisfaction-rate">
                <Statistic title={t('reviews.satisfaction')} value={percent(r.overall.satisfactionRate)} />
              </div>
            </Col>
          </Row>
          {r.children.length > 0 && (
            <Table<ChildRow>
              rowKey={(c) => c.org.id}
              size="small"
              dataSource={r.children}
              pagination={false}
              title={() => t('reviews.byUnion')}
              data-testid="children-table"
              columns={[
                {
                  title: t('reviews.union'),
                  render: (_, c) =>
                    c.hasChildren || c.members > 0 ? (
                      <a onClick={() => setPath([...path, c.org])}>{c.org.name}</a>
                    ) : (
                      c.org.name
                    ),
                },
                { title: t('reviews.members'), dataIndex: 'members', align: 'right' },
                { title: t('reviews.responses'), dataIndex: 'responses', align: 'right' },
                {
                  title: t('reviews.participation'),
                  render: (_, c) => percent(c.participationRate),
                  align: 'right',
                  sorter: (a, b) => (a.participationRate ?? -1) - (b.participationRate ?? -1),
                },
                {
                  title: t('reviews.satisfaction'),
                  render: (_, c) => percent(c.satisfactionRate),
                  align: 'right',
                  sorter: (a, b) => (a.satisfactionRate ?? -1) - (b.satisfactionRate ?? -1),
                },
              ]}
            />
          )}
          <Table<QuestionRow>
            rowKey="id"
            size="small"
            dataSource={r.questions}
            pagination={false}
            title={() => t('reviews.byQuestion')}
            columns={[
              { title: '#', dataIndex: 'position', width: 48 },
              { title: t('reviews.questionText'), dataIndex: 'text' },
              { title: t('reviewRating.satisfied'), dataIndex: 'satisfied', align: 'right' },
              { title: t('reviewRating.fairly_satisfied'), dataIndex: 'fairlySatisfied', align: 'right' },
              { title: t('reviewRating.dissatisfied'), dataIndex: 'dissatisfied', align: 'right' },
              { title: t('reviews.satisfaction'), render: (_, q) => percent(q.satisfactionRate), align: 'right' },
            ]}
          />
          <Card size="small" title={t('reviews.comments')}>
            <QueryError error={comments.error} onRetry={comments.reload} />
            <List
              dataSource={comments.items}
              // antd's empty-list grey is 1.8:1: this is information, read at 4.5:1.
              locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('reviews.noComments')}</span> }}
              renderItem={(c) => (
                <List.Item>
                  <List.Item.Meta title={c.comment} description={`${c.org.name} · ${when(c.createdAt)}`} />
                </List.Item>
              )}
            />
            <LoadMore list={comments} />
          </Card>
        </Space>
      )}
    </Card>
  );
}
