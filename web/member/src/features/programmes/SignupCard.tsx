import { Button, Card, Form, Selector, Switch, Tag, Toast } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMySignups, useSignUp, type Signup } from './kindQueries';
import type { Programme } from './queries';
import { programmeError } from './rules';
import './words';

const honourLevels = ['national', 'provincial', 'municipal'] as const;

/** The colour of a signup's state: a place held is good news, the waiting list is still open, the rest ended. */
export function signupColor(status: Signup['status']) {
  if (status === 'allocated' || status === 'attended') return 'success';
  if (status === 'waitlisted') return 'warning';
  if (status === 'applied') return 'primary';
  return 'default';
}

/** Where a signup stands in words: the place held, the position on the waiting list, or its state. */
export function signupStanding(s: Signup, t: TFunction): string {
  if (s.status === 'allocated' && s.placeNo !== null) return t('signups.placeNo', { n: s.placeNo });
  if (s.status === 'waitlisted' && s.waitingPosition !== null)
    return t('signups.waitingPosition', { n: s.waitingPosition });
  if (s.status === 'applied') return t('signups.awaitingAllocation');
  return '';
}

/**
 * 报名 for a quota programme (劳模疗休养, 免费体检) on its page: the member says whether they work on the front line
 * and, if they are a model worker not yet on the register, their honour level (the register decides for those on
 * it); once signed up the card shows where the signup stands.
 */
export function SignupCard({ programme: p }: { programme: Programme }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signups = useMySignups();
  const key = useMemo(() => crypto.randomUUID(), []);
  const signUp = useSignUp(p.id, key);
  const [frontLine, setFrontLine] = useState(false);
  const [honourLevel, setHonourLevel] = useState<(typeof honourLevels)[number] | null>(null);
  const [error, setError] = useState('');
  const mine = signups.data?.find((s) => s.programme.id === p.id && s.status !== 'withdrawn');
  const asksHonour = p.rules.quota?.priority.some((r) => r.by === 'honour_level') ?? false;

  if (mine)
    return (
      <Card style={{ margin: 12 }} title={t('signups.mine')} data-testid="signup-card">
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <Tag color={signupColor(mine.status)} data-testid="signup-status">
            {t(`programmeSignupStatus.${mine.status}`)}
          </Tag>
          <span data-testid="signup-standing">{signupStanding(mine, t)}</span>
        </div>
        <Button block style={{ marginTop: 12 }} onClick={() => navigate('/signups')} data-testid="open-signups">
          {t('signups.title')}
        </Button>
      </Card>
    );

  async function submit() {
    setError('');
    try {
      await signUp.mutateAsync({ frontLine, ...(honourLevel ? { honourLevel } : {}) });
      Toast.show({ icon: 'success', content: t('signups.done') });
    } catch (e) {
      setError(programmeError(e, t));
    }
  }

  return (
    <Form
      layout="vertical"
      style={{ margin: '0 0 12px' }}
      data-testid="signup-form"
      footer={
        <>
          {error && (
            <div className="su-notice" role="alert" data-testid="signup-error" style={{ marginBottom: 12 }}>
              {error}
            </div>
          )}
          <Button
            block
            color="primary"
            size="large"
            disabled={!p.open}
            loading={signUp.isPending}
            onClick={() => void submit()}
            data-testid="sign-up"
          >
            {p.open ? t('signups.signUp') : t('programmes.notOpen')}
          </Button>
        </>
      }
    >
      <Form.Header>{t('signups.formTitle')}</Form.Header>
      <Form.Item
        label={<span id="front-line-label">{t('signups.frontLine')}</span>}
        description={t('signups.frontLineHint')}
        childElementPosition="right"
      >
        <Switch
          checked={frontLine}
          onChange={setFrontLine}
          aria-labelledby="front-line-label"
          data-testid="signup-front-line"
        />
      </Form.Item>
      {asksHonour && (
        <Form.Item label={t('signups.honourLevel')} description={t('signups.honourLevelHint')}>
          <Selector
            columns={3}
            options={honourLevels.map((l) => ({ value: l, label: t(`honourLevel.${l}`) }))}
            value={honourLevel ? [honourLevel] : []}
            onChange={(v) => setHonourLevel(v[0] ?? null)}
            data-testid="signup-honour-level"
          />
        </Form.Item>
      )}
    </Form>
  );
}
