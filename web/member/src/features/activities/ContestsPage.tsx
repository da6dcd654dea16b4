import { Button, Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useMyEntries, useOpenContests } from './contestQueries';
import './words';

/** 五小创新 (网报网评): the contests my union may enter, and my entries with their awards and certificates. */
export function ContestsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenContests();
  const mine = useMyEntries();
  const error = open.error ?? mine.error;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/activities')}>{t('memberContests.title')}</NavBar>
      {error ? (
        <ErrorState error={error} onRetry={() => void Promise.all([open.refetch(), mine.refetch()])} />
      ) : !open.data || !mine.data ? (
        <PageLoading />
      ) : (
        <>
          <List header={t('memberContests.open')} data-testid="open-contests">
            {open.data.items.length === 0 && (
              <List.Item>
                <Empty description={t('memberContests.none')} />
              </List.Item>
            )}
            {open.data.items.map((c) => (
              <List.Item
                key={c.id}
                description={`${c.org.name} · ${c.categories.map((x) => x.label).join('、')}`}
                extra={
                  c.acceptingEntries ? (
                    <Button
                      size="small"
                      color="primary"
                      onClick={() => navigate(`/contests/${c.id}/enter`)}
                      data-testid="enter-contest"
                    >
                      {t('memberContests.enter')}
                    </Button>
                  ) : (
                    <Tag>{t(`memberContests.status.${c.status}`)}</Tag>
                  )
                }
              >
                {c.title}
              </List.Item>
            ))}
          </List>
          <List header={t('memberContests.mine')} data-testid="my-entries">
            {mine.data.items.length === 0 && <List.Item>{t('memberContests.noEntries')}</List.Item>}
            {mine.data.items.map((e) => (
              <List.Item
                key={e.id}
                description={`${e.contest.title} · ${e.categoryLabel}`}
                clickable={e.certificateCode !== null}
                onClick={e.certificateCode ? () => navigate(`/certificates/${e.certificateCode}`) : undefined}
                extra={
                  e.award ? (
                    <Tag color="danger" data-testid="entry-award">
                      {t(`memberContests.award.${e.award}`)}
                    </Tag>
                  ) : (
                    <Tag color="default">{t(`memberContests.status.${e.contest.status}`)}</Tag>
                  )
                }
              >
                {e.title}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  );
}
