import i18next from 'i18next';
import { activities as activitiesEn } from '../../locales/en/activities';
import { activities } from '../../locales/zh-CN/activities';
import { quizzes as quizzesEn } from '../../locales/en/quizzes';
import { quizzes } from '../../locales/zh-CN/quizzes';

/**
 * The activity pages' words, added when the first of those pages loads (each activities page that shows words
 * imports this module), so the first screen's JavaScript does not carry them (its budget: e2e/first-load.e2e.ts).
 * Each part adds its own locale file here, one line per language.
 */
const words = {
  'zh-CN': { ...activities, ...quizzes },
  en: { ...activitiesEn, ...quizzesEn },
};
for (const [lng, bundle] of Object.entries(words)) i18next.addResourceBundle(lng, 'translation', bundle, true, false);
