import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrgRef } from '../../api';
import { FormSelect } from '../../FormSelect';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { useSession } from '../../session';
import { day, programmeKinds, toFen, yuan } from './format';
import { isQuota } from './quota.queries';
import { QuotaFields, QuotaSummary, quotaBody, quotaFieldOf, type QuotaForm } from './QuotaFields';
import {
  kindFieldOf,
  KindRulesFields,
  kindRulesBody,
  kindRulesDefaults,
  showRulesError,
  type KindRulesForm,
} from './KindRules';
import { useCreateProgramme, useProgrammes, type NewProgramme, type Programme, type ProgrammeKind } from './queries';

type Rules = NonNullable<NewProgramme['rules']>;
type Caps = NonNullable<Rules['caps']>;
const capNames = ['perApplication', 'perMemberPerMonth', 'perMemberPerYear', 'perMemberLifetime'] as const;

interface ProgrammeForm {
  kind: ProgrammeKind;
  title: string;
  org: OrgRef | null;
  window: [Dayjs, Dayjs];
  rules: KindRulesForm & {
    reviewLevels: number;
    publicityDays: number;
    publicityAt: Rules['publicityAt'];
    period: Rules['period'];
    standardAmountYuan?: number | null;
    caps: Partial<Record<(typeof capNames)[number], number | null>>;
    /** 劳模疗休养 / 免费体检 only. */
    quota?: QuotaForm;
  } & KindRulesForm;
}

/** Form fields in yuan and the window as one range; the API's fields in fen and as two instants. */
const fieldOf: Record<string, string> = {
  orgId: 'org',
  opensAt: 'window',
  closesAt: 'window',
  'rules.standardAmountFen': 'rules.standardAmountYuan',
  ...Object.fromEntries(capNames.map((c) => [`rules.caps.${c}Fen`, `rules.caps.${c}`])),
  ...quotaFieldOf,
  ...kindFieldOf,
};

/** The programme as the API takes it: yuan to integer fen, empty amounts left out. */
function bodyOf(v: ProgrammeForm): NewProgramme {
  const caps: Caps = {};
  for (const c of capNames) {
    const value = v.rules.caps[c];
    if (value !== null && value !== undefined) caps[`${c}Fen`] = toFen(value);
  }
  const standard = v.rules.standardAmountYuan;
  return {
    kind: v.kind,
    title: v.title,
    orgId: v.org?.id ?? '',
    opensAt: v.window[0].toISOString(),
    closesAt: v.window[1].toISOString(),
    rules: {
      reviewLevels: v.rules.reviewLevels,
      publicityDays: v.rules.publicityDays,
      publicityAt: v.rules.publicityAt,
      period: v.rules.period,
      ...(standard !== null && standard !== undefined ? { standardAmountFen: toFen(standard) } : {}),
      caps,
      ...kindRulesBody(v.kind, v.rules, v.rules.reviewLevels),
      ...(isQuota(v) && v.rules.quota ? { quota: quotaBody(v.rules.quota) } : {}),
    },
  };
}

/** A programme's rules in a line: levels, notice days, the standard amount. */
export function RulesSummary({ p }: { p: Programme }) {
  const { t } = useTranslation();
  // A quota programme gives places: its rules are its places, event day and priority.
  if (p.rules.quota) return <QuotaSummary p={p} />;
  return (
    <Space size={4} wrap>
      <Tag>{t('programmes.levelsShort', { count: p.rules.reviewLevels })}</Tag>
      <Tag>
        {p.rules.publicityDays > 0
          ? t('programmes.publicityShort', { count: p.rules.publicityDays })
          : t('programmes.noPublicity')}
      </Tag>
      {p.rules.standardAmountFen !== undefined && <Tag>{yuan(p.rules.standardAmountFen)}</Tag>}
    </Space>
  );
}

