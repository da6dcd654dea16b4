import { Empty, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { NavBar } from '../../NavBar';
import { activityParts } from './hub';
import './words';

/** 工会活动: the way into each kind of activity (quizzes, walks, polls, stories, contests, questionnaires). */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/')}>{t('activities.title')}</NavBar>
      {activityParts.length === 0 ? (
        <Empty description={t('activities.empty')} />
      ) : (
        <List>
          {activityParts.map((part) => (
            <List.Item
              key={part.key}
              data-testid={`activity-${part.key}`}
              description={t(`activities.${part.key}Hint`)}
              onClick={() => navigate(part.path)}
            >
              {t(`activities.${part.key}`)}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
