import { Button, Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { usePublicNotices } from './queries';
import { when } from './rules';
import './words';

/** A programme's public notices (公示), newest first, for anyone without sign-in. */
export function NoticeListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { key } = useLocation();
  const { id = '' } = useParams();
  const { programme, items, error, hasMore, loadingMore, loadMore, reload } = usePublicNotices(id);
  const back = () => (key !== 'default' ? navigate(-1) : navigate('/'));
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{t('programmes.notices')}</NavBar>
      {error ? (
        <ErrorState
          error={error}
          onRetry={reload}
          notFound={{
            title: t('programmes.notFound'),
            action: (
              <Button color="primary" className="su-tap" onClick={() => navigate('/')}>
                {t('appName')}
              </Button>
            ),
          }}
        />
      ) : !items ? (
        <PageLoading />
      ) : null}
      {programme && !error && (
        <h2 className="su-title" style={{ margin: 12 }} data-testid="notices-programme">
          {programme.title}
        </h2>
      )}
      {items && !error && items.length === 0 && <Empty description={t('programmes.noNotices')} />}
      {items && !error && items.length > 0 && (
        <List data-testid="notice-list">
          {items.map((n) => (
            <List.Item
              key={n.id}
              onClick={() => navigate(`/notices/${n.id}`)}
              description={
                <>
                  {when(n.opensAt)} – {when(n.closesAt)}
                  <br />
                  {t('programmes.noticeEntries', { n: n.entries })} · {n.contentHash.slice(0, 12)}…
                </>
              }
              extra={
                <Tag color={n.open ? 'success' : 'default'}>
                  {n.open ? t('programmes.noticeOpen') : t('programmes.noticeClosed')}
                </Tag>
              }
              data-testid="notice-item"
            >
              {t('programmes.noticeSeq', { n: n.seq })} · {n.org.name}
            </List.Item>
          ))}
        </List>
      )}
      {hasMore && (
        <div style={{ padding: 12 }}>
          <Button block loading={loadingMore} onClick={loadMore}>
            {t('programmes.more')}
          </Button>
        </div>
      )}
    </div>
  );
}
