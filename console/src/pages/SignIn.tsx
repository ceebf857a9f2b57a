/** Username and password; a wrong one, or a locked account, is said in words on the form. */
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiFailure } from '../api/client';
import { messageOf } from '../components/errors';
import { setLanguage } from '../i18n';
import { useSessionState } from '../session';

interface Credentials {
  username: string;
  password: string;
}

export function SignIn() {
  const { t, i18n } = useTranslation();
  const { state, signIn } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Credentials>();
  if (state.phase === 'signedIn') return <Navigate to="/app" replace />;

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username.trim(), password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from.startsWith('/app/') ? from : '/app', { replace: true });
    } catch (err) {
      form.setFieldValue('password', '');
      if (err instanceof ApiFailure && err.code === 'INVALID_CREDENTIALS') setError(t('signIn.invalid'));
      else if (err instanceof ApiFailure && err.code === 'ACCOUNT_LOCKED') setError(t('signIn.locked', { minutes: Math.ceil((err.retryAfterSeconds ?? 60) / 60) }));
      else setError(messageOf(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f4fa', padding: 16 }}>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>{t('app.title')}</Typography.Title>
          <Select size="small" value={i18n.language} onChange={setLanguage} options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]} aria-label={t('app.language')} />
        </div>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} role="alert" data-testid="sign-in-error" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, message: t('signIn.usernameRequired') }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('signIn.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
