import { Button, Empty, List, Tag } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Page } from '../../../../shared/api';
import { useLoad } from '../../../../shared/useLoad';
import { api } from '../../api';
import { ErrorState, PageLoading } from '../../ErrorState';
import { when, type MyCase } from './types';

export function MyCasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, reload } = useLoad(useCallback(() => api.get<Page<MyCase>>('/api/v1/legal/cases?mine=true&limit=50').then((p) => p.items), []));
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('legal.title')}</NavBar>
      <div style={{ padding: 12 }}>
        <Button block color="primary" onClick={() => navigate('/legal/new')} data-testid="new-case">
          {t('legal.apply')}
        </Button>
      </div>
      {error ? <ErrorState error={error} onRetry={reload} /> : !items ? <PageLoading /> : null}
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
