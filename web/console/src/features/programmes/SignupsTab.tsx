import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { honourLevels, programmeSignupStatuses } from '../../../../../shared/labels.js';
import { ApiError, describeError, query } from '../../../../shared/api';
import { api } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { MemberPicker } from './ApplyForMember';
import { when } from './format';
import { SignupDrawer } from './SignupDrawer';
import type { Programme } from './queries';
import {
  allocatedSignups,
  useAllocate,
  useAllocation,
  useAttendance,
  useCorrectSignup,
  useSignUp,
  useSignupAction,
  useSignups,
  type NewSignup,
  type SignupRow,
  type SignupStatus,
} from './quota.queries';

type HonourLevel = (typeof honourLevels)[number];
/** The steps staff take on one signup from its row (decline and withdraw for the member, by staff of their union). */
type RowAction = 'decline' | 'withdraw' | 'cancel' | 'attend' | 'absent';
const rowActions: readonly RowAction[] = ['decline', 'withdraw', 'cancel', 'attend', 'absent'];
/** Conflicts the tab explains in its own words (the server's message follows). */
const explained = ['PROGRAMME_STILL_OPEN', 'EVENT_NOT_HELD', 'DUPLICATE_APPLICATION', 'INVALID_TRANSITION'];

/** A conflict the server answered (409): what it means here, and what the server said. */
function QuotaConflict({ error, onClose }: { error: ApiError | null; onClose(): void }) {
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
      data-testid="quota-conflict"
      data-code={error.code}
      message={explained.includes(error.code) ? t(`signups.conflict.${error.code}`) : error.code}
      description={error.message}
    />
  );
}

