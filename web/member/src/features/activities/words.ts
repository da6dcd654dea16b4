import i18next from 'i18next';
import { activities as activitiesEn } from '../../locales/en/activities';
import { activities } from '../../locales/zh-CN/activities';
import { stories as storiesEn } from '../../locales/en/stories';
import { stories } from '../../locales/zh-CN/stories';
import { awards as awardsEn } from '../../locales/en/awards';
import { awards } from '../../locales/zh-CN/awards';
import { skills as skillsEn } from '../../locales/en/skills';
import { skills } from '../../locales/zh-CN/skills';
import { walks as walksEn } from '../../locales/en/walks';
import { walks } from '../../locales/zh-CN/walks';
import { questionnaires as questionnairesEn } from '../../locales/en/questionnaires';
import { questionnaires } from '../../locales/zh-CN/questionnaires';
import { contests as contestsEn } from '../../locales/en/contests';
import { contests } from '../../locales/zh-CN/contests';
import { quizzes as quizzesEn } from '../../locales/en/quizzes';
import { quizzes } from '../../locales/zh-CN/quizzes';
import { polls as pollsEn } from '../../locales/en/polls';
import { polls } from '../../locales/zh-CN/polls';

/**
 * The activity pages' words, added when the first of those pages loads (each activities page that shows words
 * imports this module), so the first screen's JavaScript does not carry them (its budget: e2e/first-load.e2e.ts).
 * Each part adds its own locale file here, one line per language.
 */
const words: [zhCN: object, en: object][] = [
  // One line per part: [zh-CN, en].
  [activities, activitiesEn],
  [stories, storiesEn],
  [awards, awardsEn],
  [skills, skillsEn],
  [walks, walksEn],
  [questionnaires, questionnairesEn],
  [contests, contestsEn],
  [quizzes, quizzesEn],
  [polls, pollsEn],
];
for (const [zhCN, en] of words) {
  i18next.addResourceBundle('zh-CN', 'translation', zhCN, true, false);
  i18next.addResourceBundle('en', 'translation', en, true, false);
}
