import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError, type ApiData } from '../../../../shared/api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { ConflictAlert } from './ApplicationDrawer';
import { when, yuan } from './format';
import {
  useAnswerObjection,
  useNotices,
  useObjections,
  usePublishNotice,
  useReviewed,
  verifyNotices,
  type ApplicationRow,
  type Notice,
  type Objection,
  type Programme,
} from './queries';

type Verdict = ApiData<'/api/v1/programmes/{id}/notices/verify'>;

/** Reviewed applications, chosen and published as one notice (公示名单). */
function Publish({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const reviewed = useReviewed(programme.id);
  const publish = usePublishNotice(programme.id);
  const [selected, setSelected] = useState<string[]>([]);
  const [conflict, setConflict] = useState<ApiError | null>(null);

  async function run() {
    try {
      const { items } = await publish.mutateAsync({ applicationIds: selected });
      setSelected([]);
      setConflict(null);
      void message.success(t('publicity.published', { count: items.length }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(e);
      else void message.error(describeError(e));
    }
  }

  return (
    <section aria-labelledby="reviewed-title">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} id="reviewed-title" style={{ margin: 0 }}>
          {t('publicity.reviewed')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('publicity.selectHint')}</Typography.Text>
        <Button
          type="primary"
          disabled={selected.length === 0 || programme.rules.publicityDays === 0}
          loading={publish.isPending}
          onClick={() => void run()}
          data-testid="publish-notice"
        >
          {t('publicity.publish')}
          {selected.length > 0 ? ` (${selected.length})` : ''}
        </Button>
      </Space>
      <ConflictAlert error={conflict} onClose={() => setConflict(null)} />
      <QueryError error={reviewed.error} onRetry={() => void reviewed.refetch()} />
      <Table<ApplicationRow>
        rowKey="id"
        size="small"
        loading={reviewed.isFetching}
        dataSource={reviewed.data ?? []}
        pagination={false}
        data-testid="reviewed-table"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (a) => ({ 'aria-label': a.member.name }) as object,
        }}
        columns={[
          { title: t('benefitApps.member'), render: (_, a) => a.member.name },
          { title: t('benefitApps.union'), render: (_, a) => a.org.name },
          { title: t('benefitApps.amount'), render: (_, a) => yuan(a.amountFen), align: 'right', width: 140 },
          { title: t('benefitApps.createdAt'), render: (_, a) => when(a.createdAt), width: 170 },
        ]}
      />
    </section>
  );
}

