import { Button, Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useMyApplications, type ApplicationSummary } from './queries';
import { when, yuan } from './rules';
import './words';

/** The colour of a status: returned asks something of the member, rejected and withdrawn ended, paid is done. */
export function statusColor(status: ApplicationSummary['status']) {
  if (status === 'returned') return 'warning';
  if (status === 'rejected' || status === 'withdrawn') return 'default';
  if (status === 'approved' || status === 'disbursed') return 'success';
  return 'primary';
}

/** 我的申请: every application of mine, newest first, with its state. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useMyApplications();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/programmes')}>{t('programmes.mine')}</NavBar>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && (
        <>
          <Empty description={t('programmes.noApplications')} />
          <div style={{ padding: 12 }}>
            <Button block color="primary" onClick={() => navigate('/programmes')}>
              {t('programmes.title')}
            </Button>
          </div>
        </>
      )}
      {items && !error && items.length > 0 && (
        <List data-testid="application-list">
          {items.map((a) => (
            <List.Item
              key={a.id}
              onClick={() => navigate(`/applications/${a.id}`)}
              description={`${t(`programmeKind.${a.programme.kind}`)} · ${yuan(a.amountFen)} · ${when(a.createdAt)}`}
              extra={
                <Tag color={statusColor(a.status)} data-testid="application-item-status">
                  {t(`programmeApplicationStatus.${a.status}`)}
                </Tag>
              }
              data-testid="application-item"
            >
              {a.programme.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
