/**
 * Org admins: who they are, and the sign-in passwords of their org's users (set or reset, which
 * ends the user's open sessions; or removed). Enrolment, tokens and the registry stay in the API.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { ErrorAlert, showFieldErrors } from '../components/errors';
import { useSession } from '../session';

interface PasswordForm {
  name: string;
  password: string;
  again: string;
}

function Passwords() {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const run = async (call: () => Promise<{ user: string; sessionsEnded: number }>, message: string) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const result = await call();
      setDone(t(message, { user: result.user, sessions: result.sessionsEnded }));
      form.resetFields(['password', 'again']);
    } catch (err) {
      // The user name is the path's: a 404 or its field error belongs to that field.
      if (!showFieldErrors(form, err, (f) => (f === 'path.name' ? 'name' : f))) setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = ({ name, password }: PasswordForm) =>
    void run(() => answer(api.POST('/admin/users/{name}/password', { params: { path: { name: name.trim() } }, body: { password } })), 'admin.passwordSet');
  const remove = async () => {
    const { name } = await form.validateFields(['name']);
    await run(() => answer(api.DELETE('/admin/users/{name}/password', { params: { path: { name: name.trim() } } })), 'admin.passwordRemoved');
  };
  return (
    <Card title={t('admin.passwords')} style={{ maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">{t('admin.passwordsText')}</Typography.Paragraph>
      <ErrorAlert error={error} onClose={() => setError(undefined)} />
      {done && <Alert type="success" showIcon message={done} style={{ marginBottom: 16 }} data-testid="password-done" />}
      <Form<PasswordForm> form={form} name="passwords" layout="vertical" onFinish={set}>
        <Form.Item name="name" label={t('admin.user')} rules={[{ required: true, whitespace: true }]}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="password" label={t('admin.newPassword')} rules={[{ required: true }]}><Input.Password autoComplete="new-password" /></Form.Item>
        <Form.Item name="again" label={t('admin.again')} dependencies={['password']} rules={[
          { required: true },
          ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('admin.mismatch')))) }),
        ]}><Input.Password autoComplete="new-password" /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="set-password">{t('admin.setPassword')}</Button>
          <Popconfirm title={t('admin.removeConfirm')} onConfirm={() => void remove()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
            <Button danger loading={busy}>{t('admin.removePassword')}</Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}

export default function AdminHome() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('admin.title')}>
        <Descriptions column={1} items={[
          { key: 'u', label: t('admin.user'), children: session.username },
          { key: 'o', label: t('admin.org'), children: session.mspId },
          { key: 'i', label: t('admin.institution'), children: session.institutionId ?? '—' },
        ]} />
        <Typography.Paragraph>{t('admin.text')} <a href="/docs">/docs</a></Typography.Paragraph>
      </Card>
      <Passwords />
    </Space>
  );
}
