import { Button, Card, Space, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../QueryError';
import { DutiesTab } from './DutiesTab';
import { IndicatorsTab } from './IndicatorsTab';
import { ScoresTab } from './ScoresTab';
import { useCongress } from './scoring.queries';

const tabs = ['scores', 'duties', 'indicators'] as const;
type Tab = (typeof tabs)[number];

/**
 * 代表履职评价 of one congress term: the leaderboard, the duty records' queue, and the scoring model, in tabs (the
 * tab is in the address). The congress's own page can take the three tabs as they are (each takes a congressId).
 */
export function ScoresPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const congress = useCongress(id);
  const tab: Tab = tabs.find((k) => k === params.get('tab')) ?? 'scores';

  if (congress.error) return <QueryError error={congress.error} onRetry={() => void congress.refetch()} />;
  if (!congress.data) return <Card loading />;
  const c = congress.data;
  return (
    <Card
      title={
        <Space wrap>
          <Button onClick={() => navigate(-1)}>{t('back')}</Button>
          <span data-testid="congress-name">{c.name}</span>
          <Tag>{c.org.name}</Tag>
          <span>
            {c.termStartsOn} – {c.termEndsOn}
          </span>
          {c.status === 'archived' && <Tag color="default">{t('scores.archived')}</Tag>}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={tabs.map((key) => ({
          key,
          label: t(`scores.tab.${key}`),
          children:
            key === 'scores' ? (
              <ScoresTab congressId={id} />
            ) : key === 'duties' ? (
              <DutiesTab congressId={id} />
            ) : (
              <IndicatorsTab congressId={id} />
            ),
        }))}
      />
    </Card>
  );
}
