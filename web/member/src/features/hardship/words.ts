import i18next from 'i18next';
import { field as fieldEn } from '../../locales/en/field';
import { field } from '../../locales/zh-CN/field';

/**
 * The field worker's words, added when the first field page loads (each imports this module): the first screen's
 * JavaScript does not carry them (its budget: e2e/first-load.e2e.ts). Deep-merged: `field.*` labels join common's.
 */
for (const [lng, bundle] of Object.entries({ 'zh-CN': field, en: fieldEn }))
  i18next.addResourceBundle(lng, 'translation', bundle, true, false);