/** Where the allocation stands: places, free places, signups in each state. */
function AllocationFigures({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const a = useAllocation(programme.id);
  if (a.error) return <QueryError error={a.error} onRetry={() => void a.refetch()} />;
  if (!a.data) return <Card loading size="small" />;
  const d = a.data;
  const figure = (key: string, title: string, value: number) => (
    <Col xs={8} md={4} lg={3} key={key}>
      <Card size="small" data-testid={`allocation-${key}`}>
        <Statistic title={title} value={value} />
      </Card>
    </Col>
  );
  return (
    <Row gutter={[8, 8]} data-testid="allocation-summary">
      {figure('places', t('signups.places'), d.places)}
      {figure('free', t('signups.placesFree'), d.placesFree)}
      {(['applied', 'allocated', 'waitlisted', 'attended', 'absent', 'declined', 'cancelled'] as const).map((s) =>
        figure(s, t(`programmeSignupStatus.${s}`), d.byStatus[s] ?? 0),
      )}
    </Row>
  );
}

interface SignUpForm {
  memberId: string;
  honourLevel?: HonourLevel;
  frontLine?: boolean;
  note?: string;
}

/** Staff sign a member up, with the facts the priority lists read (checked before the allocation). */
function SignUpForMember({ programme, onConflict }: { programme: Programme; onConflict(e: ApiError): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const signUp = useSignUp(programme.id);
  const [form] = Form.useForm<SignUpForm>();

  async function submit(v: SignUpForm) {
    const body: NewSignup = {
      memberId: v.memberId,
      ...(v.honourLevel ? { honourLevel: v.honourLevel } : {}),
      ...(v.frontLine ? { frontLine: true } : {}),
      ...(v.note ? { note: v.note } : {}),
    };
    try {
      const created = await signUp.mutateAsync({ body, key });
      void message.success(t('signups.signedUp', { name: created.member.name }));
      setOpen(false);
      setKey(crypto.randomUUID());
      form.resetFields();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setOpen(false);
        setKey(crypto.randomUUID());
        onConflict(e);
      } else showFormError(form, e, message);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={!programme.open} data-testid="sign-up-member">
        {t('signups.signUp')}
      </Button>
      <Modal
        open={open}
        title={t('signups.signUp')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: signUp.isPending, 'data-testid': 'save-signup' } as ButtonProps}
        destroyOnHidden
      >
        <Form<SignUpForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="memberId"
            label={t('benefitApps.pickMember')}
            extra={t('benefitApps.pickMemberHint')}
            rules={[{ required: true }]}
          >
            <MemberPicker />
          </Form.Item>
          <Form.Item name="honourLevel" label={t('signups.honourLevel')} extra={t('signups.honourLevelHint')}>
            <Select
              allowClear
              options={honourLevels.map((l) => ({ value: l, label: t(`honourLevel.${l}`) }))}
              data-testid="signup-honour"
            />
          </Form.Item>
          <Form.Item name="frontLine" label={t('signups.frontLine')} valuePropName="checked">
            <Switch data-testid="signup-front-line" />
          </Form.Item>
          <Form.Item name="note" label={t('signups.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface CorrectForm {
  honourLevel: HonourLevel | 'none';
  frontLine: boolean;
  note: string;
}

/** Corrects what was declared (honour level, front line) before the allocation ranks the signup; why is required. */
function CorrectDialog({ programmeId, signup, onClose }: { programmeId: string; signup: SignupRow; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const correct = useCorrectSignup(programmeId);
  const [form] = Form.useForm<CorrectForm>();

  async function save(v: CorrectForm) {
    try {
      await correct.mutateAsync({
        id: signup.id,
        body: { honourLevel: v.honourLevel === 'none' ? null : v.honourLevel, frontLine: v.frontLine, note: v.note },
      });
      void message.success(t('signups.corrected'));
      onClose();
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  return (
    <Modal
      open
      title={`${t('signups.correct')} · ${signup.member.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: correct.isPending, 'data-testid': 'save-correction' } as ButtonProps}
    >
      <Form<CorrectForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ honourLevel: signup.honourLevel ?? 'none', frontLine: signup.frontLine }}
      >
        <Form.Item name="honourLevel" label={t('signups.honourLevel')}>
          <Select
            options={[
              { value: 'none', label: t('signups.noHonour') },
              ...honourLevels.map((l) => ({ value: l, label: t(`honourLevel.${l}`) })),
            ]}
            data-testid="correct-honour"
          />
        </Form.Item>
        <Form.Item name="frontLine" label={t('signups.frontLine')} valuePropName="checked">
          <Switch data-testid="correct-front-line" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('signups.correctNote')}
          extra={t('signups.correctNoteHint')}
          rules={[{ required: true, max: 500 }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="correct-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Who holds a place freed by a decline or a cancellation now (the waiting list's first, promoted by the server). */
interface Promotion {
  freedBy: string;
  placeNo: number;
  promoted: string | null;
}

/**
 * A quota programme's signups 报名与名额: the allocation list in order (place, waiting position, not yet ranked), the
 * allocation once signups close, a place given back (and who took it), attendance from the event day, the Excel list.
 */
export function SignupsTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<SignupStatus | undefined>();
  const list = useSignups(programme.id, status);
  const allocation = useAllocate(programme.id);
  const act = useSignupAction(programme.id);
  const attendance = useAttendance(programme.id);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [acting, setActing] = useState<{ signup: SignupRow; action: RowAction; key: string } | null>(null);
  const [correcting, setCorrecting] = useState<SignupRow | null>(null);
  const [promotion, setPromotion] = useState<Promotion | null>(null);
  const [actionForm] = Form.useForm<{ text?: string }>();
  const [openSignup, setOpenSignup] = useState<string | null>(null);

  /** A 409 is the tab's to explain; anything else is a toast. */
  function failed(e: unknown) {
    if (e instanceof ApiError && e.status === 409) setConflict(e);
    else void message.error(describeError(e));
  }

  async function allocate() {
    setConflict(null);
    try {
      const r = await allocation.mutateAsync();
      void message.success(t('signups.allocated', { allocated: r.newlyAllocated, waitlisted: r.newlyWaitlisted }));
    } catch (e) {
      failed(e);
    }
  }

  async function takeAction(text: string | undefined) {
    if (!acting) return;
    const { signup, action, key } = acting;
    setConflict(null);
    setPromotion(null);
    const body = action === 'cancel' ? { action, reason: text ?? '' } : { action, ...(text ? { note: text } : {}) };
    try {
      await act.mutateAsync({ id: signup.id, body, key });
      setActing(null);
      void message.success(t('signups.done', { action: t(`signups.action.${action}`), name: signup.member.name }));
      if ((action === 'cancel' || action === 'decline') && signup.placeNo !== null) {
        const placeNo = signup.placeNo;
        const holder = (await allocatedSignups(programme.id)).find((s) => s.placeNo === placeNo);
        setPromotion({ freedBy: signup.member.name, placeNo, promoted: holder?.member.name ?? null });
      }
    } catch (e) {
      setActing(null);
      failed(e);
    }
  }

  async function markAttendance(attended: boolean) {
    setConflict(null);
    try {
      const r = await attendance.mutateAsync({
        items: selected.map((signupId) => ({ signupId, attended })),
        key: crypto.randomUUID(),
      });
      void message.success(t('signups.attendanceMarked', { attended: r.attended, absent: r.absent }));
      setSelected([]);
    } catch (e) {
      failed(e);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <AllocationFigures programme={programme} />
      <Space wrap>
        <Select
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('benefitApps.allStatuses')}
          aria-label={t('benefitApps.status')}
          value={status}
          onChange={(s: SignupStatus | undefined) => setStatus(s)}
          options={programmeSignupStatuses.map((s) => ({ value: s, label: t(`programmeSignupStatus.${s}`) }))}
          data-testid="signup-status-filter"
        />
        <SignUpForMember programme={programme} onConflict={setConflict} />
        <Button type="primary" loading={allocation.isPending} onClick={() => void allocate()} data-testid="allocate">
          {t('signups.allocate')}
        </Button>
        <Button
          data-testid="export-signups"
          onClick={() =>
            void api
              .download(
                `/api/v1/programmes/${programme.id}/signups/export.xlsx${query({ status })}`,
                '名额分配名单.xlsx',
              )
              .catch((e: unknown) => message.error(describeError(e)))
          }
        >
          {t('signups.export')}
        </Button>
        <Typography.Text type="secondary">{t('signups.allocateHint')}</Typography.Text>
      </Space>
      <QuotaConflict error={conflict} onClose={() => setConflict(null)} />
      {promotion && (
        <Alert
          type="info"
          showIcon
          closable
          onClose={() => setPromotion(null)}
          data-testid="promotion"
          message={
            promotion.promoted
              ? t('signups.promoted', { place: promotion.placeNo, from: promotion.freedBy, to: promotion.promoted })
              : t('signups.notPromoted', { place: promotion.placeNo, from: promotion.freedBy })
          }
        />
      )}
      {selected.length > 0 && (
        <Space wrap>
          <Typography.Text>{t('signups.selectedN', { count: selected.length })}</Typography.Text>
          <Button loading={attendance.isPending} onClick={() => void markAttendance(true)} data-testid="mark-attended">
            {t('signups.markAttended')}
          </Button>
          <Button loading={attendance.isPending} onClick={() => void markAttendance(false)} data-testid="mark-absent">
            {t('signups.markAbsent')}
          </Button>
        </Space>
      )}
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<SignupRow>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="signups-table"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (s) => ({ disabled: s.status !== 'allocated', 'aria-label': s.member.name }),
        }}
        columns={[
          { title: t('signups.rank'), render: (_, s) => s.rank ?? '—', width: 60 },
          {
            title: t('benefitApps.status'),
            width: 100,
            render: (_, s) => <Tag data-testid="signup-status">{t(`programmeSignupStatus.${s.status}`)}</Tag>,
          },
          {
            title: t('signups.placeNo'),
            width: 70,
            render: (_, s) => <span data-testid="signup-place">{s.placeNo ?? '—'}</span>,
          },
          {
            title: t('signups.waiting'),
            width: 80,
            render: (_, s) => <span data-testid="signup-waiting">{s.waitingPosition ?? '—'}</span>,
          },
          {
            title: t('benefitApps.member'),
            width: 100,
            render: (_, s) => (
              <Typography.Link onClick={() => setOpenSignup(s.id)} data-testid="open-signup">
                {s.member.name}
              </Typography.Link>
            ),
          },
          { title: t('benefitApps.union'), render: (_, s) => s.org.name, width: 140 },
          {
            title: t('signups.honourLevel'),
            width: 90,
            render: (_, s) => (s.honourLevel ? t(`honourLevel.${s.honourLevel}`) : '—'),
          },
          {
            title: t('signups.frontLine'),
            width: 80,
            render: (_, s) => (s.frontLine ? t('signups.yes') : t('signups.no')),
          },
          {
            title: t('signups.firstTime'),
            width: 80,
            render: (_, s) => (s.firstTime === null ? '—' : s.firstTime ? t('signups.yes') : t('signups.no')),
          },
          { title: t('signups.signedUpAt'), render: (_, s) => when(s.createdAt), width: 160 },
          {
            title: t('common.actions'),
            render: (_, s) => (
              <Space size={0} wrap>
                {s.status === 'applied' && s.rank === null && (
                  <Button size="small" type="link" onClick={() => setCorrecting(s)} data-testid="action-correct">
                    {t('signups.correct')}
                  </Button>
                )}
                {rowActions
                  .filter((a) => s.actions.includes(a))
                  .map((a) => (
                    <Button
                      key={a}
                      size="small"
                      type="link"
                      danger={a === 'cancel'}
                      onClick={() => {
                        actionForm.resetFields();
                        setActing({ signup: s, action: a, key: crypto.randomUUID() });
                      }}
                      data-testid={`action-${a}`}
                    >
                      {t(`signups.action.${a}`)}
                    </Button>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={acting !== null}
        title={acting ? `${t(`signups.action.${acting.action}`)} · ${acting.signup.member.name}` : ''}
        onCancel={() => setActing(null)}
        onOk={() => actionForm.submit()}
        okButtonProps={{ loading: act.isPending }}
        forceRender
      >
        <Form form={actionForm} layout="vertical" onFinish={(v) => void takeAction(v.text)}>
          <Form.Item
            name="text"
            label={acting?.action === 'cancel' ? t('signups.reason') : t('signups.note')}
            rules={[{ required: acting?.action === 'cancel', max: 1000 }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="signup-action-text" />
          </Form.Item>
          {acting && (acting.action === 'cancel' || acting.action === 'decline') && acting.signup.placeNo !== null && (
            <Typography.Text type="secondary">{t('signups.giveBackHint')}</Typography.Text>
          )}
        </Form>
      </Modal>
      <SignupDrawer id={openSignup} onClose={() => setOpenSignup(null)} />
      {correcting && (
        <CorrectDialog programmeId={programme.id} signup={correcting} onClose={() => setCorrecting(null)} />
      )}
    </Space>
  );
}
