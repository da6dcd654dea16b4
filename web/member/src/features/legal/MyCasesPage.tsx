import { Button, DotLoading, Empty, List, NavBar, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Page } from '../../../../shared/api';
import { api } from '../../api';
import { when, type MyCase } from './types';

export function MyCasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [items, setItems] = useState<MyCase[] | null>(null);
  useEffect(() => {
    api.get<Page<MyCase>>('/api/v1/legal/cases?mine=true&limit=50').then(
      (p) => setItems(p.items),
      () => setItems([]),
    );
  }, []);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('legal.title')}</NavBar>
      <div style={{ padding: 12 }}>
        <Button block color="primary" onClick={() => navigate('/legal/new')} data-testid="new-case">
          {t('legal.apply')}
        </Button>
      </div>
      {!items && (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <DotLoading />
        </div>
      )}
      {items && items.length === 0 && <Empty description={t('legal.none')} />}
      {items && items.length > 0 && (
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
