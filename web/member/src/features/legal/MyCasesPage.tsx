import { Button, Empty, List, Tag } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { useMyCases } from './queries';
import { when } from './types';

export function MyCasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useMyCases();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('legal.title')}</NavBar>
      <div style={{ padding: 12 }}>
        <Button block color="primary" onClick={() => navigate('/legal/new')} data-testid="new-case">
          {t('legal.apply')}
        </Button>
      </div>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('legal.none')} />}
      {items && !error && items.length > 0 && (
        <List header={t('legal.mine')}>
          {items.map((c) => (
            <List.Item
              key={c.id}
              onClick={() => navigate(`/legal/cases/${c.id}`)}
              description={`${c.center.name} · ${when(c.createdAt)}`}
              extra={<Tag>{t(`caseStatus.${c.status}`)}</Tag>}
            >
              {t(`caseCategory.${c.category}`)} · {c.employer.name}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
