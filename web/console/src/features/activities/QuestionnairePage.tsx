import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import { QueryError } from '../../QueryError';
import { ActivitiesNav } from './nav';
import { useQuestionnaireResults, type QuestionnaireResults } from './questionnaires.queries';

type ChildRow = QuestionnaireResults['children'][number];
type QuestionResult = QuestionnaireResults['questions'][number];

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** When a text answer was given and by whom, as far as the questionnaire shows it (anonymous: nothing). */
function textByline(x: QuestionResult['texts'][number]): string {
  return [x.name, x.org?.name, x.at ? new Date(x.at).toLocaleString('zh-CN') : null].filter(Boolean).join(' · ');
}

function QuestionCard({ q, anonymous }: { q: QuestionResult; anonymous: boolean }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={`${q.position}. ${q.text}`}
      extra={
        <Space>
          <Tag>{t(`questionnaires.kinds.${q.kind}`)}</Tag>
          {q.answered !== null && t('questionnaires.answered', { n: q.answered })}
        </Space>
      }
      data-testid="question-result"
    >
      {q.options.map((o) => (
        <div key={o.text} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
          <span style={{ width: 200 }}>{o.text}</span>
          <Progress
            percent={Math.round((o.percentage ?? 0) * 1000) / 10}
            size="small"
            style={{ flex: 1 }}
            aria-label={o.text}
          />
          <span style={{ width: 60, textAlign: 'right' }}>{o.count ?? '—'}</span>
        </div>
      ))}
      {q.rating && (
        <div>
          <Typography.Text strong data-testid="rating-average">
            {t('questionnaires.average', { average: q.rating.average ?? '—' })}
          </Typography.Text>
          {q.rating.counts.map((n, i) => (
            <div key={i} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
              <span style={{ width: 200 }}>{t('questionnaires.stars', { n: i + 1 })}</span>
              <Progress
                percent={!q.answered ? 0 : Math.round((n / q.answered) * 1000) / 10}
                size="small"
                style={{ flex: 1 }}
                aria-label={t('questionnaires.stars', { n: i + 1 })}
              />
              <span style={{ width: 60, textAlign: 'right' }}>{n}</span>
            </div>
          ))}
        </div>
      )}
      {q.kind === 'text' && anonymous && (
        <Typography.Text type="secondary">{t('questionnaires.anonymousTexts')}</Typography.Text>
      )}
      {q.kind === 'text' && (
        <List
          size="small"
          dataSource={q.texts}
          locale={{ emptyText: <Empty description={t('questionnaires.noTexts')} /> }}
          renderItem={(x) => (
            <List.Item>
              <List.Item.Meta title={x.text} description={textByline(x) || undefined} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** One questionnaire's results: response rates per union below (drill down by clicking one), each question, export. */
export function QuestionnairePage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { id = '' } = useParams();
  const [orgId, setOrgId] = useState<string | undefined>();
  const results = useQuestionnaireResults(id, orgId);
  const r = results.data;
  return (
    <Card
      title={r ? r.questionnaire.title : t('questionnaires.title')}
      loading={results.isLoading}
      extra={
        <Space>
          {orgId && <Button onClick={() => setOrgId(undefined)}>{t('questionnaires.wholeTree')}</Button>}
          <Button
            onClick={() =>
              void api
                .download(
                  `/api/v1/questionnaires/${id}/results/export.xlsx${orgId ? `?orgId=${orgId}` : ''}`,
                  `${t('questionnaires.exportName')}.xlsx`,
                )
                .catch((e: unknown) => message.error(describeError(e)))
            }
            data-testid="export-questionnaire"
          >
            {t('questionnaires.export')}
          </Button>
        </Space>
      }
    >
      <ActivitiesNav />
      <QueryError error={results.error} onRetry={() => void results.refetch()} />
      {r && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ margin: '12px 0' }}>
            <Descriptions.Item label={t('questionnaires.org')}>{r.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('questionnaires.members')}>{r.members}</Descriptions.Item>
            <Descriptions.Item label={t('questionnaires.responses')}>
              {r.responses ?? t('questionnaires.fewer')}
            </Descriptions.Item>
            <Descriptions.Item label={t('questionnaires.responseRate')}>
              <span data-testid="response-rate">{percent(r.responseRate)}</span>
            </Descriptions.Item>
          </Descriptions>
          {r.suppressed && (
            <Alert type="info" showIcon message={t('questionnaires.withheld')} style={{ marginBottom: 12 }} />
          )}
          <Typography.Title level={5}>{t('questionnaires.byUnion')}</Typography.Title>
          {r.questionnaire.anonymous && (
            <Typography.Paragraph type="secondary">{t('questionnaires.fewerHint')}</Typography.Paragraph>
          )}
          <Table<ChildRow>
            rowKey={(c) => c.org.id}
            size="small"
            dataSource={r.children}
            pagination={false}
            data-testid="questionnaire-unions"
            onRow={(c) => {
              const drillable = c.org.id !== r.org.id && !c.suppressed;
              return {
                onClick: () => drillable && setOrgId(c.org.id),
                style: { cursor: drillable ? 'pointer' : undefined },
              };
            }}
            columns={[
              {
                title: t('questionnaires.union'),
                render: (_, c) =>
                  c.org.id === r.org.id ? t('questionnaires.direct', { name: c.org.name }) : c.org.name,
              },
              { title: t('questionnaires.members'), dataIndex: 'members', align: 'right' },
              {
                title: t('questionnaires.responses'),
                render: (_, c) => c.responses ?? t('questionnaires.fewer'),
                align: 'right',
              },
              { title: t('questionnaires.responseRate'), render: (_, c) => percent(c.responseRate), align: 'right' },
            ]}
            style={{ marginBottom: 16 }}
          />
          <Typography.Title level={5}>{t('questionnaires.byQuestion')}</Typography.Title>
          {r.questions.map((q) => (
            <QuestionCard key={q.id} q={q} anonymous={r.questionnaire.anonymous} />
          ))}
        </>
      )}
    </Card>
  );
}
