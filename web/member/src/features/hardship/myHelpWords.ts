import i18next from 'i18next';
import { myHelp as myHelpEn } from '../../locales/en/myHelp';
import { myHelp } from '../../locales/zh-CN/myHelp';

/**
 * The help record's words, added when its page loads (the page imports this module), so the first screen's JavaScript
 * does not carry them (its budget: e2e/first-load.e2e.ts). The home tile's word stays in common.ts.
 */
const words = { 'zh-CN': myHelp, en: myHelpEn };
for (const [lng, bundle] of Object.entries(words)) i18next.addResourceBundle(lng, 'translation', bundle, true, false);
