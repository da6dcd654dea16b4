import {
  Alert,
  App as AntApp,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { Attachments, kindDetailItems } from './ApplicationDetails';
import { when, yuan } from './format';
import {
  useApplication,
  useApplicationAction,
  type Application,
  type ApplicationAction,
  type Programme,
} from './queries';

type ActionName = ApplicationAction['action'];
/**
 * Steps staff take from the drawer: money goes out through a batch (disburse), the member withdraws on their own;
 * staff of the member's union resubmit a returned application for them.
 */
const staffActions: readonly ActionName[] = [
  'review_pass',
  'review_return',
  'review_reject',
  'resubmit',
  'publicize',
  'approve',
];
const needsReason = (a: ActionName) => a === 'review_return' || a === 'review_reject';
/** Business conflicts the page explains in its own words (the server's message follows). */
const explained = ['PUBLICITY_OPEN', 'OBJECTION_PENDING', 'INVALID_TRANSITION', 'CAP_EXCEEDED'];

/** A conflict the server answered (409): what it means here, and what the server said. */
export function ConflictAlert({ error, onClose }: { error: ApiError | null; onClose(): void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable
      onClose={onClose}
      role="alert"
      style={{ marginBottom: 12 }}
      data-testid="conflict"
      data-code={error.code}
      message={explained.includes(error.code) ? t(`programmeConflict.${error.code}`) : error.code}
      description={error.message}
    />
  );
}

function Chain({ a }: { a: Application }) {
  const { t } = useTranslation();
  const passed =
    a.reviewLevel === null
      ? ['returned', 'rejected', 'withdrawn'].includes(a.status)
        ? 0
        : a.reviewChain.length
      : a.reviewLevel - 1;
  return (
    <Steps
      size="small"
      direction="vertical"
      current={passed}
      status={a.status === 'rejected' ? 'error' : undefined}
      items={a.reviewChain.map((step) => ({
        title: step.step ?? t('benefitApps.levelN', { level: step.level }),
        description: step.org.name,
      }))}
    />
  );
}

/** One application: its facts (payee masked), the chain, its notices, its timeline, and the steps the server allows. */
export function ApplicationDrawer({
  id,
  programme,
  onClose,
}: {
  id: string | null;
  programme: Programme;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { data: a, error, refetch } = useApplication(id);
  const step = useApplicationAction(id ?? '', programme.id);
  const [acting, setActing] = useState<{ action: ActionName; key: string } | null>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [form] = Form.useForm<{ reason?: string; note?: string }>();

  function close() {
    setConflict(null);
    onClose();
  }

  async function submit(v: { reason?: string; note?: string }) {
    if (!acting) return;
    const { action } = acting;
    const body = (
      needsReason(action) ? { action, reason: v.reason ?? '' } : { action, ...(v.note ? { note: v.note } : {}) }
    ) as ApplicationAction;
    try {
      await step.mutateAsync({ body, key: acting.key });
      setActing(null);
      setConflict(null);
      form.resetFields();
      void message.success(t(`applicationAction.${action}`));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // The conflict belongs to the application, not to the dialog: show it above the facts, and refresh them.
        setActing(null);
        form.resetFields();
        setConflict(e);
        void refetch();
      } else {
        showFormError(form, e, message);
      }
    }
  }

  const actions = (a?.actions ?? []).filter((x) => staffActions.includes(x));
  return (
    <Drawer
      open={id !== null}
      onClose={close}
      width={720}
      title={a ? `${a.member.name} · ${a.programme.title}` : ''}
      extra={
        a && (
          <Space size={4}>
            {a.reviewStep && (
              <Tag color="blue" data-testid="application-step">
                {a.reviewStep}
              </Tag>
            )}
            <Tag data-testid="application-status">{t(`programmeApplicationStatus.${a.status}`)}</Tag>
          </Space>
        )
      }
      destroyOnHidden
    >
      <QueryError error={error} onRetry={() => void refetch()} />
      <ConflictAlert error={conflict} onClose={() => setConflict(null)} />
      {a && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            {actions.length === 0 && <Typography.Text type="secondary">{t('benefitApps.noActions')}</Typography.Text>}
            {actions.map((x) => (
              <Button
                key={x}
                type={x === 'review_pass' || x === 'approve' ? 'primary' : 'default'}
                danger={x === 'review_reject'}
                onClick={() => setActing({ action: x, key: crypto.randomUUID() })}
                data-testid={`action-${x}`}
              >
                {t(`applicationAction.${x}`)}
              </Button>
            ))}
          </Space>
          <Descriptions column={2} bordered size="small">
            <Descriptions.Item label={t('benefitApps.member')}>{a.member.name}</Descriptions.Item>
            <Descriptions.Item label={t('benefitApps.union')}>{a.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('benefitApps.amount')}>
              <span data-testid="application-amount">{yuan(a.amountFen)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('benefitApps.period')}>{a.period}</Descriptions.Item>
            <Descriptions.Item label={t('benefitApps.payee')} span={2}>
              <span data-testid="application-payee">
                {a.payee ? `${a.payee.bank} ${a.payee.account}` : t('benefitApps.noPayee')}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('benefitApps.createdAt')}>{when(a.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('benefitApps.attachments')}>
              <Attachments a={a} />
            </Descriptions.Item>
            {kindDetailItems(a, t)}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('benefitApps.chain')}</Typography.Title>
            <Chain a={a} />
          </div>
          {a.notices && a.notices.length > 0 && (
            <div>
              <Typography.Title level={5}>{t('benefitApps.notices')}</Typography.Title>
              {a.notices.map((n) => (
                <div key={n.id}>
                  <a href={`/notices/${n.id}`} target="_blank" rel="noreferrer" style={{ textDecoration: 'underline' }}>
                    {n.org.name} · #{n.entryNo}
                  </a>{' '}
                  {when(n.opensAt)} – {when(n.closesAt)}{' '}
                  {n.open ? <Tag color="orange">{t('publicity.open')}</Tag> : <Tag>{t('publicity.closed')}</Tag>}
                </div>
              ))}
            </div>
          )}
          <div>
            <Typography.Title level={5}>{t('benefitApps.timeline')}</Typography.Title>
            <Timeline
              data-testid="application-timeline"
              items={(a.timeline ?? []).map((e) => ({
                children: (
                  <span>
                    <b>{t(`applicationAction.${e.action}`, { defaultValue: e.action })}</b>
                    {e.step && ` · ${e.step}`} · {when(e.at)} ·{' '}
                    {t(`programmeApplicationStatus.${e.toState}`, { defaultValue: e.toState })}
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
        title={acting ? t(`applicationAction.${acting.action}`) : ''}
        onCancel={() => setActing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: step.isPending }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          {acting && needsReason(acting.action) ? (
            <Form.Item name="reason" label={t('benefitApps.actionReason')} rules={[{ required: true, max: 1000 }]}>
              <Input.TextArea rows={3} maxLength={1000} data-testid="action-reason" />
            </Form.Item>
          ) : (
            <Form.Item name="note" label={t('benefitApps.actionNote')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={3} maxLength={1000} data-testid="action-note" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Drawer>
  );
}
