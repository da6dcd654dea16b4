import { Button, Form, Input, Toast } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ok } from '../../../../shared/api';
import { api } from '../../api';
import { humanError } from '../../errors';
import { useSession } from '../../session';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [params] = useSearchParams();
  // Only same-app paths: a crafted ?next= must not send anyone elsewhere.
  const next = params.get('next')?.startsWith('/') && !params.get('next')?.startsWith('//') ? params.get('next')! : '/';
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [cooldown, setCooldown] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  const validPhone = /^1[3-9]\d{9}$/.test(phone);

  async function sendCode() {
    try {
      const res = await ok(api.POST('/api/v1/auth/sms-code', { body: { phone } }));
      setCooldown(res.cooldownSeconds);
      Toast.show({ content: t('codeSent') });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  async function login() {
    setBusy(true);
    try {
      const res = await ok(api.POST('/api/v1/auth/member-login', { body: { phone, code } }));
      api.setToken(res.token);
      await refresh();
      // "Code sent" must not linger over the page the member signed in to.
      Toast.clear();
      navigate(next, { replace: true });
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <NavBar
        back={null}
        right={
          <button
            type="button"
            className="su-link su-tap"
            onClick={() => void i18n.changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
          >
            {t('lang')}
          </button>
        }
      >
        {t('appName')}
      </NavBar>
      <div style={{ padding: '32px 16px 8px', textAlign: 'center' }}>
        <img src="/icon.svg" width={64} height={64} alt="" />
        <h2 style={{ margin: '12px 0 4px' }}>{t('appName')}</h2>
        <div className="su-muted">{t('slogan')}</div>
      </div>
      <Form
        layout="horizontal"
        footer={
          <Button
            block
            color="primary"
            size="large"
            loading={busy}
            disabled={!validPhone || !/^\d{6}$/.test(code)}
            onClick={() => void login()}
            data-testid="login"
          >
            {t('login')}
          </Button>
        }
      >
        <Form.Item label={t('phone')}>
          <Input
            type="tel"
            inputMode="numeric"
            maxLength={11}
            placeholder={t('phonePlaceholder')}
            value={phone}
            onChange={setPhone}
            data-testid="phone"
          />
        </Form.Item>
        <Form.Item
          label={t('code')}
          extra={
            <Button
              size="small"
              color="primary"
              fill="outline"
              className="su-tap"
              disabled={!validPhone || cooldown > 0}
              onClick={() => void sendCode()}
              data-testid="send-code"
            >
              {cooldown > 0 ? t('resendIn', { s: cooldown }) : t('sendCode')}
            </Button>
          }
        >
          <Input
            inputMode="numeric"
            maxLength={6}
            placeholder={t('codePlaceholder')}
            value={code}
            onChange={setCode}
            data-testid="code"
          />
        </Form.Item>
      </Form>
      <div style={{ textAlign: 'center', padding: 16 }}>
        <Link to="/field/login" className="su-link su-tap" data-testid="field-login-link">
          {t('fieldLogin')}
        </Link>
      </div>
    </div>
  );
}
