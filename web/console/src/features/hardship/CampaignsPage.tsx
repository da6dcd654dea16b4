import {
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrgRef } from '../../api';
import { showFormError } from '../../forms';
import { LoadMore } from '../../LoadMore';
import { OrgPicker } from '../../OrgPicker';
import { QueryError } from '../../QueryError';
import { HardshipNav } from './nav';
import { can } from '../../sections';
import { useSession } from '../../session';
import {
  aidSeasons,
  toFen,
  useAidCampaigns,
  useCreateAidCampaign,
  yuan,
  type AidCampaign,
  type CampaignFilter,
} from './campaigns.queries';

type Season = AidCampaign['season'];

interface CampaignForm {
  season: Season;
  year: number;
  title: string;
  org: OrgRef | null;
  budgetYuan: number;
}

const fieldOf: Record<string, string> = { orgId: 'org', budgetFen: 'budgetYuan' };

/** What a campaign has spent of its budget, as a bar. */
export function BudgetBar({ campaign }: { campaign: Pick<AidCampaign, 'budgetFen' | 'spentFen'> }) {
  const { t } = useTranslation();
  const share = campaign.budgetFen > 0 ? Math.round((campaign.spentFen / campaign.budgetFen) * 100) : 0;
  return (
    <Progress
      percent={share}
      size="small"
      status={share >= 100 ? 'success' : 'active'}
      aria-label={t('aidCampaigns.budgetBar', { spent: yuan(campaign.spentFen), budget: yuan(campaign.budgetFen) })}
    />
  );
}

/** The season a campaign of this month would be: 冬送温暖 from November to February, and so on. */
function seasonNow(): Season {
  const month = new Date().getMonth() + 1;
  return month >= 3 && month <= 5
    ? 'spring'
    : month >= 6 && month <= 8
      ? 'summer'
      : month <= 10 && month >= 9
        ? 'autumn'
        : 'winter';
}

/** 四季送: the seasonal campaigns of the officer's subtree, with budget and reach; a new one. */
export function AidCampaignsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [org, setOrg] = useState<OrgRef | null>(null);
  const [season, setSeason] = useState<Season | undefined>();
  const [year, setYear] = useState<number | null>(null);
  const filter: CampaignFilter = {
    ...(org ? { orgId: org.id } : {}),
    ...(season ? { season } : {}),
    ...(year ? { year } : {}),
  };
  const list = useAidCampaigns(filter);
  const creation = useCreateAidCampaign();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CampaignForm>();
  const mayRun = can('runAssistance', me?.roles ?? []);

  async function create(v: CampaignForm) {
    try {
      const created = await creation.mutateAsync({
        season: v.season,
        year: v.year,
        title: v.title,
        orgId: v.org?.id ?? '',
        budgetFen: toFen(v.budgetYuan),
      });
      void message.success(t('aidCampaigns.created'));
      setCreating(false);
      form.resetFields();
      navigate(`/hardship/campaigns/${created.id}`);
    } catch (e) {
      showFormError(form, e, message, fieldOf);
    }
  }

  return (
    <Card
      title={t('aidCampaigns.title')}
      extra={
        <Space wrap>
          <OrgPicker value={org} onChange={setOrg} />
          <Select<Season>
            allowClear
            placeholder={t('aidCampaigns.allSeasons')}
            aria-label={t('aidCampaigns.season')}
            style={{ width: 140 }}
            value={season}
            onChange={setSeason}
            options={aidSeasons.map((s) => ({ value: s, label: t(`aidSeason.${s}`) }))}
            data-testid="campaign-season-filter"
          />
          <InputNumber<number>
            placeholder={t('aidCampaigns.year')}
            aria-label={t('aidCampaigns.year')}
            min={2000}
            max={2100}
            value={year}
            onChange={setYear}
            style={{ width: 100 }}
          />
          {mayRun && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-aid-campaign">
              {t('aidCampaigns.add')}
            </Button>
          )}
        </Space>
      }
    >
      <HardshipNav />
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<AidCampaign>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="aid-campaigns-table"
        onRow={(r) => ({ onClick: () => navigate(`/hardship/campaigns/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('aidCampaigns.name'), dataIndex: 'title' },
          { title: t('aidCampaigns.season'), render: (_, r) => t(`aidSeason.${r.season}`) },
          { title: t('aidCampaigns.year'), dataIndex: 'year' },
          { title: t('aidCampaigns.org'), render: (_, r) => r.org.name },
          { title: t('aidCampaigns.budget'), render: (_, r) => yuan(r.budgetFen), align: 'right' },
          { title: t('aidCampaigns.spent'), render: (_, r) => yuan(r.spentFen), align: 'right' },
          { title: '', render: (_, r) => <BudgetBar campaign={r} />, width: 140 },
          {
            title: t('aidCampaigns.reached'),
            render: (_, r) => `${r.reached} / ${r.targets}`,
            align: 'right',
          },
          {
            title: t('aidCampaigns.status'),
            render: (_, r) =>
              r.status === 'open' ? (
                <Tag color="blue">{t('aidCampaigns.open')}</Tag>
              ) : (
                <Tag>{t('aidCampaigns.closed')}</Tag>
              ),
          },
        ]}
      />
      <LoadMore list={list} />
      <Modal
        open={creating}
        title={t('aidCampaigns.add')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: creation.isPending, 'data-testid': 'save-aid-campaign' } as ButtonProps}
        destroyOnHidden
      >
        <Form<CampaignForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{ org: me?.org ?? null, season: seasonNow(), year: new Date().getFullYear() }}
        >
          <Form.Item name="season" label={t('aidCampaigns.season')} rules={[{ required: true }]}>
            <Select<Season>
              options={aidSeasons.map((s) => ({ value: s, label: t(`aidSeason.${s}`) }))}
              data-testid="aid-campaign-season"
            />
          </Form.Item>
          <Form.Item name="year" label={t('aidCampaigns.year')} rules={[{ required: true }]}>
            <InputNumber<number> min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="title" label={t('aidCampaigns.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="aid-campaign-title" />
          </Form.Item>
          <Form.Item name="org" label={t('aidCampaigns.org')} rules={[{ required: true }]}>
            <OrgPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="budgetYuan" label={t('aidCampaigns.budget')} rules={[{ required: true }]}>
            <InputNumber<number> min={0} precision={2} style={{ width: '100%' }} data-testid="aid-campaign-budget" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
