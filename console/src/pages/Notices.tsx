/** Whole-screen notices: session expired, no access to this page, no such page. */
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

export function Expired() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="session-expired">
    <Result
      status="warning"
      title={t('session.expiredTitle')}
      subTitle={t('session.expiredText')}
      extra={<Button type="primary" onClick={() => navigate('/app/sign-in', { replace: true })}>{t('session.signInAgain')}</Button>}
    />
    </div>
  );
}

export function NoAccess() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="no-access">
    <Result
      status="403"
      title={t('noAccess.title')}
      subTitle={t('noAccess.text')}
      extra={<Button type="primary" onClick={() => navigate('/app', { replace: true })}>{t('noAccess.home')}</Button>}
    />
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return <Result status="404" title="404" subTitle={t('notFound.text')} extra={<Button onClick={() => navigate('/app')}>{t('noAccess.home')}</Button>} />;
}
