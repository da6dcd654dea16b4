import i18next from 'i18next';
import { duties as dutiesEn } from '../../locales/en/duties';
import { motions as motionsEn } from '../../locales/en/motions';
import { participation as participationEn } from '../../locales/en/participation';
import { proposals as proposalsEn } from '../../locales/en/proposals';
import { representative as representativeEn } from '../../locales/en/representative';
import { duties } from '../../locales/zh-CN/duties';
import { motions } from '../../locales/zh-CN/motions';
import { participation } from '../../locales/zh-CN/participation';
import { proposals } from '../../locales/zh-CN/proposals';
import { representative } from '../../locales/zh-CN/representative';

/**
 * The participation pages' words, added when the first of those pages loads (each page imports this module), so the
 * first screen's JavaScript does not carry them (its budget: e2e/first-load.e2e.ts). The home tiles' words stay in
 * common.ts.
 */
const words = {
  'zh-CN': { ...representative, ...participation, ...motions, ...duties, ...proposals },
  en: { ...representativeEn, ...participationEn, ...motionsEn, ...dutiesEn, ...proposalsEn },
};
for (const [lng, bundle] of Object.entries(words)) i18next.addResourceBundle(lng, 'translation', bundle, true, false);
