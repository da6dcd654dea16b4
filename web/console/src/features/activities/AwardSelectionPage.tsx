import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { StageTag } from './AwardsPage';
import {
  nominationStatuses,
  useAward,
  useNominate,
  useNomination,
  useNominationAction,
  useNominations,
  useObjections,
  useOpenPublicity,
  useResolve,
  useSelection,
  useStartVote,
  useUpdateSelection,
  uploadAwardPhoto,
  type UploadedAwardPhoto,
  type NominationRow,
  type NominationStatus,
  type Objection,
  type Selection,
} from './awards.queries';
import { ActivitiesNav } from './nav';

const when = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

/** A nominee's photos, fetched behind the token into local copies. */
function Photos({ nominationId, ids }: { nominationId: string; ids: string[] }) {
  const { t } = useTranslation();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const key = ids.join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const made: string[] = [];
    void Promise.all(
      key.split(',').map((id) =>
        api.blob(`/api/v1/award-nominations/${nominationId}/photos/${id}`, controller.signal).then((blob) => {
          const url = URL.createObjectURL(blob);
          made.push(url);
          return [id, url] as const;
        }),
      ),
    ).then(
      (pairs) => setUrls(Object.fromEntries(pairs)),
      () => undefined,
    );
    return () => {
      controller.abort();
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [nominationId, key]);
  if (ids.length === 0) return <Typography.Text type="secondary">{t('awards.empty')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space size={8} wrap>
        {ids.map((id, i) =>
          urls[id] ? (
            <Image key={id} src={urls[id]} width={96} height={96} style={{ objectFit: 'cover' }} alt={`${i + 1}`} />
          ) : null,
        )}
      </Space>
    </Image.PreviewGroup>
  );
}

