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
import { isQuota } from './quota.queries';
import { SignupsTab } from './SignupsTab';
import { WorkStudyTab } from './WorkStudyTab';

const tabs = [
  'applications',
  'placements',
  'enrolments',
  'publicity',
  'disbursement',
  'reconciliation',
  'signups',
] as const;
type Tab = (typeof tabs)[number];
/** Tabs only one kind has: 勤工俭学's placements and work days, 医疗互助's enrolments and claims. */
const kindTabs: Partial<Record<Tab, Programme['kind']>> = {
  placements: 'work_study',
  enrolments: 'medical_mutual_aid',
};
/** A quota programme (劳模疗休养, 免费体检) gives places, not money: its signups instead of applications and payments. */
const tabsOf = (p: Programme): readonly Tab[] =>
  isQuota(p)
    ? ['signups']
    : tabs.filter((key) => key !== 'signups' && (kindTabs[key] === undefined || kindTabs[key] === p.kind));
const tabLabel = {
  applications: 'programmes.tabApplications',
  placements: 'workStudy.tab',
  enrolments: 'mutualAid.tab',
  publicity: 'programmes.tabPublicity',
  disbursement: 'programmes.tabDisbursement',
  reconciliation: 'programmes.tabReconciliation',
  signups: 'signups.tab',
} as const;

/** One programme: its rules, and its work in tabs (the tab is in the address, so a reload or a link keeps it). */
export function ProgrammePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { data: p, error, refetch } = useProgramme(id);

  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!p) return <Card loading />;
  const shown = tabsOf(p);
  const tab: Tab = shown.find((k) => k === params.get('tab')) ?? shown[0]!;
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
              ) : key === 'signups' ? (
                <SignupsTab programme={p} />
              ) : (
                <ReconciliationTab programme={p} />
              ),
          }))}
        />
      </Card>
    </Space>
  );
}
