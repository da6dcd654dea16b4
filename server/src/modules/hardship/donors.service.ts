import { donorKindLabels } from '../../../../shared/labels.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { isUniqueViolation } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import { maskName, maskPhone } from '../../kernel/pii.js';
import { audit, audited, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { workbookOf } from '../../kernel/xlsx.js';
import { listAidOfDonor } from './aid.repository.js';
import * as repo from './donors.repository.js';
import type { DonorBody, DonorPatch, DonorView, ListDonorsQuery } from './donors.schemas.js';
import { authorizeReadAssistance, authorizeRunAssistance } from './hardship.policy.js';
import { mayRun, readableHousehold } from './plans.service.js';

function presentDonor(principal: StaffPrincipal, row: repo.DonorRow): DonorView {
  const mayEdit = mayRun(principal, row.orgPath);
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    name: row.name,
    kind: row.kind,
    contactName: row.contactName,
    contactPhone: row.contactPhone === null ? null : mayEdit ? row.contactPhone : maskPhone(row.contactPhone),
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    gave: { count: row.giftCount, totalFen: row.giftTotalFen, lastGivenOn: row.lastGivenOn },
    mayEdit,
  };
}

async function uniqueName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('DONOR_EXISTS');
    throw error;
  }
}

/** An assistance officer adds a donor unit to their union's alliance (409 DONOR_EXISTS on a name already there). */
export async function createDonor(ctx: AppContext, principal: StaffPrincipal, input: DonorBody) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeRunAssistance);
  const id = await uniqueName(() =>
    audited(
      ctx,
      principal,
      (tx) =>
        repo.insertDonor(tx, {
          orgId: org.id,
          name: input.name,
          kind: input.kind,
          contactName: input.contactName ?? null,
          contactPhone: input.contactPhone ?? null,
          note: input.note ?? null,
          createdAt: ctx.clock.now(),
        }),
      (donorId) => ({
        action: 'hardship.donor.create',
        objectType: 'hardship_donor',
        objectId: donorId,
        orgId: org.id,
        details: { name: input.name, kind: input.kind },
      }),
    ),
  );
  return getDonor(ctx, principal, id);
}

export async function updateDonor(ctx: AppContext, principal: StaffPrincipal, id: string, patch: DonorPatch) {
  const donor = inScope(await repo.findDonor(ctx.db, id), principal, authorizeRunAssistance);
  await uniqueName(() =>
    audited(ctx, principal, (tx) => repo.updateDonor(tx, donor.id, patch), {
      action: 'hardship.donor.update',
      objectType: 'hardship_donor',
      objectId: donor.id,
      orgId: donor.orgId,
      details: { fields: Object.keys(patch) },
    }),
  );
  return getDonor(ctx, principal, id);
}

/** A donor with what it gave: every help recorded with it, households masked. */
export async function getDonor(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const donor = inScope(await repo.findDonor(ctx.db, id), principal, authorizeReadAssistance);
  const gifts = await listAidOfDonor(ctx.db, donor.id);
  return {
    ...presentDonor(principal, donor),
    gifts: gifts.map((g) => ({
      id: g.id,
      householdId: g.householdId,
      head: maskName(g.headName),
      householdOrg: g.householdOrgName,
      kind: g.kind,
      amountFen: g.amountFen,
      description: g.description,
      givenOn: g.givenOn,
      campaign: g.campaignId && g.campaignTitle ? { id: g.campaignId, title: g.campaignTitle } : null,
    })),
  };
}

/**
 * The donors of a subtree with what each gave; or, with `householdId`, those who may give to that household — of its
 * union or a union above it (the select of the aid form).
 */
export async function listDonors(ctx: AppContext, principal: StaffPrincipal, q: ListDonorsQuery) {
  const filter: repo.DonorFilter = q.q ? { q: q.q } : {};
  if (q.householdId) filter.servingPath = (await readableHousehold(ctx, principal, q.householdId)).orgPath;
  else filter.scope = await scopeOf(ctx, principal, q.orgId, authorizeReadAssistance);
  const rows = await repo.listDonors(ctx.db, filter);
  return { items: rows.map((r) => presentDonor(principal, r)), nextCursor: null };
}

export async function exportDonors(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: Omit<ListDonorsQuery, 'householdId'>,
) {
  const { items } = await listDonors(ctx, principal, q);
  await audit(ctx, principal, {
    action: 'hardship.donor.export',
    objectType: 'hardship_donor',
    objectId: null,
    orgId: principal.orgId,
    details: { rows: items.length, ...q },
  });
  const kinds = donorKindLabels['zh-CN'];
  return workbookOf(
    '爱心联盟单位',
    [
      { header: '单位名称', key: 'name', width: 28 },
      { header: '类型', key: 'kind', width: 12 },
      { header: '所属工会', key: 'org', width: 22 },
      { header: '联系人', key: 'contactName', width: 10 },
      { header: '联系电话', key: 'contactPhone', width: 16, kind: 'text' },
      { header: '帮扶次数', key: 'count', width: 10 },
      { header: '帮扶金额（元）', key: 'total', width: 14, kind: 'money' },
      { header: '最近帮扶日期', key: 'lastGivenOn', width: 14, kind: 'date' },
      { header: '备注', key: 'note', width: 30 },
    ],
    items.map((d) => ({
      name: d.name,
      kind: kinds[d.kind],
      org: d.org.name,
      contactName: d.contactName,
      contactPhone: d.contactPhone,
      count: d.gave.count,
      total: d.gave.totalFen,
      lastGivenOn: d.gave.lastGivenOn,
      note: d.note,
    })),
  );
}
