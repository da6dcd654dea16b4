import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import { QueryError } from '../../QueryError';
import {
  uploadMotionDocument,
  useAttendance,
  useCloseMotion,
  useCongressMotions,
  useCreateMotion,
  useMotionResult,
  useVerifyDisclosures,
  type Motion,
  type UploadedDocument,
} from './MotionQueries';

const statusColor: Record<Motion['status'], string> = {
  scheduled: 'blue',
  open: 'green',
  ended: 'orange',
  closed: 'default',
};

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

/**
 * 职代会表决 of one congress, self-contained (the congress page shows it as a tab): the motions, a new one with its
 * document, the running counts of an open vote refreshed every few seconds, who voted (never how), closing with a
 * confirmation, and the fixed result with its disclosure (厂务公开) and hash.
 */
export function MotionsTab({ congressId }: { congressId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const motions = useCongressMotions(congressId);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const verify = useVerifyDisclosures(congressId);
  const selected = motions.data?.find((m) => m.id === shown) ?? null;

  return (
    <div data-testid="motions-tab">
      <QueryError error={motions.error} onRetry={() => void motions.refetch()} />
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="new-motion">
          {t('motions.new')}
        </Button>
        <Button
          loading={verify.isPending}
          onClick={() =>
            verify.mutate(undefined, {
              onError: (e) => void message.error(describeError(e)),
            })
          }
          data-testid="verify-disclosures"
        >
          {t('motions.verify')}
        </Button>
        <Button
          onClick={() =>
            void api
              .download(`/api/v1/congresses/${congressId}/motions/export.xlsx`, `${t('motions.title')}.xlsx`)
              .catch((e: unknown) => void message.error(describeError(e)))
          }
          data-testid="export-motions"
        >
          {t('motions.export')}
        </Button>
      </Space>
      {verify.data && (
        <Alert
          style={{ marginBottom: 12 }}
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          message={
            verify.data.ok
              ? t('motions.verifiedOk', { n: verify.data.checked })
              : t('motions.verifiedBroken', { n: verify.data.broken.length })
          }
          description={
            verify.data.ok
              ? null
              : verify.data.broken.map((b) => `#${b.seq} ${t(`motions.problem.${b.problem}`)}`).join('；')
          }
          data-testid="verify-result"
        />
      )}
      <Table
        rowKey="id"
        loading={motions.isLoading}
        dataSource={motions.data ?? []}
        pagination={false}
        onRow={(m) => ({ onClick: () => setShown(m.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('motions.motionTitle'), dataIndex: 'title' },
          {
            title: t('motions.statusLabel'),
            dataIndex: 'status',
            render: (s: Motion['status']) => <Tag color={statusColor[s]}>{t(`motions.status.${s}`)}</Tag>,
          },
          { title: t('motions.opensAt'), dataIndex: 'opensAt', render: when },
          { title: t('motions.closesAt'), dataIndex: 'closesAt', render: when },
          {
            title: '',
            key: 'open',
            render: (_: unknown, m: Motion) => (
              <Button type="link" onClick={() => setShown(m.id)} data-testid={`motion-${m.id}`}>
                {t('motions.details')}
              </Button>
            ),
          },
        ]}
        data-testid="motions-table"
      />
      <CreateMotion congressId={congressId} open={creating} onClose={() => setCreating(false)} />
      <Drawer
        open={selected !== null}
        onClose={() => setShown(null)}
        width={640}
        title={selected?.title}
        destroyOnHidden
      >
        {selected && <MotionDetail congressId={congressId} motion={selected} />}
      </Drawer>
    </div>
  );
}

function CreateMotion({ congressId, open, onClose }: { congressId: string; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; body: string; closesAt?: Dayjs }>();
  const [document, setDocument] = useState<UploadedDocument | null>(null);
  const [uploading, setUploading] = useState(false);
  const create = useCreateMotion(congressId);

  async function upload(file: File) {
    setUploading(true);
    try {
      setDocument(await uploadMotionDocument(file));
    } catch (e) {
      void message.error(describeError(e));
    } finally {
      setUploading(false);
    }
  }

  async function submit(v: { title: string; body: string; closesAt?: Dayjs }) {
    try {
      await create.mutateAsync({
        title: v.title,
        body: v.body,
        ...(document ? { documentFileId: document.id } : {}),
        ...(v.closesAt ? { closesAt: v.closesAt.toISOString() } : {}),
      });
      void message.success(t('motions.created'));
      form.resetFields();
      setDocument(null);
      onClose();
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  return (
    <Drawer open={open} onClose={onClose} width={560} title={t('motions.new')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="title" label={t('motions.motionTitle')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="motion-title" />
        </Form.Item>
        <Form.Item name="body" label={t('motions.body')} rules={[{ required: true, max: 20000 }]}>
          <Input.TextArea rows={6} data-testid="motion-body" />
        </Form.Item>
        <Form.Item label={t('motions.document')} extra={t('motions.documentHint')}>
          <Upload
            accept="application/pdf,image/png,image/jpeg"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button loading={uploading} data-testid="motion-document">
              {t('motions.upload')}
            </Button>
          </Upload>
          {document && (
            <Typography.Text style={{ marginLeft: 8 }} data-testid="motion-document-name">
              {document.fileName}
            </Typography.Text>
          )}
        </Form.Item>
        <Form.Item name="closesAt" label={t('motions.closesAt')} extra={t('motions.closesAtHint')}>
          <DatePicker showTime data-testid="motion-closes-at" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="create-motion">
          {t('motions.create')}
        </Button>
      </Form>
    </Drawer>
  );
}

function MotionDetail({ congressId, motion: m }: { congressId: string; motion: Motion }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const running = m.status !== 'closed';
  const result = useMotionResult(m.id, running);
  const attendance = useAttendance(m.id, true);
  const close = useCloseMotion(congressId);
  const r = result.data;

  function confirmClose() {
    modal.confirm({
      title: t('motions.closeTitle'),
      content: t('motions.closeBody'),
      okText: t('motions.close'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-close' } as ButtonProps,
      onOk: () =>
        close.mutateAsync(m.id).then(
          () => void message.success(t('motions.closed')),
          (e: unknown) => void message.error(describeError(e)),
        ),
    });
  }

  return (
    <div data-testid="motion-detail">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Typography.Paragraph>
      {m.document && (
        <Typography.Paragraph>{t('motions.documentIs', { name: m.document.fileName })}</Typography.Paragraph>
      )}
      <QueryError error={result.error} onRetry={() => void result.refetch()} />
      {r && (
        <>
          <Space style={{ marginBottom: 8 }}>
            <Tag color={r.final ? 'default' : 'green'} data-testid="result-final">
              {r.final ? t('motions.final') : t('motions.running')}
            </Tag>
            <Tag color={r.passed ? 'green' : 'red'} data-testid="result-outcome">
              {r.passed ? t('motions.passed') : t('motions.notPassed')}
            </Tag>
            <Tag color={r.quorumMet ? 'blue' : 'orange'} data-testid="result-quorum">
              {r.quorumMet ? t('motions.quorumMet') : t('motions.quorumNotMet')}
            </Tag>
          </Space>
          <Descriptions bordered size="small" column={2} data-testid="result-counts">
            <Descriptions.Item label={t('motions.choice.for')}>
              <span data-testid="count-for">{r.for}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('motions.choice.against')}>
              <span data-testid="count-against">{r.against}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('motions.choice.abstain')}>
              <span data-testid="count-abstain">{r.abstain}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('motions.turnout')}>
              <span data-testid="count-voted">
                {t('motions.votedOf', { voted: r.voted, representatives: r.representatives })}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('motions.rule')}
          </Typography.Paragraph>
          {r.disclosure && (
            <Typography.Paragraph>
              {t('motions.hash')}
              <Typography.Text
                code
                copyable
                style={{ display: 'block', wordBreak: 'break-all' }}
                data-testid="disclosure-hash"
              >
                {r.disclosure.contentHash}
              </Typography.Text>
              <a
                href={`/disclosures/${r.disclosure.id}`}
                target="_blank"
                rel="noreferrer"
                data-testid="disclosure-link"
              >
                {t('motions.disclosureLink')}
              </a>
            </Typography.Paragraph>
          )}
        </>
      )}
      {running && (
        <Button danger loading={close.isPending} onClick={confirmClose} data-testid="close-motion">
          {t('motions.close')}
        </Button>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('motions.attendance')}
      </Typography.Title>
      <QueryError error={attendance.error} onRetry={() => void attendance.refetch()} />
      <Table
        rowKey="representativeId"
        size="small"
        loading={attendance.isLoading}
        dataSource={attendance.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('motions.representative'), dataIndex: 'name' },
          { title: t('motions.delegation'), dataIndex: 'delegation', render: (d: string | null) => d ?? '—' },
          {
            title: t('motions.votedAt'),
            dataIndex: 'votedAt',
            render: (v: string | null) => (v ? when(v) : <Tag>{t('motions.notVoted')}</Tag>),
          },
        ]}
      />
    </div>
  );
}
