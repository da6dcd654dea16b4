import { setupI18n } from '../../shared/i18n';
import { en } from './locales/en/index.js';
import { zhCN } from './locales/zh-CN/index.js';

/**
 * The console's words: locales/<locale>/<feature>.ts, zh-CN first; each English file is typed by its Chinese one, so a
 * key missing in either fails the build. Words the server's exports and the member app share come from shared/labels.ts.
 */
export const i18n = setupI18n({ 'zh-CN': { translation: zhCN }, en: { translation: en } });
