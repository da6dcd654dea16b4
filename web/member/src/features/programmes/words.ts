import i18next from 'i18next';
import { programmeKinds as programmeKindsEn } from '../../locales/en/programmeKinds';
import { programmes as programmesEn } from '../../locales/en/programmes';
import { programmeKinds } from '../../locales/zh-CN/programmeKinds';
import { programmes } from '../../locales/zh-CN/programmes';

/**
 * The programme pages' words, added when the first of those pages loads (each programmes file that shows words
 * imports this module), so the first screen's JavaScript does not carry them (its budget: e2e/first-load.e2e.ts).
 * The home tiles' words stay in common.ts.
 */
const words = {
  'zh-CN': { ...programmes, ...programmeKinds },
  en: { ...programmesEn, ...programmeKindsEn },
};
for (const [lng, bundle] of Object.entries(words)) i18next.addResourceBundle(lng, 'translation', bundle, true, false);
