import { App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Radio, Space, Tag, Timeline, Typography } from 'antd';
import { FormSelect } from '../../FormSelect';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { describeError, query, type Page } from '../../../../shared/api';
import { regionLabel, useRegions } from '../../../../shared/regions';
import { api } from '../../api';
import { can } from '../../sections';
import { useSession } from '../../session';
import { Evidence } from './Evidence';
import { when, yuan, type LegalCase } from './types';

/** Someone the assign action accepts: GET /legal/centers/{id}/handlers. */
interface HandlerOption {
  id: string;
  name: string;
  roles: string[];
  org: { id: string; name: string };
}

/** One case: its facts, its timeline, and the actions the workflow allows this handler now. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [c, setCase] = useState<LegalCase | null>(null);
  const [acting, setActing] = useState<string | null>(null);
  const [handlers, setHandlers] = useState<HandlerOption[]>([]);
  const [phone, setPhone] = useState<string | null>(null);
  const [form] = Form.useForm();
  const { me } = useSession();
  const handles = can('handleCases', me?.roles ?? []);
  const regions = useRegions();

  const load = useCallback(async () => {
    try {
      setCase(await api.get<LegalCase>(`/api/v1/legal/cases/${id}`));
    } catch (e) {
      message.error(describeError(e));
    }
  }, [id, message]);

  useEffect(() => {
    setPhone(null);
    void load();
  }, [load]);

  const centreId = c?.center.id;
  useEffect(() => {
    if (acting !== 'assign' || !centreId) return;
    api.get<Page<HandlerOption>>(`/api/v1/legal/centers/${centreId}/handlers${query({ limit: 100 })}`).then(
      (p) => setHandlers(p.items),
      (e: unknown) => {
        setHandlers([]);
        message.error(describeError(e));
      },
    );
  }, [acting, centreId, message]);

  /** The full number, for calling the applicant; the server records who read it. */
  async function revealPhone() {
    try {
      setPhone((await api.post<{ phone: string }>(`/api/v1/legal/cases/${id}/applicant-phone-reads`)).phone);
    } catch (e) {
      message.error(describeError(e));
    }
  }

  async function submit(values: { note?: string; handlerId?: string; amountYuan?: number; to?: string }) {
    if (!acting) return;
    const body: Record<string, unknown> = { action: acting };
    if (values.note) body.note = values.note;
    if (acting === 'assign') body.handlerId = values.handlerId;
    if (acting === 'agree') body.amountRecoveredFen = Math.round((values.amountYuan ?? 0) * 100);
    if (acting === 'refer') body.to = values.to;
    try {
      setCase(await api.post<LegalCase>(`/api/v1/legal/cases/${id}/actions`, body));
      setActing(null);
      form.resetFields();
    } catch (e) {
      message.error(describeError(e));
    }
  }

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
              <Button key={a} type={a === 'close' || a === 'agree' ? 'primary' : 'default'} onClick={() => setActing(a)} data-testid={`action-${a}`}>
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
                <Button size="small" type="link" onClick={() => void revealPhone()} title={t('legal.revealNote')} data-testid="reveal-phone">
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
          <Descriptions.Item label={t('legal.rating')}>{c.rating ? `${c.rating.score} ★ ${c.rating.comment ?? ''}` : '—'}</Descriptions.Item>
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
                <b>{t(`caseAction.${e.action}`)}</b> · {when(e.at)} {e.note && <span style={{ color: '#666' }}>— {e.note}</span>}
              </span>
            ),
          }))}
        />
      </Card>
      <Modal open={acting !== null} title={acting ? t(`caseAction.${acting}`) : ''} onCancel={() => setActing(null)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ to: 'arbitration' }}>
          {acting === 'assign' && (
            <Form.Item name="handlerId" label={t('legal.handler')} rules={[{ required: true }]}>
              <FormSelect
                options={handlers.map((h) => ({ value: h.id, label: h.org.id === c.center.id ? h.name : `${h.name} · ${h.org.name}` }))}
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
