import { z } from 'zod';
import { aidKindLabels, aidSeasonLabels, hardshipLevelLabels } from '../../../../shared/labels.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { isUniqueViolation, type Db } from '../../kernel/db/client.js';
import { AppError, validationFailed, type FieldIssue } from '../../kernel/errors.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { isWithin } from '../../kernel/org-tree.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { audit, audited, auditIn, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { workbookOf } from '../../kernel/xlsx.js';
import * as repo from './campaigns.repository.js';
import type {
  AddTargetsBody,
  CampaignView,
  CreateCampaignBody,
  DistributeBody,
  ListCampaignsQuery,
  ListTargetsQuery,
} from './campaigns.schemas.js';
import { authorizeReadAssistance, authorizeRunAssistance } from './hardship.policy.js';
import type { HardshipState } from './hardship.workflow.js';

/**
 * 四季送 seasonal campaigns: 春送岗位, 夏送清凉, 秋送助学, 冬送温暖. A union's campaign has a budget and a target list
 * drawn from the archives of its subtree; each household on the list receives once (the partial unique index on
 * hardship_aid), by its member card or chosen from the list, and the spend never passes the budget (kept on the
 * campaign row, under its lock, in the distribution's transaction). A household not on the list gets nothing: the
 * list is the campaign's decision, made before the distribution day (409 NOT_A_TARGET).
 */

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });
const targetCursor = z.object({ addedAt: z.string(), id: z.uuid() });

function present(row: repo.CampaignRow): CampaignView {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    season: row.season,
    year: row.year,
    title: row.title,
    status: row.status,
    budgetFen: row.budgetFen,
    spentFen: row.spentFen,
    leftFen: row.budgetFen - row.spentFen,
    targets: row.targets,
    reached: row.reached,
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** The campaign, 404 outside the caller's subtree, then the role (403). */
async function campaignInScope(
  db: Db,
  principal: StaffPrincipal,
  id: string,
  authorize: (p: StaffPrincipal, path: string) => void,
) {
  return inScope(await repo.findCampaign(db, id), principal, authorize);
}

/** Locks the campaign's row; a closed campaign takes no more changes (409 CAMPAIGN_CLOSED). */
async function lockOpen(tx: Db, id: string) {
  const locked = (await repo.lockCampaign(tx, id))!;
  if (locked.status !== 'open') throw new AppError('CAMPAIGN_CLOSED');
  return locked;
}

export async function createCampaign(ctx: AppContext, principal: StaffPrincipal, input: CreateCampaignBody) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunAssistance);
  const id = await audited(
    ctx,
    principal,
    (tx) =>
      repo.insertCampaign(tx, {
        orgId: org.id,
        season: input.season,
        year: input.year,
        title: input.title,
        budgetFen: input.budgetFen,
        status: 'open',
        createdBy: principal.staffId,
        createdAt: ctx.clock.now(),
      }),
    (campaignId) => ({
      action: 'aid_campaign.create',
      objectType: 'aid_campaign',
      objectId: campaignId,
      orgId: org.id,
      details: { season: input.season, year: input.year, budgetFen: input.budgetFen },
    }),
  );
  return present((await repo.findCampaign(ctx.db, id))!);
}