/** The programmes of the officer's subtree 补助项目: filters by kind and org, and a new one configured in a dialog. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  // No org chosen: the programmes of the caller's subtree and those run above it that serve its unions (to review).
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [kind, setKind] = useState<ProgrammeKind | undefined>();
  const list = useProgrammes({ orgId: org?.id, kind });
  const creation = useCreateProgramme();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ProgrammeForm>();
  const formKind = Form.useWatch('kind', form);

  async function create(v: ProgrammeForm) {
    try {
      const created = await creation.mutateAsync(bodyOf(v));
      void message.success(t('programmes.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/programmes/${created.id}`);
    } catch (e) {
      showRulesError(form, e, message, fieldOf);
    }
  }

  return (
    <Card
      title={t('programmes.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Select
            allowClear
            style={{ minWidth: 150 }}
            placeholder={t('programmes.allKinds')}
            aria-label={t('programmes.kind')}
            value={kind}
            onChange={(k: ProgrammeKind | undefined) => setKind(k)}
            options={programmeKinds.map((k) => ({ value: k, label: t(`programmeKind.${k}`) }))}
            data-testid="kind-filter"
          />
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-programme">
            {t('programmes.add')}
          </Button>
        </Space>
      }
    >
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Programme>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="programmes-table"
        onRow={(p) => ({ onClick: () => navigate(`/programmes/${p.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('programmes.name'),
            render: (_, p) => (
              <a
                href={`/console/programmes/${p.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/programmes/${p.id}`);
                }}
              >
                {p.title}
              </a>
            ),
          },
          { title: t('programmes.kind'), render: (_, p) => t(`programmeKind.${p.kind}`), width: 130 },
          { title: t('programmes.org'), render: (_, p) => p.org.name },
          {
            title: t('programmes.window'),
            render: (_, p) => `${day(p.opensAt)} – ${day(p.closesAt)}`,
            width: 210,
          },
          { title: t('programmes.rules'), render: (_, p) => <RulesSummary p={p} /> },
          {
            title: t('benefitApps.status'),
            width: 110,
            render: (_, p) =>
              p.open ? <Tag color="green">{t('programmes.open')}</Tag> : <Tag>{t('programmes.closed')}</Tag>,
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('programmes.add')}
        width={720}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-programme' } as ButtonProps}
        destroyOnHidden
      >
        <Form<ProgrammeForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{
            kind: 'custom',
            org: me?.org ?? null,
            rules: {
              reviewLevels: 1,
              publicityDays: 5,
              publicityAt: 'programme',
              period: 'programme',
              caps: {},
              ...kindRulesDefaults,
            },
          }}
        >
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="kind" label={t('programmes.kind')} rules={[{ required: true }]}>
                <FormSelect
                  options={programmeKinds.map((k) => ({ value: k, label: t(`programmeKind.${k}`) }))}
                  data-testid="programme-kind"
                />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="title" label={t('programmes.name')} rules={[{ required: true, max: 200 }]}>
                <Input data-testid="programme-title" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={10}>
              <Form.Item name="org" label={t('programmes.org')} rules={[{ required: true }]}>
                <OrgPicker style={{ width: '100%', minWidth: 0 }} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="window" label={t('programmes.window')} rules={[{ required: true }]}>
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  data-testid="programme-window"
                />
              </Form.Item>
            </Col>
          </Row>
          <Divider orientation="left" plain>
            {t('programmes.rules')}
          </Divider>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name={['rules', 'reviewLevels']}
                label={t('programmes.reviewLevels')}
                extra={t('programmes.reviewLevelsHint')}
                rules={[{ required: true }]}
              >
                <InputNumber precision={0} style={{ width: '100%' }} data-testid="review-levels" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name={['rules', 'publicityDays']}
                label={t('programmes.publicityDays')}
                extra={t('programmes.publicityDaysHint')}
                rules={[{ required: true }]}
              >
                <InputNumber precision={0} style={{ width: '100%' }} data-testid="publicity-days" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name={['rules', 'publicityAt']} label={t('programmes.publicityAt')}>
                <Radio.Group>
                  <Space direction="vertical">
                    <Radio value="programme">{t('programmes.publicityAtProgramme')}</Radio>
                    <Radio value="review_chain">{t('programmes.publicityAtChain')}</Radio>
                  </Space>
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['rules', 'period']} label={t('programmes.period')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'programme', label: t('programmes.periodProgramme') },
                    { value: 'year', label: t('programmes.periodYear') },
                    { value: 'month', label: t('programmes.periodMonth') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name={['rules', 'standardAmountYuan']}
            label={t('programmes.standardAmount')}
            extra={t('programmes.standardAmountHint')}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="standard-amount" />
          </Form.Item>
          <KindRulesFields />
          {formKind !== undefined && isQuota({ kind: formKind }) && <QuotaFields />}
          <Divider orientation="left" plain>
            {t('programmes.caps')}
          </Divider>
          <Row gutter={16}>
            {capNames.map((c) => (
              <Col span={6} key={c}>
                <Form.Item name={['rules', 'caps', c]} label={t(`programmes.${c}`)}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      </Modal>
    </Card>
  );
}