/** The programme's notices, newest first, with their hashes and the verifier's answer on demand. */
function Notices({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const notices = useNotices(programme.id);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);

  async function verify() {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerdict(await verifyNotices(programme.id));
    } catch (e) {
      setVerdict(null);
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  }

  return (
    <section aria-labelledby="notices-title">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} id="notices-title" style={{ margin: 0 }}>
          {t('publicity.notices')}
        </Typography.Title>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verifying}
          onClick={() => void verify()}
          data-testid="verify-chain"
        >
          {t('publicity.verify')}
        </Button>
      </Space>
      {verdict && (
        <Alert
          role="status"
          style={{ marginBottom: 8 }}
          type={verdict.ok ? 'success' : 'error'}
          showIcon
          data-testid="verify-result"
          message={
            verdict.ok
              ? t('publicity.verifyOk', { count: verdict.checked })
              : t('publicity.verifyBroken', { count: verdict.broken.length })
          }
          description={
            verdict.ok ? undefined : (
              <ul style={{ margin: 0 }}>
                {verdict.broken.map((b) => (
                  <li key={`${b.noticeId}-${b.problem}`}>
                    #{b.seq} · {t(`publicity.problem.${b.problem}`)}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
      <QueryError error={verifyError} onRetry={() => void verify()} />
      <QueryError error={notices.error} onRetry={() => void notices.refetch()} />
      <Table<Notice>
        rowKey="id"
        size="small"
        loading={notices.isFetching}
        dataSource={notices.data ?? []}
        pagination={false}
        data-testid="notices-table"
        columns={[
          { title: t('publicity.seq'), dataIndex: 'seq', width: 60 },
          { title: t('publicity.opensAt'), render: (_, n) => when(n.opensAt), width: 170 },
          { title: t('publicity.closesAt'), render: (_, n) => when(n.closesAt), width: 170 },
          { title: t('publicity.entries'), dataIndex: 'entries', width: 80 },
          {
            title: t('publicity.state'),
            width: 90,
            render: (_, n) =>
              n.open ? (
                <Tag color="orange" data-testid="notice-state">
                  {t('publicity.open')}
                </Tag>
              ) : (
                <Tag data-testid="notice-state">{t('publicity.closed')}</Tag>
              ),
          },
          {
            title: t('publicity.hash'),
            render: (_, n) => (
              <Typography.Text code copyable={{ text: n.contentHash }} data-testid="notice-hash">
                {n.contentHash.slice(0, 16)}…
              </Typography.Text>
            ),
          },
          {
            title: t('publicity.publicPage'),
            width: 100,
            render: (_, n) => (
              <a href={`/notices/${n.id}`} target="_blank" rel="noreferrer" data-testid="notice-link">
                {t('publicity.publicPage')}
              </a>
            ),
          },
        ]}
      />
    </section>
  );
}

/** Objections to the programme's notices; each is answered before the applications it concerns can be approved. */
function Objections({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [unanswered, setUnanswered] = useState(true);
  const list = useObjections(programme.id, unanswered);
  const notices = useNotices(programme.id);
  const answer = useAnswerObjection(programme.id);
  const [answering, setAnswering] = useState<Objection | null>(null);
  const [form] = Form.useForm<{ answer: string }>();
  const seqOf = (noticeId: string) => notices.data?.find((n) => n.id === noticeId)?.seq;

  async function submit(v: { answer: string }) {
    if (!answering) return;
    try {
      await answer.mutateAsync({ id: answering.id, answer: v.answer });
      setAnswering(null);
      form.resetFields();
      void message.success(t('publicity.answered'));
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <section aria-labelledby="objections-title">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} id="objections-title" style={{ margin: 0 }}>
          {t('publicity.objections')}
        </Typography.Title>
        <span>
          <Switch
            checked={unanswered}
            onChange={setUnanswered}
            aria-label={t('publicity.onlyUnanswered')}
            data-testid="only-unanswered"
          />{' '}
          {t('publicity.onlyUnanswered')}
        </span>
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Objection>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="objections-table"
        columns={[
          { title: t('publicity.objectedAt'), render: (_, o) => when(o.createdAt), width: 170 },
          {
            title: t('publicity.objectionEntry'),
            width: 130,
            render: (_, o) =>
              `#${seqOf(o.noticeId) ?? '?'} · ${o.entryNo === null ? t('publicity.wholeNotice') : o.entryNo}`,
          },
          { title: t('publicity.objectionContent'), dataIndex: 'content' },
          {
            title: t('publicity.answer'),
            render: (_, o) =>
              o.answer !== null ? (
                <span>
                  <Tag color="green">{t('publicity.answered')}</Tag>
                  {o.answer}
                </span>
              ) : (
                <Button size="small" onClick={() => setAnswering(o)} data-testid="answer-objection">
                  {t('publicity.answerAction')}
                </Button>
              ),
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={answering !== null}
        title={t('publicity.answerAction')}
        onCancel={() => setAnswering(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: answer.isPending }}
        destroyOnHidden
      >
        {answering && <Typography.Paragraph>{answering.content}</Typography.Paragraph>}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="answer" label={t('publicity.answer')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={4} maxLength={2000} data-testid="objection-answer" />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}

/** Publicity 公示: publish, the notices and their chain, the objections. */
export function PublicityTab({ programme }: { programme: Programme }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Publish programme={programme} />
      <Notices programme={programme} />
      <Objections programme={programme} />
    </Space>
  );
}
