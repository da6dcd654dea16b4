import { Button, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../QueryError';
import { ApplicationsTab } from './ApplicationsTab';
import { DisbursementTab } from './DisbursementTab';
import { day, yuan } from './format';
import { RulesSummary } from './ProgrammesPage';
import { PublicityTab } from './PublicityTab';
import { useProgramme, type Programme } from './queries';
import { ReconciliationTab } from './ReconciliationTab';
import { EnrolmentsTab } from './EnrolmentsTab';
import { kindRuleItems } from './KindRules';
import { WorkStudyTab } from './WorkStudyTab';

const tabs = ['applications', 'placements', 'enrolments', 'publicity', 'disbursement', 'reconciliation'] as const;
type Tab = (typeof tabs)[number];
/** Tabs only one kind has: 勤工俭学's placements and work days, 医疗互助's enrolments and claims. */
const kindTabs: Partial<Record<Tab, Programme['kind']>> = {
  placements: 'work_study',
  enrolments: 'medical_mutual_aid',
};
const tabsOf = (p: Programme) => tabs.filter((key) => kindTabs[key] === undefined || kindTabs[key] === p.kind);
const tabLabel = {
  applications: 'programmes.tabApplications',
  placements: 'workStudy.tab',
  enrolments: 'mutualAid.tab',
  publicity: 'programmes.tabPublicity',
  disbursement: 'programmes.tabDisbursement',
  reconciliation: 'programmes.tabReconciliation',
} as const;

/** One programme: its rules, and its work in tabs (the tab is in the address, so a reload or a link keeps it). */
export function ProgrammePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { data: p, error, refetch } = useProgramme(id);
  const shown = p ? tabsOf(p) : tabs;
  const tab: Tab = (shown as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : tabs[0];

  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!p) return <Card loading />;
  const caps = Object.entries(p.rules.caps).filter(([, v]) => v !== undefined);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button onClick={() => navigate('/programmes')}>{t('back')}</Button>
            <span data-testid="programme-title">{p.title}</span>
            <Tag>{t(`programmeKind.${p.kind}`)}</Tag>
            {p.open ? <Tag color="green">{t('programmes.open')}</Tag> : <Tag>{t('programmes.closed')}</Tag>}
          </Space>
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t('programmes.org')}>{p.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('programmes.window')}>
            {day(p.opensAt)} – {day(p.closesAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.rules')}>
            <RulesSummary p={p} />
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.publicityAt')}>
            {p.rules.publicityAt === 'programme'
              ? t('programmes.publicityAtProgramme')
              : t('programmes.publicityAtChain')}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.period')}>
            {t(
              `programmes.period${p.rules.period === 'programme' ? 'Programme' : p.rules.period === 'year' ? 'Year' : 'Month'}`,
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.capsShort')}>
            {caps.length === 0
              ? '—'
              : caps.map(([name, fen]) => (
                  <Tag key={name}>
                    {t(`programmes.${name.replace(/Fen$/, '')}`)} {yuan(fen)}
                  </Tag>
                ))}
          </Descriptions.Item>
          {kindRuleItems(p, t)}
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key })}
          destroyOnHidden
          items={shown.map((key) => ({
            key,
            label: t(tabLabel[key]),
            children:
              key === 'applications' ? (
                <ApplicationsTab programme={p} />
              ) : key === 'placements' ? (
                <WorkStudyTab programme={p} />
              ) : key === 'enrolments' ? (
                <EnrolmentsTab programme={p} />
              ) : key === 'publicity' ? (
                <PublicityTab programme={p} />
              ) : key === 'disbursement' ? (
                <DisbursementTab programme={p} />
              ) : (
                <ReconciliationTab programme={p} />
              ),
          }))}
        />
      </Card>
    </Space>
  );
}
