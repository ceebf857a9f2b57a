/**
 * Placeholder for the oversight issue's risk profiles (/oversight/risk/...) and investigation
 * cases (/cases...), built on other branches: the menu shows these entries only once the
 * gateway's /openapi.json publishes those routes, and their screens belong here then.
 */
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function OversightPlaceholder({ feature }: { feature: 'risk' | 'cases' }) {
  const { t } = useTranslation();
  return <Result status="info" title={t(`menu.investigator.${feature}`)} subTitle={t('oversight.pending')} />;
}
