import { common } from './common.js';
import { membership } from './membership.js';
import { stations } from './stations.js';
import { legal } from './legal.js';
import { messages } from './messages.js';
import { perks } from './perks.js';
import { programmes } from './programmes.js';
import { programmeKinds } from './programmeKinds.js';

/** The member app's words in en, one file per feature. */
export const en = {
  ...common,
  ...membership,
  ...stations,
  ...legal,
  ...messages,
  ...perks,
  ...programmes,
  ...programmeKinds,
};
