import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Progress,
  Space,
  Switch,
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
import { api } from '../../api';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { ActivitiesNav } from './nav';
import {
  useChangeQuestionnaire,
  useQuestionnaire,
  useQuestionnaireResults,
  type Questionnaire,
  type QuestionnaireChanges,
  type QuestionnaireResults,
} from './questionnaires.queries';
import { QuestionsEditor, questionsBody, questionsForm, type QuestionForm } from './QuestionsEditor';

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

interface EditForm {
  title: string;
  description?: string | null;
  window: [Dayjs, Dayjs];
  anonymous: boolean;
  questions: QuestionForm[];
}

/**
 * An officer's edit of a questionnaire: title and description any time; the opening only before it opens, the closing
 * not before now and not once closed; the questions and anonymity only while nobody has answered (as the server says).
 */
function EditQuestionnaire({ q, onClose }: { q: Questionnaire; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EditForm>();
  const { update } = useChangeQuestionnaire(q.id);
  const now = dayjs();
  const opened = !now.isBefore(dayjs(q.opensAt));
  const closed = !now.isBefore(dayjs(q.closesAt));
  const answered = (q.responses ?? 0) > 0;
  async function save(v: EditForm) {
    const body: QuestionnaireChanges = {
      title: v.title,
      description: v.description?.trim() || null,
      ...(opened ? {} : { opensAt: v.window[0].toISOString() }),
      ...(closed ? {} : { closesAt: v.window[1].toISOString() }),
      ...(answered ? {} : { anonymous: v.anonymous, questions: questionsBody(v.questions) }),
    };
    try {
      await update.mutateAsync(body);
      void message.success(t('questionnaires.saved'));
      onClose();
    } catch (e) {
      showFormError(form, e, message, { opensAt: 'window', closesAt: 'window' });
    }
  }
  return (
    <Modal
      open
      title={t('questionnaires.editTitle')}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'save-questionnaire-edit' } as ButtonProps}
      destroyOnHidden
    >
      <Form<EditForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{
          title: q.title,
          description: q.description,
          window: [dayjs(q.opensAt), dayjs(q.closesAt)],
          anonymous: q.anonymous,
          questions: questionsForm(q.questions),
        }}
      >
        <Form.Item name="title" label={t('questionnaires.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="questionnaire-edit-title" />
        </Form.Item>
        <Form.Item name="description" label={t('questionnaires.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="window"
          label={t('questionnaires.window')}
          rules={[{ required: true }]}
          extra={closed ? t('questionnaires.closedLocked') : opened ? t('questionnaires.openLocked') : undefined}
        >
          <DatePicker.RangePicker
            showTime
            style={{ width: '100%' }}
            disabled={[opened, closed]}
            disabledDate={(d) => d.isBefore(now, 'day')}
            allowClear={false}
          />
        </Form.Item>
        {answered ? (
          <Typography.Paragraph type="secondary" data-testid="questions-locked">
            {t('questionnaires.questionsLocked', { n: q.responses })}
          </Typography.Paragraph>
        ) : (
          <>
            <Form.Item name="anonymous" label={t('questionnaires.anonymous')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <QuestionsEditor />
          </>
        )}
      </Form>
    </Modal>
  );
}

/** An officer's buttons on a questionnaire: edit it, and close it now (after a confirm) while it is open. */
function QuestionnaireActions({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const questionnaire = useQuestionnaire(id);
  const { close } = useChangeQuestionnaire(id);
  const [editing, setEditing] = useState(false);
  const q = questionnaire.data;
  if (!q || !can('runActivities', me?.roles ?? [])) return null;
  return (
    <>
      <Button onClick={() => setEditing(true)} data-testid="edit-questionnaire">
        {t('questionnaires.edit')}
      </Button>
      {q.open && (
        <Popconfirm
          title={t('questionnaires.closeConfirm')}
          onConfirm={() =>
            close
              .mutateAsync()
              .then(() => void message.success(t('questionnaires.closed')))
              .catch((e: unknown) => void message.error(describeError(e)))
          }
        >
          <Button danger loading={close.isPending} data-testid="close-questionnaire">
            {t('questionnaires.closeNow')}
          </Button>
        </Popconfirm>
      )}
      {editing && <EditQuestionnaire q={q} onClose={() => setEditing(false)} />}
    </>
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
          <QuestionnaireActions id={id} />
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
