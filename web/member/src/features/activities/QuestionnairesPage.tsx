import { Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import { useQuestionnaires } from './questionnaires.queries';
import './words';

const when = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');

/** 问卷调查: the questionnaires my union (or one above it) sent, open ones to answer. */
export function QuestionnairesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useQuestionnaires();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/activities')}>{t('questionnaires.title')}</NavBar>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('questionnaires.none')} />}
      {items && !error && items.length > 0 && (
        <List data-testid="questionnaire-list">
          {items.map((q) => (
            <List.Item
              key={q.id}
              onClick={() => navigate(`/questionnaires/${q.id}`)}
              description={`${q.org.name} · ${when(q.opensAt)} – ${when(q.closesAt)}`}
              extra={
                q.answeredByMe ? (
                  <Tag color="success">{t('questionnaires.answered')}</Tag>
                ) : q.open ? (
                  <Tag color="primary">{t('questionnaires.open')}</Tag>
                ) : (
                  <Tag>{t('questionnaires.notOpen')}</Tag>
                )
              }
              data-testid="questionnaire-item"
            >
              {q.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
