import { Descriptions, Drawer, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../QueryError';
import { when } from './format';
import { useSignup } from './quota.queries';

/** One signup: its facts and its timeline, each step with who took it (a promotion is the system's). */
export function SignupDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const signup = useSignup(id);
  const s = signup.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={480}
      title={s ? `${s.member.name} · ${s.programme.title}` : t('signups.tab')}
      destroyOnHidden
    >
      <QueryError error={signup.error} onRetry={() => void signup.refetch()} />
      {s && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('benefitApps.status')}>
              <Tag data-testid="signup-drawer-status">{t(`programmeSignupStatus.${s.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('signups.rank')}>{s.rank ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('signups.placeNo')}>{s.placeNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('signups.waiting')}>{s.waitingPosition ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('benefitApps.union')}>{s.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('signups.honourLevel')}>
              {s.honourLevel ? t(`honourLevel.${s.honourLevel}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('signups.frontLine')}>
              {s.frontLine ? t('signups.yes') : t('signups.no')}
            </Descriptions.Item>
            <Descriptions.Item label={t('signups.eventDate')}>{s.programme.eventDate}</Descriptions.Item>
          </Descriptions>
          <h3 style={{ marginTop: 24 }}>{t('benefitApps.timeline')}</h3>
          <Timeline
            data-testid="signup-timeline"
            items={(s.timeline ?? []).map((e, i) => ({
              key: i,
              children: (
                <span>
                  <b>{t(`signups.step.${e.action}`, { defaultValue: e.action })}</b> · {when(e.at)} ·{' '}
                  {t(`programmeSignupStatus.${e.toState}`, { defaultValue: e.toState })}
                  {e.actorKind === 'system' && <> · {t('signups.bySystem')}</>}
                  {e.note && <span style={{ color: 'rgba(0,0,0,0.65)' }}> — {e.note}</span>}
                </span>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
