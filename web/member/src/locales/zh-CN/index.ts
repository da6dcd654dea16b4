import { common } from './common.js';
import { membership } from './membership.js';
import { stations } from './stations.js';
import { legal } from './legal.js';
import { messages } from './messages.js';
import { perks } from './perks.js';

/** The member app's words in zh-CN, one file per feature (those of participation and programmes load with their pages: each feature's words.ts). */
export const zhCN = {
  ...common,
  ...membership,
  ...stations,
  ...legal,
  ...messages,
  ...perks,
};
