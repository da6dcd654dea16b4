import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { FormSelect } from '../../FormSelect';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { regionLabel, useRegions } from '../../../../shared/regions';
import { showFormError } from '../../forms';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { Evidence } from './Evidence';
import { readApplicantPhone, useCase, useCaseAction, useHandlers, type CaseAction } from './queries';
import { when, yuan } from './types';

/** One case: its facts, its timeline, and the actions the workflow allows this handler now. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { data: c, error, refetch } = useCase(id);
  const [acting, setActing] = useState<CaseAction['action'] | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const step = useCaseAction(id);
  const [form] = Form.useForm();
  const { me } = useSession();
  const handles = can('handleCases', me?.roles ?? []);
  const regions = useRegions();

  useEffect(() => setPhone(null), [id]);

  const handlerQuery = useHandlers(c?.center.id, acting === 'assign');
  const handlers = handlerQuery.data ?? [];
  useEffect(() => {
    if (handlerQuery.error) message.error(describeError(handlerQuery.error));
  }, [handlerQuery.error, message]);

  /** The full number, for calling the applicant; the server records who read it. */
  async function revealPhone() {
    try {
      setPhone((await readApplicantPhone(id)).phone);
    } catch (e) {
      message.error(describeError(e));
    }
  }

  async function submit(values: {
    note?: string;
    handlerId?: string;
    amountYuan?: number;
    to?: 'arbitration' | 'court';
  }) {
    if (!acting) return;
    const note = values.note ? { note: values.note } : {};
    const body: CaseAction =
      acting === 'assign'
        ? { action: acting, handlerId: values.handlerId ?? '', ...note }
        : acting === 'agree'
          ? { action: acting, amountRecoveredFen: Math.round((values.amountYuan ?? 0) * 100), ...note }
          : acting === 'refer'
            ? { action: acting, to: values.to ?? 'arbitration', ...note }
            : acting === 'contact'
              ? { action: acting, note: values.note ?? '' }
              : { action: acting, ...note };
    try {
      await step.mutateAsync(body);
      setActing(null);
      form.resetFields();
    } catch (e) {
      // The form names the recovered amount in yuan; the API in fen.
      showFormError(form, e, message, { amountRecoveredFen: 'amountYuan' });
    }
  }

  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!c) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button onClick={() => navigate('/legal')}>{t('back')}</Button>
            {t(`caseKind.${c.kind}`)} · {c.employer.name}
            <Tag data-testid="case-status">{t(`caseStatus.${c.status}`)}</Tag>
            {c.overdue && <Tag color="red">{t('legal.overdueTag')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {c.actions.map((a) => (
              <Button
                key={a}
                type={a === 'close' || a === 'agree' ? 'primary' : 'default'}
                onClick={() => setActing(a as CaseAction['action'])}
                data-testid={`action-${a}`}
              >
                {t(`caseAction.${a}`)}
              </Button>
            ))}
          </Space>
        }
      >
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label={t('legal.category')}>{t(`caseCategory.${c.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('legal.filedAt')}>{when(c.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('legal.applicant')}>
            <Space wrap>
              <span data-testid="applicant-name">{c.applicant.name ?? t('legal.notMember')}</span>
              <span data-testid="applicant-phone">{phone ?? c.applicant.phone}</span>
              {handles && phone === null && (
                <Button
                  size="small"
                  type="link"
                  onClick={() => void revealPhone()}
                  title={t('legal.revealNote')}
                  data-testid="reveal-phone"
                >
                  {t('legal.revealPhone')}
                </Button>
              )}
              {phone !== null && <Typography.Text type="secondary">{t('legal.revealNote')}</Typography.Text>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('legal.center')}>{c.center.name}</Descriptions.Item>
          <Descriptions.Item label={t('legal.claimed')}>{yuan(c.amountClaimedFen)}</Descriptions.Item>
          <Descriptions.Item label={t('legal.recovered')}>
            <span data-testid="recovered">{yuan(c.amountRecoveredFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('legal.firstContactDue')}>{when(c.firstContactDueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('legal.firstContact')}>{when(c.firstContactAt)}</Descriptions.Item>
          <Descriptions.Item label={t('legal.handler')}>
            <span data-testid="case-handler">{c.handler?.name ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('legal.rating')}>
            {c.rating ? `${c.rating.score} ★ ${c.rating.comment ?? ''}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('legal.employerAddress')} span={2}>
            {regionLabel(regions, c.employer.regionCode)} · {c.employer.address ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('legal.description')} span={2}>
            {c.description}
          </Descriptions.Item>
          <Descriptions.Item label={t('legal.evidence')} span={2}>
            <Evidence caseId={c.id} attachments={c.attachments} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('legal.timeline')}>
        <Timeline
          items={(c.timeline ?? []).map((e) => ({
            children: (
              <span>
                <b>{t(`caseAction.${e.action}`)}</b> · {when(e.at)}{' '}
                {e.note && <span style={{ color: '#666' }}>— {e.note}</span>}
              </span>
            ),
          }))}
        />
      </Card>
      <Modal
        open={acting !== null}
        title={acting ? t(`caseAction.${acting}`) : ''}
        onCancel={() => setActing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ to: 'arbitration' }}>
          {acting === 'assign' && (
            <Form.Item name="handlerId" label={t('legal.handler')} rules={[{ required: true }]}>
              <FormSelect
                options={handlers.map((h) => ({
                  value: h.id,
                  label: h.org.id === c.center.id ? h.name : `${h.name} · ${h.org.name}`,
                }))}
                notFoundContent={t('legal.noHandlers')}
                data-testid="handler-select"
              />
            </Form.Item>
          )}
          {acting === 'agree' && (
            <Form.Item name="amountYuan" label={t('legal.recoveredYuan')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="amount-yuan" />
            </Form.Item>
          )}
          {acting === 'refer' && (
            <Form.Item name="to" label={t('legal.referTo')}>
              <Radio.Group options={['arbitration', 'court'].map((v) => ({ value: v, label: t(`legal.${v}`) }))} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('legal.note')} rules={acting === 'contact' ? [{ required: true }] : []}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="action-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
