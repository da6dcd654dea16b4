import { Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { motionTime, useMyMotions, type Motion } from './MotionQueries';
import './words';

const statusColor: Record<Motion['status'], string> = {
  open: 'success',
  scheduled: 'primary',
  ended: 'default',
  closed: 'default',
};

/** 职代会表决: the motions of the congresses the member represents, open ones first, with their own vote. */
export function MotionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, refetch } = useMyMotions();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('motions.title')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : data.length === 0 ? (
        <Empty description={t('motions.none')} data-testid="motions-empty" />
      ) : (
        <List data-testid="motions">
          {data.map((m) => (
            <List.Item
              key={m.id}
              onClick={() => navigate(`/motions/${m.id}`)}
              description={
                <>
                  {m.congress.name} · {motionTime(m.opensAt)}
                  {m.myChoice && <div>{t('motions.youVoted', { choice: t(`motions.choice.${m.myChoice}`) })}</div>}
                </>
              }
              extra={
                <Tag color={statusColor[m.status]} fill="outline">
                  {t(`motions.status.${m.status}`)}
                </Tag>
              }
              data-testid="motion-item"
            >
              {m.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
