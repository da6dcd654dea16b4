import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ok } from '../../../../shared/api';
import { api } from '../../api';
import { ErrorState, PageLoading } from '../../ErrorState';
import { NavBar } from '../../NavBar';
import './myHelpWords';

const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function useMyHelp() {
  return useQuery({
    queryKey: ['/api/v1/me/hardship/aid'],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/me/hardship/aid', { signal })),
  });
}

/**
 * 我的帮扶记录: the help the member's household received — what, from whom, how much, when — and the measures of its
 * plan (一户一策). A member without a household on file sees an empty record and where to ask.
 */
export function MyHelpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, refetch } = useMyHelp();

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={() => navigate('/')}>{t('myHelp.title')}</NavBar>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !data ? <PageLoading /> : null}
      {data && !error && !data.household && (
        <Card style={{ margin: 12 }} data-testid="my-help-empty">
          <Empty description={t('myHelp.none')} />
          <div className="su-hint">{t('myHelp.noneHint')}</div>
        </Card>
      )}
      {data && !error && data.household && (
        <>
          <Card style={{ margin: 12 }}>
            <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
              <span>{t('myHelp.status')}</span>
              <Tag color="primary" data-testid="my-help-status">
                {t(`myHelpStatus.${data.household.status}`)}
              </Tag>
              {data.household.level && <Tag color="warning">{t(`myHelpLevel.${data.household.level}`)}</Tag>}
            </div>
          </Card>
          <Card style={{ margin: 12 }} title={t('myHelp.plan')} data-testid="my-help-plan">
            {data.plan ? (
              <>
                <div style={{ marginBottom: 8 }}>{t('myHelp.goal', { goal: data.plan.goal })}</div>
                <List>
                  {data.plan.measures.map((m) => (
                    <List.Item
                      key={m.id}
                      description={`${t('myHelp.owner', { owner: m.owner })} · ${t('myHelp.dueOn', { date: m.dueOn })}`}
                      extra={
                        <Tag color={m.doneAt ? 'success' : 'default'}>
                          {m.doneAt ? t('myHelp.done') : t('myHelp.pending')}
                        </Tag>
                      }
                    >
                      {m.title}
                    </List.Item>
                  ))}
                </List>
              </>
            ) : (
              <div className="su-hint">{t('myHelp.noPlan')}</div>
            )}
          </Card>
          <Card style={{ margin: 12 }} title={t('myHelp.received')}>
            {data.items.length === 0 ? (
              <Empty description={t('myHelp.none')} />
            ) : (
              <>
                <div className="su-hint" data-testid="my-help-total">
                  {t('myHelp.total', { count: data.items.length, total: yuan(data.totalFen) })}
                </div>
                <List>
                  {data.items.map((a) => (
                    <List.Item
                      key={a.id}
                      data-testid="my-help-item"
                      prefix={<Tag>{t(`aidKind.${a.kind}`)}</Tag>}
                      description={`${a.givenOn} · ${t('myHelp.giver', { name: a.giverName })}`}
                      extra={a.amountFen !== null ? yuan(a.amountFen) : null}
                    >
                      {a.description}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
