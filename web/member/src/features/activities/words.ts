import i18next from 'i18next';
import { activities as activitiesEn } from '../../locales/en/activities';
import { activities } from '../../locales/zh-CN/activities';
import { polls as pollsEn } from '../../locales/en/polls';
import { polls } from '../../locales/zh-CN/polls';

/**
 * The activity pages' words, added when the first of those pages loads (each activities page that shows words
 * imports this module), so the first screen's JavaScript does not carry them (its budget: e2e/first-load.e2e.ts).
 * Each part adds its own locale file here, one line per language.
 */
const words = {
  'zh-CN': { ...activities, ...polls },
  en: { ...activitiesEn, ...pollsEn },
};
for (const [lng, bundle] of Object.entries(words)) i18next.addResourceBundle(lng, 'translation', bundle, true, false);
