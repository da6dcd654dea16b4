import { Empty, List } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLoad } from '../../../../shared/useLoad';
import { api } from '../../api';
import { ErrorState, PageLoading } from '../../ErrorState';

interface Notice {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

/** 我的消息: what the union told me (case steps, approvals); opening the list marks them read. */
export function MessagesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const {
    data: items,
    error,
    reload,
  } = useLoad(
    useCallback(async () => {
      const r = await api.get<{ items: Notice[] }>('/api/v1/me/notifications');
      // Marking read is a side effect of reading: its failure must not hide the messages.
      if (r.items.some((n) => !n.read)) void api.post('/api/v1/me/notifications/read').catch(() => undefined);
      return r.items;
    }, []),
  );
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('messages.title')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !items ? (
        <PageLoading />
      ) : items.length === 0 ? (
        <Empty description={t('messages.none')} />
      ) : (
        <List>
          {items.map((n) => (
            <List.Item
              key={n.id}
              onClick={n.link ? () => navigate(n.link!) : undefined}
              description={`${n.body ? `${n.body} · ` : ''}${new Date(n.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`}
            >
              <span style={{ fontWeight: n.read ? 400 : 600 }}>{n.title}</span>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
