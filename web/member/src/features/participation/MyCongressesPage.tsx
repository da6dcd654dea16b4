import { Card, Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useSession } from '../../session';
import { representativeLinks } from './links';
import { useMyCongresses } from './queries';
import './words';

/**
 * 代表履职: the congress terms I represent — the congress, my delegation and term — and, for each, the way into my
 * duties there (links.ts: proposals, motions, duty records as their pages come).
 */
export function MyCongressesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const { data: items, error, refetch } = useMyCongresses(me?.isMember ?? false);

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/')}>{t('representative.title')}</NavBar>
      {me && !me.isMember ? (
        <Empty description={t('representative.none')} data-testid="rep-none" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !items ? (
        <PageLoading />
      ) : items.length === 0 ? (
        <Empty description={t('representative.none')} data-testid="rep-none" />
      ) : (
        items.map((c) => (
          <Card key={c.representativeId} style={{ margin: 12 }} data-testid="rep-congress">
            <h2 className="su-title" style={{ margin: 0 }} data-testid="rep-congress-name">
              {c.name}
            </h2>
            <div style={{ marginTop: 8, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
              <Tag color="danger">{t(`congressKind.${c.kind}`)}</Tag>
              {c.status !== 'active' && <Tag>{t(`congressStatus.${c.status}`)}</Tag>}
            </div>
            <div className="su-hint" style={{ marginTop: 8 }}>
              {c.org.name} · {t('representative.term', { from: c.termStartsOn, to: c.termEndsOn })}
            </div>
            {c.delegation && (
              <div className="su-hint" data-testid="rep-delegation">
                {t('representative.delegation', { name: c.delegation })}
              </div>
            )}
            {representativeLinks.length === 0 ? (
              <div className="su-muted" style={{ marginTop: 12 }} data-testid="rep-links-empty">
                {t('representative.linksSoon')}
              </div>
            ) : (
              <List style={{ marginTop: 8 }}>
                {representativeLinks.map((link) => (
                  <List.Item
                    key={link.key}
                    arrow
                    onClick={() => navigate(link.path(c))}
                    data-testid={`rep-link-${link.key}`}
                  >
                    {t(`representative.link.${link.key}`)}
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        ))
      )}
    </div>
  );
}
