import { Button, Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useProgrammes, type Programme } from './queries';
import { byOpenFirst, when } from './rules';
import './words';

/** The window's state in words: open until…, opens on…, closed. */
export function WindowTag({ programme: p }: { programme: Programme }) {
  const { t } = useTranslation();
  if (p.open) return <Tag color="success">{t('programmes.openNow')}</Tag>;
  return Date.parse(p.opensAt) > Date.now() ? (
    <Tag color="primary">{t('programmes.notYet')}</Tag>
  ) : (
    <Tag color="default">{t('programmes.closed')}</Tag>
  );
}

/** 补助申请: the programmes of my union chain, those open now first. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, refetch } = useProgrammes();
  const items = data ? [...data].sort((a, b) => byOpenFirst(a, b)) : null;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar
        onBack={() => navigate('/')}
        right={
          <button
            type="button"
            className="su-link su-tap"
            onClick={() => navigate('/applications')}
            data-testid="my-applications"
          >
            {t('programmes.mine')}
          </button>
        }
      >
        {t('programmes.title')}
      </NavBar>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, padding: '8px 12px' }}>
        <Button size="small" className="su-tap" onClick={() => navigate('/signups')} data-testid="my-signups">
          {t('signups.title')}
        </Button>
        <Button size="small" className="su-tap" onClick={() => navigate('/mutual-aid')} data-testid="my-mutual-aid">
          {t('mutualAid.title')}
        </Button>
      </div>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('programmes.none')} />}
      {items && !error && items.length > 0 && (
        <List data-testid="programme-list">
          {items.map((p) => (
            <List.Item
              key={p.id}
              onClick={() => navigate(`/programmes/${p.id}`)}
              description={
                <>
                  {t(`programmeKind.${p.kind}`)} · {p.org.name}
                  <br />
                  {p.open
                    ? t('programmes.closesOn', { at: when(p.closesAt) })
                    : Date.parse(p.opensAt) > Date.now()
                      ? t('programmes.opensOn', { at: when(p.opensAt) })
                      : t('programmes.closedOn', { at: when(p.closesAt) })}
                </>
              }
              extra={<WindowTag programme={p} />}
              data-testid="programme-item"
            >
              {p.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
