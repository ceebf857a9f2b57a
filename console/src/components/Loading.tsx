/** The loading state, on its own so the entry chunk does not pull in the tables of components/data. */
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return <div style={{ padding: 48, textAlign: 'center' }}><Spin tip={t('common.loading')}><div style={{ minHeight: 40 }} /></Spin></div>;
}