export async function listCampaigns(ctx: AppContext, principal: StaffPrincipal, q: ListCampaignsQuery) {
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeReadAssistance);
  const rows = await repo.listCampaigns(
    ctx.db,
    { scope, year: q.year, season: q.season, status: q.status },
    q.limit,
    decodeCursor(q.cursor, timeCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

export async function getCampaign(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return present(await campaignInScope(ctx.db, principal, id, authorizeReadAssistance));
}

/** Ends the campaign: no more targets or distributions; its report stays. Closed already: 409 CAMPAIGN_CLOSED. */
export async function closeCampaign(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const campaign = await campaignInScope(ctx.db, principal, id, authorizeRunAssistance);
  await audited(
    ctx,
    principal,
    async (tx) => {
      await lockOpen(tx, id);
      await repo.closeCampaign(tx, id, ctx.clock.now());
    },
    { action: 'aid_campaign.close', objectType: 'aid_campaign', objectId: id, orgId: campaign.orgId },
  );
  return present((await repo.findCampaign(ctx.db, id))!);
}

// ——— the target list ———

/**
 * Puts households of the campaign's subtree on its list: named ones (each must be archived, or helped case by case
 * when `includeCaseByCase`; any other → 400 naming it, nothing added), or every such household of the archives at a
 * level and region (the others are simply not matched). Households already listed count as `alreadyListed`.
 */
export async function addTargets(ctx: AppContext, principal: StaffPrincipal, id: string, input: AddTargetsBody) {
  const campaign = await campaignInScope(ctx.db, principal, id, authorizeRunAssistance);
  const statuses: HardshipState[] = input.includeCaseByCase ? ['archived', 'case_by_case'] : ['archived'];
  return audited(
    ctx,
    principal,
    async (tx) => {
      await lockOpen(tx, id);
      const at = ctx.clock.now();
      let added: number;
      let alreadyListed: number;
      if (input.householdIds) {
        const ids = [...new Set(input.householdIds)];
        const found = new Map((await repo.householdsByIds(tx, ids)).map((h) => [h.id, h]));
        const issues: FieldIssue[] = [];
        input.householdIds.forEach((householdId, i) => {
          const h = found.get(householdId);
          if (!h || !isWithin(h.orgPath, campaign.orgPath))
            issues.push({ path: `householdIds.${i}`, code: 'not_in_scope', message: '' });
          else if (!statuses.includes(h.status))
            issues.push({ path: `householdIds.${i}`, code: 'not_archived', message: '' });
        });
        if (issues.length > 0) throw validationFailed(issues);
        added = await repo.insertTargets(tx, id, ids, at);
        alreadyListed = ids.length - added;
      } else {
        const r = await repo.insertTargetsFromArchives(
          tx,
          id,
          {
            scope: campaign.orgPath,
            statuses,
            level: input.fromArchives!.level,
            regionPrefix: input.fromArchives!.regionCode,
          },
          at,
        );
        added = r.added;
        alreadyListed = r.matched - r.added;
      }
      return { added, alreadyListed, targets: await repo.countTargets(tx, id) };
    },
    (r) => ({
      action: 'aid_campaign.add_targets',
      objectType: 'aid_campaign',
      objectId: id,
      orgId: campaign.orgId,
      details: {
        added: r.added,
        ...(input.fromArchives ? { fromArchives: input.fromArchives } : {}),
        ...(input.includeCaseByCase ? { includeCaseByCase: true } : {}),
      },
    }),
  );
}

export async function listTargets(ctx: AppContext, principal: StaffPrincipal, id: string, q: ListTargetsQuery) {
  await campaignInScope(ctx.db, principal, id, authorizeReadAssistance);
  const rows = await repo.listTargets(
    ctx.db,
    id,
    { received: q.received === undefined ? undefined : q.received === 'true', q: q.q },
    q.limit,
    decodeCursor(q.cursor, targetCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ addedAt: r.addedAt.toISOString(), id: r.householdId }));
  return {
    items: page.items.map((r) => ({
      household: {
        id: r.householdId,
        headName: r.headName,
        idNumberMasked: r.idNumberMasked,
        regionCode: r.regionCode,
        address: r.address,
        status: r.status,
        level: r.level,
        org: { id: r.orgId, name: r.orgName },
      },
      addedAt: r.addedAt.toISOString(),
      received:
        r.aidId && r.kind && r.givenOn && r.via && r.recordedBy && r.aidCreatedAt
          ? {
              id: r.aidId,
              kind: r.kind,
              amountFen: r.amountFen,
              description: r.description ?? '',
              givenOn: r.givenOn,
              via: r.via,
              recordedBy: { staffId: r.recordedBy, username: r.recorderName ?? '' },
              createdAt: r.aidCreatedAt.toISOString(),
            }
          : null,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Takes a household off the list before it received anything (after: 409 ALREADY_RECEIVED); not on it: 404. */
export async function removeTarget(ctx: AppContext, principal: StaffPrincipal, id: string, householdId: string) {
  const campaign = await campaignInScope(ctx.db, principal, id, authorizeRunAssistance);
  await audited(
    ctx,
    principal,
    async (tx) => {
      await lockOpen(tx, id);
      if (await repo.distributionFor(tx, id, householdId)) throw new AppError('ALREADY_RECEIVED');
      if ((await repo.deleteTarget(tx, id, householdId)) === 0) throw new AppError('NOT_FOUND');
    },
    {
      action: 'aid_campaign.remove_target',
      objectType: 'aid_campaign',
      objectId: id,
      orgId: campaign.orgId,
      details: { householdId },
    },
  );
}

// ——— distribution ———

function presentDistribution(row: repo.DistributionRow) {
  return {
    id: row.id,
    campaignId: row.campaignId!,
    household: { id: row.householdId, headName: row.headName, idNumberMasked: row.idNumberMasked },
    kind: row.kind,
    amountFen: row.amountFen,
    description: row.description,
    givenOn: row.givenOn,
    via: row.via,
    recordedBy: { staffId: row.recordedBy, username: row.recorderName },
    createdAt: row.createdAt.toISOString(),
  };
}

/** The household a distribution names, by id or by the member card's code: 404 when none in the campaign's subtree. */
async function householdToServe(tx: Db, campaignId: string, scope: string, input: DistributeBody) {
  if (input.householdId) return repo.householdInCampaign(tx, campaignId, input.householdId, scope);
  const member = await repo.memberByCardCode(tx, input.memberCardCode!);
  return member ? repo.householdOfMember(tx, campaignId, member, scope) : null;
}

/**
 * Records what one household on the list received from the campaign (a hardship_aid row with `campaign_id`), once:
 * 409 ALREADY_RECEIVED the second time; the amount within what is left of the budget (409 CAP_EXCEEDED
 * `{cap: 'budget', leftFen}`); 409 NOT_A_TARGET for a household of the subtree not on the list; 409 CAMPAIGN_CLOSED.
 * The campaign's row is locked first, so simultaneous distributions run one after the other and the spend is exact.
 * A retry with the same Idempotency-Key gets the first answer.
 */
export async function distribute(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: DistributeBody,
  idempotencyKey: string | undefined,
) {
  const campaign = await campaignInScope(ctx.db, principal, id, authorizeRunAssistance);
  const today = shanghaiDate(ctx.clock.now());
  if (input.givenOn && input.givenOn > today)
    throw validationFailed([{ path: 'givenOn', code: 'future_date', message: '' }]);
  try {
    const answer = await runIdempotent(
      ctx.db,
      {
        principal: `staff:${principal.staffId}`,
        scope: 'aid_campaign.distribute',
        key: idempotencyKey,
        payload: { campaignId: id, ...input },
      },
      async (tx) => {
        const locked = await lockOpen(tx, id);
        const household = await householdToServe(tx, id, campaign.orgPath, input);
        if (!household) throw new AppError('NOT_FOUND');
        const earlier = await repo.distributionFor(tx, id, household.id);
        if (earlier) throw new AppError('ALREADY_RECEIVED', { householdId: household.id, givenOn: earlier.givenOn });
        if (!household.listed) throw new AppError('NOT_A_TARGET', { householdId: household.id });
        // Listed while in assistance, since closed (out of hardship) or reopened as a lead: no longer served.
        if (household.status !== 'archived' && household.status !== 'case_by_case')
          throw new AppError('HOUSEHOLD_NOT_ASSISTED', { householdId: household.id, status: household.status });
        const amountFen = input.amountFen ?? 0;
        const leftFen = locked.budgetFen - locked.spentFen;
        if (amountFen > leftFen) throw new AppError('CAP_EXCEEDED', { cap: 'budget', leftFen });
        const aidId = await repo.insertDistribution(tx, {
          householdId: household.id,
          orgId: campaign.orgId,
          kind: input.kind,
          amountFen: input.amountFen ?? null,
          description: input.description,
          givenOn: input.givenOn ?? today,
          campaignId: id,
          via: input.memberCardCode ? 'card' : 'list',
          recordedBy: principal.staffId,
          createdAt: ctx.clock.now(),
        });
        if (amountFen > 0) await repo.addSpent(tx, id, amountFen);
        await auditIn(ctx, tx, principal, {
          action: 'aid_campaign.distribute',
          objectType: 'hardship_aid',
          objectId: aidId,
          orgId: campaign.orgId,
          details: { campaignId: id, householdId: household.id, kind: input.kind, amountFen },
        });
        const body = {
          ...presentDistribution(await repo.findDistribution(tx, aidId)),
          campaign: present((await repo.findCampaign(tx, id))!),
        };
        return { statusCode: 201, body };
      },
    );
    return answer.body;
  } catch (error) {
    // Aid recorded with this campaign by another path at the same moment: the partial unique index.
    if (isUniqueViolation(error)) throw new AppError('ALREADY_RECEIVED');
    throw error;
  }
}

// ——— report and export ———

export async function campaignReport(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await campaignInScope(ctx.db, principal, id, authorizeReadAssistance);
  const campaign = present(row);
  const [byKind, byUnion] = await Promise.all([
    repo.spendByKind(ctx.db, id),
    repo.spendByUnion(ctx.db, id, row.orgPath),
  ]);
  return {
    campaign,
    budgetFen: campaign.budgetFen,
    spentFen: campaign.spentFen,
    leftFen: campaign.leftFen,
    targets: campaign.targets,
    reached: campaign.reached,
    byKind,
    byUnion: byUnion.map((u) => ({
      org: { id: u.id, name: u.name },
      targets: u.targets,
      reached: u.reached,
      amountFen: u.amountFen,
    })),
  };
}

/** 发放台账: who got what (ID numbers masked), with the totals, the budget and what is left; audited. */
export async function exportDistributions(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await campaignInScope(ctx.db, principal, id, authorizeReadAssistance);
  const campaign = present(row);
  const rows = await repo.distributionsOf(ctx.db, id);
  const kinds = aidKindLabels['zh-CN'];
  const levels = hardshipLevelLabels['zh-CN'];
  await audit(ctx, principal, {
    action: 'aid_campaign.export',
    objectType: 'aid_campaign',
    objectId: id,
    orgId: row.orgId,
    details: { rows: rows.length },
  });
  const paid = rows.reduce((sum, r) => sum + (r.amountFen ?? 0), 0);
  return workbookOf(
    `${aidSeasonLabels['zh-CN'][campaign.season]}发放台账`.slice(0, 31),
    [
      { header: '序号', key: 'n', width: 6 },
      { header: '户主', key: 'headName', width: 10 },
      { header: '身份证号', key: 'idNumber', width: 22, kind: 'text' },
      { header: '困难类别', key: 'level', width: 10 },
      { header: '所属工会', key: 'org', width: 22 },
      { header: '发放内容', key: 'kind', width: 12 },
      { header: '说明', key: 'description', width: 30 },
      { header: '金额（元）', key: 'amount', width: 12, kind: 'money' },
      { header: '发放日期', key: 'givenOn', width: 12, kind: 'date' },
      { header: '方式', key: 'via', width: 8 },
      { header: '经办人', key: 'recorder', width: 14 },
    ],
    [
      ...rows.map((r, i) => ({
        n: i + 1,
        headName: r.headName,
        idNumber: r.idNumberMasked,
        level: r.level ? levels[r.level] : '',
        org: r.orgName,
        kind: kinds[r.kind],
        description: r.description,
        amount: r.amountFen,
        givenOn: r.givenOn,
        via: r.via === 'card' ? '扫会员卡' : '名单选择',
        recorder: r.recorderName,
      })),
      { n: '合计', headName: `${rows.length} 户`, amount: paid },
      { n: '预算', amount: campaign.budgetFen },
      { n: '结余', amount: campaign.leftFen },
    ],
  );
}
