import { Card, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../shared/api';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { usePublicResults } from './skills.queries';
import './words';

/** 技能大赛成绩公布: public, no sign-in — each event's ranking, prizes, contestants' names masked, unions named. */
export function SkillsResultsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { key } = useLocation();
  const { data, error, refetch } = usePublicResults(id);
  const notOut = error instanceof ApiError && error.status === 404;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => (key !== 'default' ? navigate(-1) : navigate('/'))}>
        {data?.competition.title ?? t('skills.resultsTitle')}
      </NavBar>
      {notOut ? (
        <Card style={{ margin: 12 }}>{t('skills.notPublished')}</Card>
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : null}
      {data && (
        <div style={{ padding: '8px 12px', color: '#555', fontSize: 13 }}>
          {data.competition.org.name} ·{' '}
          {t('skills.dates', { from: data.competition.startsOn, to: data.competition.endsOn })}
        </div>
      )}
      {data?.events.map((e) => (
        <Card key={e.id} title={e.name} style={{ margin: 12 }} data-testid="results-event">
          <List>
            {e.items.map((x) => (
              <List.Item
                key={x.entryId}
                prefix={<strong>{x.rank === null ? '—' : t('skills.rank', { n: x.rank })}</strong>}
                extra={x.tier ? <Tag color="warning">{x.tier}</Tag> : null}
                description={`${x.org.name}${x.total === null ? ` · ${t('skills.notRanked')}` : ` · ${t('skills.total', { n: x.total })}`}`}
                data-testid="results-item"
              >
                {x.teamName ? `${x.teamName}（${x.contestants.join('、')}）` : x.contestants.join('、')}
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
    </div>
  );
}
