import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** zh-CN first, en second; the choice is remembered per device. */
export function setupI18n(resources: Resource): typeof i18next {
  const saved = localStorage.getItem('su.lang');
  const lng = saved === 'en' || saved === 'zh-CN' ? saved : navigator.language.startsWith('en') ? 'en' : 'zh-CN';
  void i18next
    .use(initReactI18next)
    .init({ resources, lng, fallbackLng: 'zh-CN', interpolation: { escapeValue: false } });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
    localStorage.setItem('su.lang', l);
  });
  return i18next;
}
