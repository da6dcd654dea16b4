import { Empty, List } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { useMarkRead, useNotifications } from './queries';

/** 我的消息: what the union told me (case steps, approvals); opening the list marks them read. */
export function MessagesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, refetch } = useNotifications();
  const items = data?.items;
  const markRead = useMarkRead();
  // Opening the list marks what it shows read (the bold ones stay bold until the next visit).
  const unread = items?.some((n) => !n.read) ?? false;
  useEffect(() => {
    if (unread) void markRead();
  }, [unread, markRead]);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('messages.title')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
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
