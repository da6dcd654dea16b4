import { Button, Card, Dialog, Empty, List, Space, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { useMyCompetitions, useRegisterSelf, useWithdrawSelf, type MyCompetition } from './skills.queries';
import './words';

type SkillsEvent = MyCompetition['events'][number];

function EventLine({ c, e }: { c: MyCompetition; e: SkillsEvent }) {
  const { t } = useTranslation();
  const register = useRegisterSelf();
  const withdraw = useWithdrawSelf();

  async function enter() {
    if (!(await Dialog.confirm({ content: t('skills.registerConfirm', { event: e.name }) }))) return;
    try {
      await register.mutateAsync(e.id);
      Toast.show({ icon: 'success', content: t('skills.done') });
    } catch (err) {
      Toast.show({ content: humanError(err, t) });
    }
  }

  async function leave(entryId: string) {
    if (!(await Dialog.confirm({ content: t('skills.withdrawConfirm', { event: e.name }) }))) return;
    try {
      await withdraw.mutateAsync(entryId);
      Toast.show({ content: t('skills.withdrawn') });
    } catch (err) {
      Toast.show({ content: humanError(err, t) });
    }
  }

  const action = e.myEntry ? (
    e.myEntry.registeredBy === 'member' && e.kind === 'individual' && c.registrationOpen ? (
      <Space align="center">
        <Tag color="success">{t('skills.registered')}</Tag>
        <Button size="mini" onClick={() => void leave(e.myEntry!.entryId)} data-testid={`withdraw-${e.id}`}>
          {t('skills.withdraw')}
        </Button>
      </Space>
    ) : (
      <Tag color="success">
        {e.myEntry.registeredBy === 'member' ? t('skills.registered') : t('skills.registeredByUnion')}
      </Tag>
    )
  ) : e.kind === 'individual' && c.registrationOpen ? (
    <Button
      size="small"
      color="primary"
      loading={register.isPending}
      onClick={() => void enter()}
      data-testid={`register-${e.id}`}
    >
      {t('skills.register')}
    </Button>
  ) : null;

  return (
    <List.Item
      extra={action}
      description={
        (e.kind === 'team' ? t('skills.team', { min: e.minTeamSize, max: e.maxTeamSize }) : t('skills.individual')) +
        ' · ' +
        (e.theoryWeight === 0
          ? t('skills.single')
          : t('skills.weights', { theory: e.theoryWeight, practical: e.practicalWeight }))
      }
      data-testid="skills-event"
    >
      {e.name}
    </List.Item>
  );
}

/** 技能大赛: the competitions of my union and those above it; I register for an individual event, or withdraw. */
export function SkillsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: items, error, refetch } = useMyCompetitions();
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/activities')}>{t('skills.title')}</NavBar>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !items ? <PageLoading /> : null}
      {items && !error && items.length === 0 && <Empty description={t('skills.empty')} />}
      {items?.map((c) => (
        <Card
          key={c.id}
          title={c.title}
          extra={
            c.resultsPublishedAt ? (
              <Button size="mini" onClick={() => navigate(`/skills-results/${c.id}`)} data-testid="skills-results">
                {t('skills.results')}
              </Button>
            ) : (
              <Tag color={c.registrationOpen ? 'primary' : 'default'}>
                {c.registrationOpen ? t('skills.open') : t('skills.closed')}
              </Tag>
            )
          }
          style={{ margin: 12 }}
          data-testid="skills-competition"
        >
          <div style={{ color: '#555', fontSize: 13 }}>
            {c.org.name} · {t('skills.dates', { from: c.startsOn, to: c.endsOn })}
            {c.registrationOpen && (
              <div>{t('skills.closes', { at: new Date(c.registrationClosesAt).toLocaleString() })}</div>
            )}
          </div>
          <List>
            {c.events.map((e) => (
              <EventLine key={e.id} c={c} e={e} />
            ))}
          </List>
        </Card>
      ))}
    </div>
  );
}