/** One nomination: deeds, photos, history, and the review (approve, or reject with a reason). */
function NominationDrawer({ s, id, onClose }: { s: Selection; id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const nomination = useNomination(id);
  const act = useNominationAction(s.id, id ?? '');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const n = nomination.data;

  async function run(body: Parameters<typeof act.mutateAsync>[0]) {
    try {
      await act.mutateAsync(body);
      void message.success(body.action === 'approve' ? t('awards.approved') : t('awards.rejected'));
      setRejecting(false);
      setReason('');
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  return (
    <Drawer open={id !== null} onClose={onClose} width={620} title={n?.nomineeName ?? ''} destroyOnHidden>
      <QueryError error={nomination.error} onRetry={() => void nomination.refetch()} />
      {n && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('awards.unit')}>{n.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('awards.position')}>{n.position}</Descriptions.Item>
            <Descriptions.Item label={t('awards.source')}>{t(`awards.sources.${n.source}`)}</Descriptions.Item>
            <Descriptions.Item label={t('awards.stage')}>
              <Tag>{t(`awards.status.${n.status}`)}</Tag>
            </Descriptions.Item>
            {n.votes !== null && <Descriptions.Item label={t('awards.votes')}>{n.votes}</Descriptions.Item>}
            <Descriptions.Item label={t('awards.deeds')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{n.deeds}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('awards.photos')}>
              <Photos nominationId={n.id} ids={n.photoIds} />
            </Descriptions.Item>
          </Descriptions>
          {n.availableActions.length > 0 && (
            <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
              <Space>
                {n.availableActions.includes('approve') && (
                  <Button
                    type="primary"
                    loading={act.isPending}
                    onClick={() => void run({ action: 'approve' })}
                    data-testid="approve-nomination"
                  >
                    {t('awards.approve')}
                  </Button>
                )}
                {n.availableActions.includes('reject') && (
                  <Button danger onClick={() => setRejecting(true)} data-testid="reject-nomination">
                    {t('awards.reject')}
                  </Button>
                )}
              </Space>
              {rejecting && (
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    placeholder={t('awards.reason')}
                    aria-label={t('awards.reason')}
                    data-testid="reject-reason"
                  />
                  <Button
                    danger
                    type="primary"
                    disabled={!reason.trim()}
                    loading={act.isPending}
                    onClick={() => void run({ action: 'reject', reason })}
                    data-testid="confirm-reject"
                  >
                    {t('awards.reject')}
                  </Button>
                </Space.Compact>
              )}
            </Space>
          )}
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('awards.timeline')}
          </Typography.Title>
          <Timeline
            items={(n.timeline ?? []).map((x) => ({
              children: (
                <>
                  <div>
                    {when(x.at)} · {t(`awards.status.${x.toState as NominationStatus}`)}
                  </div>
                  {x.note && <Typography.Text type="secondary">{x.note}</Typography.Text>}
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

interface NominateForm {
  nomineeName: string;
  org: OrgRef | null;
  position: string;
  deeds: string;
}

/** At most this many photos a nomination (the API's limit). */
const maxPhotos = 9;

function NominationsTab({ s }: { s: Selection }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<NominationStatus | undefined>(undefined);
  const list = useNominations(s.id, status);
  const [open, setOpen] = useState<string | null>(null);
  const [nominating, setNominating] = useState(false);
  const nominate = useNominate(s.id);
  const [form] = Form.useForm<NominateForm>();
  const [photos, setPhotos] = useState<UploadedAwardPhoto[]>([]);
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    setUploading(true);
    try {
      const uploaded = await uploadAwardPhoto(file);
      setPhotos((p) => [...p, uploaded]);
    } catch (e) {
      void message.error(describeError(e));
    } finally {
      setUploading(false);
    }
  }

  async function add(v: NominateForm) {
    try {
      await nominate.mutateAsync({
        source: 'union',
        nomineeName: v.nomineeName,
        orgId: v.org?.id ?? '',
        position: v.position,
        deeds: v.deeds,
        ...(photos.length > 0 ? { photoIds: photos.map((p) => p.id) } : {}),
      });
      void message.success(t('awards.nominated'));
      setNominating(false);
      form.resetFields();
      setPhotos([]);
    } catch (e) {
      showFormError(form, e, message, { orgId: 'org' });
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('awards.allStatuses')}
          value={status}
          onChange={setStatus}
          aria-label={t('awards.stage')}
          options={nominationStatuses.map((x) => ({ value: x, label: t(`awards.status.${x}`) }))}
        />
        {s.nominationOpen && (
          <Button onClick={() => setNominating(true)} data-testid="nominate">
            {t('awards.nominate')}
          </Button>
        )}
        <Button
          onClick={() =>
            void api
              .download(`/api/v1/award-selections/${s.id}/nominations.xlsx`, `${s.title}${t('awards.exportName')}.xlsx`)
              .catch((e: unknown) => void message.error(describeError(e)))
          }
          data-testid="export-nominations"
        >
          {t('awards.export')}
        </Button>
      </Space>
      <QueryError error={list.error} onRetry={() => void list.refetch()} />
      <Table<NominationRow>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="nominations-table"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('awards.nominee'), dataIndex: 'nomineeName' },
          { title: t('awards.unit'), render: (_, r) => r.org.name },
          { title: t('awards.position'), dataIndex: 'position' },
          { title: t('awards.source'), render: (_, r) => t(`awards.sources.${r.source}`) },
          { title: t('awards.votes'), render: (_, r) => r.votes ?? '—', align: 'right' },
          { title: t('awards.objectionCount'), dataIndex: 'objections', align: 'right' },
          { title: t('awards.createdAt'), render: (_, r) => when(r.createdAt) },
          { title: t('awards.stage'), render: (_, r) => <Tag>{t(`awards.status.${r.status}`)}</Tag> },
        ]}
      />
      <NominationDrawer s={s} id={open} onClose={() => setOpen(null)} />
      <Modal
        open={nominating}
        title={t('awards.nominate')}
        onCancel={() => setNominating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: nominate.isPending, 'data-testid': 'save-nomination' } as ButtonProps}
        destroyOnHidden
      >
        <Form<NominateForm> form={form} layout="vertical" onFinish={(v) => void add(v)}>
          <Form.Item name="nomineeName" label={t('awards.nominee')} rules={[{ required: true, max: 50 }]}>
            <Input data-testid="nominee-name" />
          </Form.Item>
          <Form.Item name="org" label={t('awards.unit')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="position" label={t('awards.position')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="nominee-position" />
          </Form.Item>
          <Form.Item name="deeds" label={t('awards.deeds')} rules={[{ required: true, min: 10, max: 10000 }]}>
            <Input.TextArea rows={6} data-testid="nominee-deeds" />
          </Form.Item>
          <Form.Item label={t('awards.photos')} extra={t('awards.photosHelp', { n: maxPhotos })}>
            <Space wrap>
              {photos.map((p) => (
                <Tag key={p.id} closable onClose={() => setPhotos(photos.filter((x) => x.id !== p.id))}>
                  {p.fileName}
                </Tag>
              ))}
              {photos.length < maxPhotos && (
                <Upload
                  accept="image/png,image/jpeg"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void upload(file);
                    return false;
                  }}
                >
                  <Button loading={uploading} data-testid="nominee-photo">
                    {t('awards.upload')}
                  </Button>
                </Upload>
              )}
            </Space>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function PublicityButton({ s }: { s: Selection }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const running = useNominations(s.id, undefined);
  const openIt = useOpenPublicity(s.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ endsAt: Dayjs; nominationIds?: string[] }>();
  const candidates = (running.data ?? []).filter((n) => n.status === 'approved' || n.status === 'voting');
  async function submit(v: { endsAt: Dayjs; nominationIds?: string[] }) {
    try {
      await openIt.mutateAsync({
        endsAt: v.endsAt.toISOString(),
        ...(v.nominationIds?.length ? { nominationIds: v.nominationIds } : {}),
      });
      void message.success(t('awards.publicityOpened'));
      setOpen(false);
    } catch (e) {
      showFormError(form, e, message);
    }
  }
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="open-publicity">
        {t('awards.openPublicity')}
      </Button>
      <Modal
        open={open}
        title={t('awards.openPublicity')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: openIt.isPending, 'data-testid': 'confirm-publicity' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ endsAt: dayjs().add(7, 'day').endOf('day') }}
        >
          <Form.Item name="endsAt" label={t('awards.publicityEndsAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="nominationIds" label={t('awards.publicityPick', { quota: s.quota })}>
            <Select
              mode="multiple"
              allowClear
              data-testid="publicity-pick"
              options={candidates.map((n) => ({
                value: n.id,
                label: `${n.nomineeName} · ${n.org.name}${n.votes !== null ? ` · ${n.votes}` : ''}`,
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface EditForm {
  title: string;
  year: number;
  quota: number;
  description?: string;
  nominationClosesAt?: Dayjs;
}

/** Corrections until the publicity: the details; the nomination deadline while nominating (moving it on reopens). */
function EditButton({ s }: { s: Selection }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const update = useUpdateSelection(s.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EditForm>();
  async function submit(v: EditForm) {
    try {
      await update.mutateAsync({
        title: v.title,
        year: v.year,
        quota: v.quota,
        description: v.description?.trim() ? v.description : null,
        ...(s.stage === 'nominating' && v.nominationClosesAt
          ? { nominationClosesAt: v.nominationClosesAt.toISOString() }
          : {}),
      });
      void message.success(t('awards.saved'));
      setOpen(false);
    } catch (e) {
      showFormError(form, e, message);
    }
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="edit-selection">
        {t('awards.edit')}
      </Button>
      <Modal
        open={open}
        title={t('awards.edit')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: update.isPending, 'data-testid': 'save-selection' } as ButtonProps}
        destroyOnHidden
      >
        <Form<EditForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{
            title: s.title,
            year: s.year,
            quota: s.quota,
            description: s.description ?? '',
            nominationClosesAt: dayjs(s.nominationClosesAt),
          }}
        >
          <Form.Item name="title" label={t('awards.name')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="selection-title" />
          </Form.Item>
          <Space>
            <Form.Item name="year" label={t('awards.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="quota" label={t('awards.quota')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1000} />
            </Form.Item>
          </Space>
          {s.stage === 'nominating' && (
            <Form.Item name="nominationClosesAt" label={t('awards.nominationClosesAt')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item name="description" label={t('awards.description')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface VoteForm {
  window: [Dayjs, Dayjs];
  ballotsPerMemberPerDay: number;
  perEntryPerDay: number;
}

/** 网络投票: a poll of the approved nominations, with its window and daily limits. */
function VoteButton({ s }: { s: Selection }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const start = useStartVote(s.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<VoteForm>();
  async function submit(v: VoteForm) {
    try {
      await start.mutateAsync({
        startsAt: v.window[0].toISOString(),
        endsAt: v.window[1].toISOString(),
        ballotsPerMemberPerDay: v.ballotsPerMemberPerDay,
        perEntryPerDay: v.perEntryPerDay,
      });
      void message.success(t('awards.voteStarted'));
      setOpen(false);
    } catch (e) {
      showFormError(form, e, message, { startsAt: 'window', endsAt: 'window' });
    }
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={s.counts.approved === 0} data-testid="start-vote">
        {t('awards.startVote')}
      </Button>
      <Modal
        open={open}
        title={t('awards.startVote')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: start.isPending, 'data-testid': 'confirm-vote' } as ButtonProps}
        destroyOnHidden
      >
        <Form<VoteForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{
            window: [dayjs(), dayjs().add(11, 'day').endOf('day')],
            ballotsPerMemberPerDay: 5,
            perEntryPerDay: 1,
          }}
        >
          <Form.Item name="window" label={t('awards.voteWindow')} rules={[{ required: true }]}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Space>
            <Form.Item name="ballotsPerMemberPerDay" label={t('awards.ballotsPerDay')}>
              <InputNumber min={1} max={100} />
            </Form.Item>
            <Form.Item name="perEntryPerDay" label={t('awards.perEntryPerDay')}>
              <InputNumber min={1} max={100} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

function ObjectionsTab({ s }: { s: Selection }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const list = useObjections(s.id);
  const resolve = useResolve(s.id);
  const [target, setTarget] = useState<Objection | null>(null);
  const [form] = Form.useForm<{ resolution: 'upheld' | 'dismissed'; note: string }>();
  async function submit(v: { resolution: 'upheld' | 'dismissed'; note: string }) {
    try {
      await resolve.mutateAsync({ id: target!.id, body: v });
      setTarget(null);
      form.resetFields();
    } catch (e) {
      showFormError(form, e, message);
    }
  }
  return (
    <>
      <QueryError error={list.error} onRetry={() => void list.refetch()} />
      <Table<Objection>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="objections-table"
        columns={[
          { title: t('awards.nominee'), dataIndex: 'nomineeName' },
          { title: t('awards.objector'), render: (_, o) => `${o.member.name} · ${o.member.org.name}` },
          { title: t('awards.content'), dataIndex: 'content' },
          { title: t('awards.createdAt'), render: (_, o) => when(o.createdAt) },
          {
            title: t('awards.resolution'),
            render: (_, o) =>
              o.resolution ? (
                <Space direction="vertical" size={0}>
                  <Tag color={o.resolution === 'upheld' ? 'red' : 'default'}>{t(`awards.${o.resolution}`)}</Tag>
                  <Typography.Text type="secondary">{o.resolutionNote}</Typography.Text>
                </Space>
              ) : s.mayRun ? (
                <Button size="small" onClick={() => setTarget(o)} data-testid="resolve-objection">
                  {t('awards.resolve')}
                </Button>
              ) : (
                <Tag color="orange">{t('awards.open')}</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={target !== null}
        title={t('awards.resolve')}
        onCancel={() => setTarget(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: resolve.isPending, 'data-testid': 'confirm-resolution' } as ButtonProps}
        destroyOnHidden
      >
        <Typography.Paragraph>{target?.content}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ resolution: 'dismissed' }}
        >
          <Form.Item name="resolution">
            <Radio.Group
              options={[
                { value: 'dismissed', label: t('awards.dismissed') },
                { value: 'upheld', label: t('awards.upheld') },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('awards.note')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="resolution-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** One selection: nominations and their review, the public vote, the publicity, objections, the awarding. */
export function AwardSelectionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const selection = useSelection(id);
  const award = useAward(id);
  const s = selection.data;
  const publicityOver = s?.publicityEndsAt ? dayjs(s.publicityEndsAt).isBefore(dayjs()) : false;
  return (
    <Card
      title={s ? `${s.title}` : t('awards.title')}
      extra={
        <Space wrap>
          <Button onClick={() => navigate('/activities/awards')}>{t('awards.back')}</Button>
          {s?.pollId && (
            <Button onClick={() => navigate(`/activities/polls/${s.pollId}`)} data-testid="award-poll">
              {t('awards.openPollResults')}
            </Button>
          )}
          {s?.publicityStartsAt && (
            <a href={`/awards/${id}/publicity`} target="_blank" rel="noreferrer" data-testid="public-publicity-link">
              {t('awards.publicLink')}
            </a>
          )}
          {s?.mayRun && (s.stage === 'nominating' || s.stage === 'voting') && <EditButton s={s} />}
          {s?.mayRun && s.stage === 'nominating' && <VoteButton s={s} />}
          {s?.mayRun && (s.stage === 'nominating' || s.stage === 'voting') && <PublicityButton s={s} />}
          {s?.mayRun && s.stage === 'publicity' && (
            <Popconfirm
              title={t('awards.awardConfirm')}
              disabled={!publicityOver}
              onConfirm={() =>
                award.mutateAsync(undefined).then(
                  () => void message.success(t('awards.awardedDone')),
                  (e: unknown) => void message.error(describeError(e)),
                )
              }
            >
              <Button type="primary" disabled={!publicityOver} data-testid="award-selection">
                {t('awards.award')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <ActivitiesNav />
      <QueryError error={selection.error} onRetry={() => void selection.refetch()} />
      {s && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('awards.org')}>{s.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('awards.year')}>{s.year}</Descriptions.Item>
            <Descriptions.Item label={t('awards.quota')}>{s.quota}</Descriptions.Item>
            <Descriptions.Item label={t('awards.nominationClosesAt')}>{when(s.nominationClosesAt)}</Descriptions.Item>
            <Descriptions.Item label={t('awards.stage')}>
              <StageTag stage={s.stage} />
            </Descriptions.Item>
            {s.publicityStartsAt && (
              <Descriptions.Item label={t('awards.publicity')}>
                {t('awards.publicityWindow', { from: when(s.publicityStartsAt), to: when(s.publicityEndsAt) })}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Tabs
            items={[
              { key: 'nominations', label: t('awards.nominations'), children: <NominationsTab s={s} /> },
              { key: 'objections', label: t('awards.objections'), children: <ObjectionsTab s={s} /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}
