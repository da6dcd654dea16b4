import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { i18n } from './i18n';

/** dayjs follows the console's language: month and weekday names, and weeks from Monday in zh-CN (antd's pickers use it). */
function follow(language: string): void {
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
}

follow(i18n.language);
i18n.on('languageChanged', follow);
