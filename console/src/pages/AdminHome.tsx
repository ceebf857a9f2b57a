/** Org admins enrol users and run the registry through the API; the console shows who they are and where that lives. */
import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';

export default function AdminHome() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Card title={t('admin.title')}>
      <Descriptions column={1} items={[
        { key: 'u', label: t('admin.user'), children: session.username },
        { key: 'o', label: t('admin.org'), children: session.mspId },
        { key: 'i', label: t('admin.institution'), children: session.institutionId ?? '—' },
      ]} />
      <Typography.Paragraph>{t('admin.text')} <a href="/docs">/docs</a></Typography.Paragraph>
    </Card>
  );
}
