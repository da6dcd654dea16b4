import { common } from './common.js';
import { orgs } from './orgs.js';
import { staff } from './staff.js';
import { members } from './members.js';
import { stations } from './stations.js';
import { legal } from './legal.js';
import { calendar } from './calendar.js';
import { perks } from './perks.js';
import { programmes } from './programmes.js';
import { modelWorkers } from './modelWorkers.js';
import { quota } from './quota.js';
import { programmeKinds } from './programmeKinds.js';
import { congresses } from './congresses.js';
import { participation } from './participation.js';
import { motions } from './motions.js';
import { scoring } from './scoring.js';
import { proposals } from './proposals.js';
import { hardshipImport } from './hardshipImport.js';
import { hardshipVisits } from './hardshipVisits.js';
import { hardship } from './hardship.js';
import { hardshipAid } from './hardshipAid.js';
import { aidCampaigns } from './aidCampaigns.js';
import { walks } from './walks.js';
import { stories } from './stories.js';
import { skills } from './skills.js';
import { questionnaires } from './questionnaires.js';
import { contests } from './contests.js';
import { awards } from './awards.js';
import { quizzes } from './quizzes.js';
import { polls } from './polls.js';

/** The console's words in en, one file per feature. */
export const en = {
  ...common,
  ...orgs,
  ...staff,
  ...members,
  ...stations,
  ...legal,
  ...calendar,
  ...perks,
  ...programmes,
  ...modelWorkers,
  ...quota,
  ...programmeKinds,
  ...congresses,
  ...participation,
  ...motions,
  ...scoring,
  ...proposals,
  ...hardshipImport,
  ...hardshipVisits,
  ...hardship,
  ...hardshipAid,
  ...aidCampaigns,
  ...walks,
  ...stories,
  ...skills,
  ...questionnaires,
  ...contests,
  ...awards,
  ...quizzes,
  ...polls,
};
