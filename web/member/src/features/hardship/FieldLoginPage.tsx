import { Button, Form, Input, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { fieldSignIn } from './fieldApi';
import './words';

/**
 * 帮扶调查员登录: union staff, social workers and volunteers (role assistance_worker, each bound to a union) sign in
 * with the username and password their union gave them (POST /api/v1/auth/staff-login), apart from any member
 * signed in on the same phone.
 */
export function FieldLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Only field paths: a crafted ?next= must not send anyone elsewhere.
  const next = params.get('next')?.startsWith('/field') ? params.get('next')! : '/field';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  async function login() {
    setBusy(true);
    try {
      await fieldSignIn(username.trim(), password);
      navigate(next, { replace: true });
    } catch (e) {
      Toast.show({ content: humanError(e, t, { username: 'username', password: 'password' }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <NavBar onBack={() => navigate('/login')}>{t('survey.login.title')}</NavBar>
      <div style={{ padding: '24px 16px 8px', textAlign: 'center' }}>
        <img src="/icon.svg" width={56} height={56} alt="" />
        <h2 style={{ margin: '12px 0 4px' }}>{t('survey.appName')}</h2>
        <div className="su-muted">{t('survey.login.hint')}</div>
      </div>
      <Form
        layout="horizontal"
        onFinish={() => void login()}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={busy}
            disabled={!username.trim() || !password}
            data-testid="field-login"
          >
            {t('survey.login.submit')}
          </Button>
        }
      >
        <Form.Item label={t('survey.login.username')}>
          <Input
            aria-label={t('survey.login.username')}
            autoComplete="username"
            placeholder={t('survey.login.usernamePlaceholder')}
            value={username}
            onChange={setUsername}
            data-testid="field-username"
          />
        </Form.Item>
        <Form.Item label={t('survey.login.password')}>
          <Input
            aria-label={t('survey.login.password')}
            type="password"
            autoComplete="current-password"
            placeholder={t('survey.login.passwordPlaceholder')}
            value={password}
            onChange={setPassword}
            data-testid="field-password"
          />
        </Form.Item>
      </Form>
    </div>
  );
}
