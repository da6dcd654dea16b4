import { Button, Empty, InfiniteScroll, List, Tabs, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useSuggestions, when, type SuggestionSummary } from './suggestions.queries';
import './words';

export function suggestionColor(status: SuggestionSummary['status']) {
  if (status === 'answered' || status === 'taken_up') return 'success';
  if (status === 'open') return 'primary';
  return 'default';
}

/** 职工事大家议: what my union's members have suggested (or mine), with supports and state; post one. */
export function SuggestionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [tab, setTab] = useState<'all' | 'mine'>('all');
  const { items, error, hasMore, loadMore, reload } = useSuggestions(tab === 'mine');
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('participation.suggestions')}</NavBar>
      <div style={{ padding: 12, background: '#fff' }}>
        <div style={{ color: '#666', fontSize: 14, marginBottom: 8 }}>{t('participation.suggestionsIntro')}</div>
        <Button block color="primary" onClick={() => navigate('/suggestions/new')} data-testid="new-suggestion">
          {t('participation.post')}
        </Button>
      </div>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as 'all' | 'mine')}>
        <Tabs.Tab title={t('participation.allSuggestions')} key="all" />
        <Tabs.Tab title={t('participation.mySuggestions')} key="mine" />
      </Tabs>
      {error ? <ErrorState error={error} onRetry={reload} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('participation.noSuggestions')} />}
      {items && !error && items.length > 0 && (
        <>
          <List data-testid="suggestion-list">
            {items.map((s) => (
              <List.Item
                key={s.id}
                onClick={() => navigate(`/suggestions/${s.id}`)}
                description={`${s.org.name} · ${t('participation.supportCount', { n: s.supportCount })} · ${when(s.createdAt)}`}
                extra={<Tag color={suggestionColor(s.status)}>{t(`suggestionStatus.${s.status}`)}</Tag>}
                data-testid="suggestion-item"
              >
                {s.title}
              </List.Item>
            ))}
          </List>
          <InfiniteScroll loadMore={loadMore} hasMore={hasMore} />
        </>
      )}
    </div>
  );
}
