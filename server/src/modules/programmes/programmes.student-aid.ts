import { shanghaiDate } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import * as repo from './model-workers.repository.js';
import { studentDetails, type StudentAidGroup } from './model-workers.schemas.js';
import type { NewKindApplication } from './programmes.kind-rules.js';
import { detailIssues, setKindColumns } from './programmes.model-workers.js';

/**
 * The school year (学年) an application made at `now` counts in, from 1 July (Asia/Shanghai): 金秋助学 is applied
 * for over the summer (July–September, admission letters arrive in July and August) for the year that starts in
 * September, so a summer application belongs to the coming school year; one made from January to June to the
 * current one. `2026-2027`.
 */
export function schoolYearOf(now: Date): string {
  const date = shanghaiDate(now);
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '07-01' ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

/**
 * 新就业形态劳动者: the occupations of platform work as the seeds name them (快递员, 外卖配送员, 网约车司机, 货车司机,
 * 家政服务人员). The member registry keeps the occupation as text (what staff type and import), so the group is
 * read from it.
 */
const platformWork = ['快递', '外卖', '骑手', '配送', '网约车', '货车司机', '货运司机', '代驾', '家政', '新就业形态'];

export interface GroupAnswer {
  group: StudentAidGroup;
  /** null: cannot be told yet. */
  eligible: boolean | null;
  reason: string;
}

/** Children of model workers: the member is on the register and was not disqualified (a deceased worker counts). */
async function modelWorkerChild(tx: Db, memberId: string): Promise<GroupAnswer> {
  const entry = await repo.modelWorkerOfMember(tx, memberId);
  if (!entry) return { group: 'model_worker_child', eligible: false, reason: 'not_on_register' };
  if (entry.status === 'disqualified') return { group: 'model_worker_child', eligible: false, reason: 'disqualified' };
  return { group: 'model_worker_child', eligible: true, reason: 'on_register' };
}

/** Children of platform workers: the member's occupation is platform work. */
export function platformWorkerChild(occupation: string | null): GroupAnswer {
  if (!occupation) return { group: 'platform_worker_child', eligible: false, reason: 'occupation_unknown' };
  return platformWork.some((w) => occupation.includes(w))
    ? { group: 'platform_worker_child', eligible: true, reason: 'platform_occupation' }
    : { group: 'platform_worker_child', eligible: false, reason: 'occupation_not_platform_work' };
}

/**
 * Children of archived hardship households (建档困难职工): the assistance archive (困难职工档案, issue 14) does not
 * exist yet, so this cannot be told: the answer is "unknown", never a guess. When the archive lands, this reads
 * whether the member's household is archived and not yet lifted out of hardship.
 */
export function hardshipHouseholdChild(): GroupAnswer {
  return { group: 'hardship_household_child', eligible: null, reason: 'assistance_archive_unavailable' };
}

async function answerFor(tx: Db, group: StudentAidGroup, member: { id: string; occupation: string | null }) {
  if (group === 'model_worker_child') return modelWorkerChild(tx, member.id);
  if (group === 'platform_worker_child') return platformWorkerChild(member.occupation);
  return hardshipHouseholdChild();
}

/**
 * 金秋助学 at apply time: the details name the student (name, school, enrolled or admitted, grade); the member (the
 * parent) belongs to one of the groups the programme names (409 NOT_ELIGIBLE with every group's answer otherwise);
 * one application per student and school year across programmes — the application's period becomes
 * `<school year>:<student>` (so two children of one member each apply) and it holds the same as its exclusive key.
 */
export async function studentAidAtApply(tx: Db, a: NewKindApplication): Promise<void> {
  const rules = a.rules.studentAid;
  if (!rules) return; // refused when the programme was created
  const details = studentDetails.safeParse(a.details);
  if (!details.success) throw detailIssues(details.error);
  const member = await repo.findMember(tx, a.memberId);
  if (!member) throw new AppError('NOT_FOUND');
  const answers: GroupAnswer[] = [];
  for (const group of rules.groups) answers.push(await answerFor(tx, group, member));
  if (!answers.some((g) => g.eligible === true))
    throw new AppError('NOT_ELIGIBLE', { reason: 'no_group', groups: answers });
  const schoolYear = schoolYearOf(a.now);
  const student = details.data.studentName.replace(/\s+/g, '');
  const period = `${schoolYear}:${student}`;
  const key = `student_aid:${period}`;
  await repo.lockExclusiveKey(tx, a.memberId, key);
  const held = await repo.liveApplicationWithKey(tx, a.memberId, key, a.id);
  const conflict = (applicationId?: string) =>
    new AppError('DUPLICATE_APPLICATION', { schoolYear, student, ...(applicationId ? { applicationId } : {}) });
  if (held) throw conflict(held.id);
  await setKindColumns(tx, a.id, { exclusiveKey: key, period }, conflict);
}
