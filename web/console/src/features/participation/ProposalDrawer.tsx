import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Rate,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../../../../shared/api';
import { proposalStages } from '../../../../shared/proposals';
import { api, type OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { proposalStatusColour, when } from './proposals.format';
import {
  useProposal,
  useProposalAction,
  type Proposal,
  type ProposalAction,
  type ProposalActionName,
} from './proposals.queries';

/** The steps staff take here, in the order the buttons show; the proposer's own (resubmit, withdraw, rate) are not. */
const staffActions: readonly ProposalActionName[] = [
  'review_accept',
  'review_return',
  'review_reject',
  'convert_to_suggestion',
  'assign',
  'refer_external',
  'record_external_answer',
  'answer',
  'close',
];
/** Steps that cannot be taken back: the dialog says so before it is confirmed. */
const irreversible: readonly ProposalActionName[] = ['review_reject', 'convert_to_suggestion', 'close'];
const primary: readonly ProposalActionName[] = ['review_accept', 'assign', 'answer', 'record_external_answer'];
/** 基层治理四平台 and the 12345 hotline, offered as typed (any other platform may be named). */
const platforms = ['基层治理四平台', '12345 政务服务热线'];

interface ActionForm {
  note?: string;
  reason?: string;
  reply?: string;
  handlerOrg?: OrgRef | null;
  dueOn?: Dayjs | null;
  platform?: string;
  externalRef?: string;
}

/** The body of a step from its dialog's fields. */
function bodyOf(action: ProposalActionName, v: ActionForm): ProposalAction {
  const note = v.note?.trim() ? { note: v.note.trim() } : {};
  switch (action) {
    case 'review_return':
    case 'review_reject':
      return { action, reason: (v.reason ?? '').trim() };
    case 'answer':
    case 'record_external_answer':
      return { action, reply: (v.reply ?? '').trim() };
    case 'assign':
      return {
        action,
        handlerOrgId: v.handlerOrg?.id ?? '',
        ...(v.dueOn ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {}),
        ...note,
      };
    case 'refer_external':
      return { action, platform: (v.platform ?? '').trim(), externalRef: (v.externalRef ?? '').trim(), ...note };
    case 'review_accept':
    case 'convert_to_suggestion':
    case 'close':
      return { action, ...note };
    default:
      throw new Error(`not a staff step: ${action}`);
  }
}

const extensionOf: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

/** The proposal's files, opened in a new tab behind the token (read as a blob: the token never goes into an address). */
function Attachments({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  if (p.attachments.length === 0) return <>{t('proposals.noAttachments')}</>;
  async function open(file: Proposal['attachments'][number]) {
    const tab = window.open('', '_blank');
    try {
      const blob = await api.blob(`/api/v1/proposals/${p.id}/attachments/${file.id}`);
      const url = URL.createObjectURL(blob);
      if (tab) tab.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      tab?.close();
      void message.error(describeError(e));
    }
  }
  return (
    <Space direction="vertical" size={2} data-testid="proposal-attachments">
      {p.attachments.map((f) => (
        <Button key={f.id} type="link" size="small" style={{ padding: 0 }} onClick={() => void open(f)}>
          {f.fileName || `${f.id.slice(0, 8)}.${extensionOf[f.mediaType] ?? 'bin'}`}
        </Button>
      ))}
    </Space>
  );
}

/**
 * One proposal for the committee or the handling body: where it is in the five steps, its facts, co-signers, answer,
 * referral, rating and timeline, and the steps the server offers the caller (availableActions), each in a dialog.
 */
export function ProposalDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { data: p, error, refetch } = useProposal(id);
  const step = useProposalAction(id ?? '');
  const [acting, setActing] = useState<ProposalActionName | null>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [form] = Form.useForm<ActionForm>();

  function close() {
    setConflict(null);
    onClose();
  }

  async function submit(v: ActionForm) {
    if (!acting) return;
    try {
      await step.mutateAsync(bodyOf(acting, v));
      void message.success(t('proposals.done', { action: t(`proposalAction.${acting}`) }));
      setActing(null);
      setConflict(null);
      form.resetFields();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // The proposal moved on meanwhile (another officer): say so above it and read it again.
        setActing(null);
        form.resetFields();
        setConflict(e);
        void refetch();
      } else {
        showFormError(form, e, message, { handlerOrgId: 'handlerOrg' });
      }
    }
  }

  const actions = (p?.availableActions ?? []).filter((x) => staffActions.includes(x));
  const stages = p ? proposalStages(p, t, when) : [];
  return (
    <Drawer
      open={id !== null}
      onClose={close}
      width={760}
      title={p?.title ?? ''}
      extra={
        p && (
          <Space size={4}>
            {p.overdue && (
              <Tag color="red" data-testid="proposal-overdue">
                {t('proposals.overdueTag')}
              </Tag>
            )}
            <Tag color={proposalStatusColour[p.status]} data-testid="proposal-status">
              {t(`proposalStatus.${p.status}`)}
            </Tag>
          </Space>
        )
      }
      destroyOnHidden
    >
      <QueryError error={error} onRetry={() => void refetch()} />
      {conflict && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setConflict(null)}
          role="alert"
          style={{ marginBottom: 12 }}
          data-testid="conflict"
          message={t('proposals.conflict')}
          description={conflict.message}
        />
      )}
      {p && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Steps
            size="small"
            current={stages.findIndex((s) => s.status !== 'finish')}
            items={stages.map((s) => ({
              title: t(`proposals.stage.${s.key}`),
              status: s.status,
              description: s.description,
            }))}
            data-testid="proposal-steps"
          />
          <Space wrap>
            {actions.length === 0 && <Typography.Text type="secondary">{t('proposals.noActions')}</Typography.Text>}
            {/* Another officer may have taken a step meanwhile: read it again (and the drawer always has a control). */}
            <Button onClick={() => void refetch()} data-testid="refresh-proposal">
              {t('proposals.refresh')}
            </Button>
            {actions.map((x) => (
              <Button
                key={x}
                type={primary.includes(x) ? 'primary' : 'default'}
                danger={x === 'review_reject'}
                onClick={() => {
                  form.resetFields();
                  setActing(x);
                }}
                data-testid={`action-${x}`}
              >
                {t(`proposalAction.${x}`)}
              </Button>
            ))}
          </Space>
          <Descriptions column={2} bordered size="small">
            <Descriptions.Item label={t('proposals.congress')} span={2}>
              {p.congress.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('proposals.proposer')}>
              {p.proposer.name} · {p.proposer.org.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('proposals.category')}>{t(`proposalCategory.${p.category}`)}</Descriptions.Item>
            <Descriptions.Item label={t('proposals.submittedAt')}>{when(p.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('proposals.handler')}>
              <span data-testid="proposal-handler">{p.handlerOrg?.name ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('proposals.dueOn')}>
              <span data-testid="proposal-due">{p.dueOn ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('proposals.closedAt')}>{when(p.closedAt)}</Descriptions.Item>
            {p.reviewReason && (
              <Descriptions.Item label={t('proposals.reviewReason')} span={2}>
                {p.reviewReason}
              </Descriptions.Item>
            )}
            {p.referral && (
              <Descriptions.Item label={t('proposals.referral')} span={2}>
                <span data-testid="proposal-referral">
                  {p.referral.platform} · {p.referral.externalRef} · {when(p.referral.referredAt)}
                </span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('proposals.cosigners')} span={2}>
              {p.coSigners.length === 0
                ? '—'
                : p.coSigners.map((c) => (
                    <Tag
                      key={c.representativeId}
                      color={c.status === 'agreed' ? 'green' : c.status === 'declined' ? 'default' : 'orange'}
                      data-testid="cosigner"
                    >
                      {c.name} · {t(`proposalCosignerStatus.${c.status}`)}
                    </Tag>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('proposals.attachments')} span={2}>
              <Attachments p={p} />
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('proposals.body')}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="proposal-body">
              {p.body}
            </Typography.Paragraph>
          </div>
          {p.reply && (
            <div>
              <Typography.Title level={5}>
                {p.reply.source === 'external' ? t('proposals.externalReply') : t('proposals.reply')}
              </Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="proposal-reply">
                {p.reply.text}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{when(p.reply.at)}</Typography.Text>
            </div>
          )}
          {p.rating && (
            <div data-testid="proposal-rating">
              <Typography.Title level={5}>{t('proposals.rating')}</Typography.Title>
              <Space>
                <Rate disabled value={p.rating.score} aria-label={t('proposals.stars', { n: p.rating.score })} />
                <span data-testid="proposal-rating-score">{t('proposals.stars', { n: p.rating.score })}</span>
                <Tag color={p.rating.satisfied ? 'green' : 'red'} data-testid="proposal-rating-satisfied">
                  {p.rating.satisfied ? t('proposals.satisfied') : t('proposals.dissatisfied')}
                </Tag>
                {p.reopened && <Tag color="orange">{t('proposals.reopened')}</Tag>}
              </Space>
              {p.rating.comment && <Typography.Paragraph>{p.rating.comment}</Typography.Paragraph>}
            </div>
          )}
          {p.closableFrom && (
            <Typography.Text type="secondary">
              {t('proposals.closableFrom', { at: when(p.closableFrom) })}
            </Typography.Text>
          )}
          <div>
            <Typography.Title level={5}>{t('proposals.timeline')}</Typography.Title>
            <Timeline
              data-testid="proposal-timeline"
              items={(p.timeline ?? []).map((e) => ({
                children: (
                  <span>
                    <b>{t(`proposalAction.${e.action}`, { defaultValue: e.action })}</b> · {when(e.at)} ·{' '}
                    {t(`proposalStatus.${e.toState}`, { defaultValue: e.toState })}
                    {e.note && <span style={{ color: 'rgba(0,0,0,0.65)' }}> — {e.note}</span>}
                  </span>
                ),
              }))}
            />
          </div>
        </Space>
      )}
      <Modal
        open={acting !== null}
        title={acting ? t(`proposalAction.${acting}`) : ''}
        onCancel={() => setActing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: step.isPending, danger: acting !== null && irreversible.includes(acting) }}
        destroyOnHidden
      >
        {acting && irreversible.includes(acting) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t(`proposals.irreversible.${acting}`)}
            data-testid="irreversible"
          />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          {(acting === 'review_return' || acting === 'review_reject') && (
            <Form.Item
              name="reason"
              label={t('proposals.reason')}
              extra={t('proposals.reasonHint')}
              rules={[{ required: true, whitespace: true, message: t('proposals.reasonRequired') }, { max: 1000 }]}
            >
              <Input.TextArea rows={3} maxLength={1000} data-testid="action-reason" />
            </Form.Item>
          )}
          {(acting === 'answer' || acting === 'record_external_answer') && (
            <Form.Item
              name="reply"
              label={acting === 'answer' ? t('proposals.reply') : t('proposals.externalReply')}
              extra={t('proposals.replyHint')}
              rules={[{ required: true, whitespace: true, message: t('proposals.replyRequired') }, { max: 5000 }]}
            >
              <Input.TextArea rows={5} maxLength={5000} data-testid="action-reply" />
            </Form.Item>
          )}
          {acting === 'assign' && (
            <>
              <Form.Item
                name="handlerOrg"
                label={t('proposals.handler')}
                rules={[{ required: true, message: t('proposals.handlerRequired') }]}
              >
                <OrgPicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="dueOn" label={t('proposals.dueOn')} extra={t('proposals.dueOnHint')}>
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                  data-testid="action-due-on"
                />
              </Form.Item>
            </>
          )}
          {acting === 'refer_external' && (
            <>
              <Form.Item
                name="platform"
                label={t('proposals.platform')}
                rules={[{ required: true, whitespace: true, message: t('proposals.platformRequired') }, { max: 50 }]}
              >
                <AutoComplete
                  options={platforms.map((value) => ({ value }))}
                  maxLength={50}
                  data-testid="action-platform"
                />
              </Form.Item>
              <Form.Item
                name="externalRef"
                label={t('proposals.externalRef')}
                rules={[
                  { required: true, whitespace: true, message: t('proposals.externalRefRequired') },
                  { max: 100 },
                ]}
              >
                <Input maxLength={100} data-testid="action-external-ref" />
              </Form.Item>
            </>
          )}
          {acting !== null &&
            ['review_accept', 'convert_to_suggestion', 'assign', 'refer_external', 'close'].includes(acting) && (
              <Form.Item name="note" label={t('proposals.note')} rules={[{ max: 1000 }]}>
                <Input.TextArea rows={2} maxLength={1000} data-testid="action-note" />
              </Form.Item>
            )}
        </Form>
      </Modal>
    </Drawer>
  );
}
