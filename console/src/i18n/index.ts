/** i18next with the two dictionaries: Chinese by default, English on request, remembered per browser. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

const STORAGE_KEY = 'rxchain.language';
export const LANGUAGES = ['zh-CN', 'en'] as const;

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(language: string): void {
  const next = language === 'en' ? 'en' : 'zh-CN';
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  void i18n.changeLanguage(next);
}

export default i18n;
