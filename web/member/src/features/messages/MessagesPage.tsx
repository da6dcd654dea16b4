import { DotLoading, Empty, List, NavBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api';

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
  const [items, setItems] = useState<Notice[] | null>(null);
  useEffect(() => {
    void api.get<{ items: Notice[] }>('/api/v1/me/notifications').then(async (r) => {
      setItems(r.items);
      if (r.items.some((n) => !n.read)) await api.post('/api/v1/me/notifications/read');
    });
  }, []);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('messages.title')}</NavBar>
      {!items && (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <DotLoading />
        </div>
      )}
      {items && items.length === 0 && <Empty description={t('messages.none')} />}
      {items && items.length > 0 && (
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
