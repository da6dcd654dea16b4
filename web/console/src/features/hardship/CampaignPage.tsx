import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { api } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { QueryError } from '../../QueryError';
import { can } from '../../sections';
import { useSession } from '../../session';
import { BudgetBar } from './CampaignsPage';
import { HardshipNav } from './nav';
import {
  aidKinds,
  hardshipLevels,
  toFen,
  useAddTargets,
  useAidCampaign,
  useAidReport,
  useAidTargets,
  useCloseCampaign,
  useDistribute,
  useRemoveTarget,
  yuan,
  type AidCampaign,
  type AidReport,
  type AidTarget,
} from './campaigns.queries';

type Level = (typeof hardshipLevels)[number];
type Kind = (typeof aidKinds)[number];

/** 四季送: one campaign — its budget, the target list from the archives, distribution, the report and the ledger. */
export function AidCampaignPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const { id = '' } = useParams();
  const campaign = useAidCampaign(id);
  const closing = useCloseCampaign(id);
  const [tab, setTab] = useState('targets');
  const [chosen, setChosen] = useState<string | undefined>();
  const c = campaign.data;
  const mayRun = can('runAssistance', me?.roles ?? []) && c?.status === 'open';

  return (
    <Card
      title={c ? `${c.title} · ${t(`aidSeason.${c.season}`)}` : t('aidCampaigns.title')}
      extra={
        <Space>
          <Button onClick={() => navigate('/hardship/campaigns')}>{t('back')}</Button>
          <Button
            onClick={() =>
              void api
                .download(`/api/v1/aid-campaigns/${id}/export.xlsx`, `${t('aidCampaigns.exportName')}.xlsx`)
                .catch((e: unknown) => message.error(describeError(e)))
            }
            data-testid="export-aid-campaign"
          >
            {t('aidCampaigns.export')}
          </Button>
          {mayRun && (
            <Popconfirm
              title={t('aidCampaigns.closeConfirm')}
              onConfirm={() =>
                closing
                  .mutateAsync(undefined)
                  .then(() => message.success(t('aidCampaigns.closedDone')))
                  .catch((e: unknown) => message.error(describeError(e)))
              }
            >
              <Button danger data-testid="close-aid-campaign">
                {t('aidCampaigns.close')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <HardshipNav />
      <QueryError error={campaign.error} onRetry={() => void campaign.refetch()} />
      {c && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Summary campaign={c} />
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'targets',
                label: t('aidCampaigns.tabTargets'),
                children: (
                  <Targets
                    campaign={c}
                    mayRun={mayRun}
                    onDistribute={(householdId) => {
                      setChosen(householdId);
                      setTab('distribute');
                    }}
                  />
                ),
              },
              ...(mayRun
                ? [
                    {
                      key: 'distribute',
                      label: t('aidCampaigns.tabDistribute'),
                      children: <Distribute campaign={c} chosen={chosen} onChosen={setChosen} />,
                    },
                  ]
                : []),
              { key: 'report', label: t('aidCampaigns.tabReport'), children: <Report id={id} /> },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

function Summary({ campaign: c }: { campaign: AidCampaign }) {
  const { t } = useTranslation();
  return (
    <div data-testid="aid-campaign-summary">
      <Descriptions size="small" column={4}>
        <Descriptions.Item label={t('aidCampaigns.org')}>{c.org.name}</Descriptions.Item>
        <Descriptions.Item label={t('aidCampaigns.year')}>{c.year}</Descriptions.Item>
        <Descriptions.Item label={t('aidCampaigns.status')}>
          {c.status === 'open' ? (
            <Tag color="blue">{t('aidCampaigns.open')}</Tag>
          ) : (
            <Tag>{t('aidCampaigns.closed')}</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col span={5}>
          <Statistic title={t('aidCampaigns.budget')} value={yuan(c.budgetFen)} />
        </Col>
        <Col span={5}>
          <div data-testid="aid-campaign-spent">
            <Statistic title={t('aidCampaigns.spent')} value={yuan(c.spentFen)} />
          </div>
        </Col>
        <Col span={5}>
          <Statistic title={t('aidCampaigns.left')} value={yuan(c.leftFen)} />
        </Col>
        <Col span={4}>
          <Statistic title={t('aidCampaigns.targets')} value={c.targets} />
        </Col>
        <Col span={5}>
          <div data-testid="aid-campaign-reached">
            <Statistic title={t('aidCampaigns.reached')} value={c.reached} />
          </div>
        </Col>
      </Row>
      <Typography.Text type="secondary">
        {t('aidCampaigns.budgetBar', { spent: yuan(c.spentFen), budget: yuan(c.budgetFen) })}
      </Typography.Text>
      <BudgetBar campaign={c} />
    </div>
  );
}

interface ArchiveForm {
  level?: Level;
  regionCode?: string;
  includeCaseByCase?: boolean;
}

function Targets({
  campaign,
  mayRun,
  onDistribute,
}: {
  campaign: AidCampaign;
  mayRun: boolean;
  onDistribute(householdId: string): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [received, setReceived] = useState<'true' | 'false' | undefined>();
  const [q, setQ] = useState('');
  const list = useAidTargets(campaign.id, { ...(received ? { received } : {}), ...(q ? { q } : {}) });
  const adding = useAddTargets(campaign.id);
  const removing = useRemoveTarget(campaign.id);
  const [form] = Form.useForm<ArchiveForm>();

  async function add(v: ArchiveForm) {
    try {
      const r = await adding.mutateAsync({
        fromArchives: { ...(v.level ? { level: v.level } : {}), ...(v.regionCode ? { regionCode: v.regionCode } : {}) },
        ...(v.includeCaseByCase ? { includeCaseByCase: true } : {}),
      });
      void message.success(t('aidCampaigns.targetsAdded', r));
    } catch (e) {
      showFormError(form, e, message, { 'fromArchives.regionCode': 'regionCode', 'fromArchives.level': 'level' });
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {mayRun && (
        <Form<ArchiveForm> form={form} layout="inline" onFinish={(v) => void add(v)} data-testid="add-targets-form">
          <Typography.Text strong style={{ marginRight: 12 }}>
            {t('aidCampaigns.fromArchives')}
          </Typography.Text>
          <Form.Item name="level">
            <Select<Level>
              allowClear
              placeholder={t('aidCampaigns.anyLevel')}
              aria-label={t('aidCampaigns.level')}
              style={{ width: 140 }}
              options={hardshipLevels.map((l) => ({ value: l, label: t(`hardshipLevel.${l}`) }))}
              data-testid="targets-level"
            />
          </Form.Item>
          <Form.Item name="regionCode" rules={[{ pattern: /^\d{2,6}$/, message: t('aidCampaigns.region') }]}>
            <Input
              placeholder={t('aidCampaigns.region')}
              aria-label={t('aidCampaigns.region')}
              style={{ width: 200 }}
              data-testid="targets-region"
            />
          </Form.Item>
          <Form.Item name="includeCaseByCase" valuePropName="checked">
            <Checkbox>{t('aidCampaigns.includeCaseByCase')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={adding.isPending} data-testid="add-targets">
            {t('aidCampaigns.addTargets')}
          </Button>
        </Form>
      )}
      <Space wrap>
        <Radio.Group
          value={received ?? 'all'}
          onChange={(e) => setReceived(e.target.value === 'all' ? undefined : (e.target.value as 'true' | 'false'))}
          optionType="button"
          options={[
            { value: 'all', label: t('aidCampaigns.filterAll') },
            { value: 'true', label: t('aidCampaigns.filterReceived') },
            { value: 'false', label: t('aidCampaigns.filterPending') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('aidCampaigns.search')}
          aria-label={t('aidCampaigns.search')}
          onSearch={setQ}
          style={{ width: 200 }}
        />
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<AidTarget>
        rowKey={(r) => r.household.id}
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="aid-targets-table"
        columns={[
          { title: t('aidCampaigns.headName'), render: (_, r) => r.household.headName },
          { title: t('aidCampaigns.idNumber'), render: (_, r) => r.household.idNumberMasked },
          {
            title: t('aidCampaigns.level'),
            render: (_, r) =>
              r.household.level ? t(`hardshipLevel.${r.household.level}`) : t('hardshipStatus.case_by_case'),
          },
          { title: t('aidCampaigns.householdOrg'), render: (_, r) => r.household.org.name },
          {
            title: t('aidCampaigns.received'),
            render: (_, r) =>
              r.received ? (
                <Tag color="green">
                  {t(`aidKind.${r.received.kind}`)}{' '}
                  {r.received.amountFen !== null ? `¥${yuan(r.received.amountFen)}` : ''} {r.received.givenOn}
                </Tag>
              ) : (
                <Tag>{t('aidCampaigns.notYet')}</Tag>
              ),
          },
          ...(mayRun
            ? [
                {
                  title: '',
                  render: (_: unknown, r: AidTarget) =>
                    r.received ? null : (
                      <Space>
                        <Button size="small" type="link" onClick={() => onDistribute(r.household.id)}>
                          {t('aidCampaigns.distribute')}
                        </Button>
                        <Popconfirm
                          title={t('aidCampaigns.remove')}
                          onConfirm={() =>
                            removing
                              .mutateAsync(r.household.id)
                              .then(() => message.success(t('aidCampaigns.removed')))
                              .catch((e: unknown) => message.error(describeError(e)))
                          }
                        >
                          <Button size="small" type="link" danger>
                            {t('aidCampaigns.remove')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      <LoadMore list={list} />
    </Space>
  );
}

interface DistributeForm {
  householdId?: string;
  memberCardCode?: string;
  kind: Kind;
  amountYuan?: number | null;
  description: string;
  givenOn?: Dayjs;
}

/** One household's distribution: chosen from the list's households not yet served, or by its head's member card. */
function Distribute({
  campaign,
  chosen,
  onChosen,
}: {
  campaign: AidCampaign;
  chosen: string | undefined;
  onChosen(id: string | undefined): void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [way, setWay] = useState<'list' | 'card'>('list');
  const pending = useAidTargets(campaign.id, { received: 'false' });
  const distribution = useDistribute(campaign.id);
  const [form] = Form.useForm<DistributeForm>();
  // A household picked on the list's tab.
  useEffect(() => {
    if (chosen) {
      setWay('list');
      form.setFieldValue('householdId', chosen);
    }
  }, [chosen, form]);

  async function record(v: DistributeForm) {
    try {
      const done = await distribution.mutateAsync({
        ...(way === 'list' ? { householdId: v.householdId } : { memberCardCode: v.memberCardCode }),
        kind: v.kind,
        ...(v.amountYuan !== undefined && v.amountYuan !== null ? { amountFen: toFen(v.amountYuan) } : {}),
        description: v.description,
        ...(v.givenOn ? { givenOn: v.givenOn.format('YYYY-MM-DD') } : {}),
      });
      void message.success(t('aidCampaigns.recorded', { name: done.household.headName }));
      form.setFieldsValue({ householdId: undefined, memberCardCode: undefined });
      onChosen(undefined);
    } catch (e) {
      showFormError(form, e, message, { amountFen: 'amountYuan' });
    }
  }

  return (
    <Form<DistributeForm>
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      onFinish={(v) => void record(v)}
      initialValues={{ kind: 'goods', householdId: chosen, givenOn: dayjs() }}
      data-testid="distribute-form"
    >
      <Form.Item label={t('aidCampaigns.distribute')}>
        <Radio.Group
          value={way}
          onChange={(e) => setWay(e.target.value as 'list' | 'card')}
          optionType="button"
          options={[
            { value: 'list', label: t('aidCampaigns.byList') },
            { value: 'card', label: t('aidCampaigns.byCard') },
          ]}
          data-testid="distribute-way"
        />
      </Form.Item>
      {way === 'list' ? (
        <Form.Item name="householdId" label={t('aidCampaigns.household')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('aidCampaigns.pickHousehold')}
            loading={pending.loading}
            onChange={(v: string) => onChosen(v)}
            options={pending.items.map((r) => ({
              value: r.household.id,
              label: `${r.household.headName} ${r.household.idNumberMasked}`,
            }))}
            data-testid="distribute-household"
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="memberCardCode"
          label={t('aidCampaigns.cardCode')}
          extra={t('aidCampaigns.cardCodeHint')}
          rules={[{ required: true, pattern: /^\s*[0-9A-Fa-f]{12}\s*$/, message: t('aidCampaigns.cardCodeHint') }]}
        >
          <Input autoFocus maxLength={20} data-testid="distribute-card" />
        </Form.Item>
      )}
      <Form.Item name="kind" label={t('aidCampaigns.kind')} rules={[{ required: true }]}>
        <Select<Kind>
          options={aidKinds.map((k) => ({ value: k, label: t(`aidKind.${k}`) }))}
          data-testid="distribute-kind"
        />
      </Form.Item>
      <Form.Item name="amountYuan" label={t('aidCampaigns.amount')}>
        <InputNumber<number> min={0} precision={2} style={{ width: '100%' }} data-testid="distribute-amount" />
      </Form.Item>
      <Form.Item name="description" label={t('aidCampaigns.description')} rules={[{ required: true, max: 500 }]}>
        <Input data-testid="distribute-description" />
      </Form.Item>
      <Form.Item name="givenOn" label={t('aidCampaigns.givenOn')}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={distribution.isPending} data-testid="distribute-submit">
        {t('aidCampaigns.record')}
      </Button>
    </Form>
  );
}

function Report({ id }: { id: string }) {
  const { t } = useTranslation();
  const report = useAidReport(id);
  const r = report.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="aid-campaign-report">
      <QueryError error={report.error} onRetry={() => void report.refetch()} />
      {r && (
        <>
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title={t('aidCampaigns.budget')} value={yuan(r.budgetFen)} />
            </Col>
            <Col span={6}>
              <div data-testid="report-spent">
                <Statistic title={t('aidCampaigns.spent')} value={yuan(r.spentFen)} />
              </div>
            </Col>
            <Col span={6}>
              <Statistic title={t('aidCampaigns.left')} value={yuan(r.leftFen)} />
            </Col>
            <Col span={6}>
              <div data-testid="report-reached">
                <Statistic title={t('aidCampaigns.reached')} value={`${r.reached} / ${r.targets}`} />
              </div>
            </Col>
          </Row>
          <Table<AidReport['byKind'][number]>
            title={() => t('aidCampaigns.byKind')}
            rowKey="kind"
            size="small"
            pagination={false}
            dataSource={r.byKind}
            data-testid="report-by-kind"
            columns={[
              { title: t('aidCampaigns.kind'), render: (_, k) => t(`aidKind.${k.kind}`) },
              { title: t('aidCampaigns.reached'), dataIndex: 'households', align: 'right' },
              { title: t('aidCampaigns.spent'), render: (_, k) => yuan(k.amountFen), align: 'right' },
            ]}
          />
          <Table<AidReport['byUnion'][number]>
            title={() => t('aidCampaigns.byUnion')}
            rowKey={(u) => u.org.id}
            size="small"
            pagination={false}
            dataSource={r.byUnion}
            data-testid="report-by-union"
            columns={[
              { title: t('aidCampaigns.householdOrg'), render: (_, u) => u.org.name },
              { title: t('aidCampaigns.targets'), dataIndex: 'targets', align: 'right' },
              { title: t('aidCampaigns.reached'), dataIndex: 'reached', align: 'right' },
              { title: t('aidCampaigns.spent'), render: (_, u) => yuan(u.amountFen), align: 'right' },
            ]}
          />
        </>
      )}
    </Space>
  );
}
