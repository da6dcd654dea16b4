import crypto from 'node:crypto';
import { z } from 'zod';
import { visibleOrNotFound } from '../../kernel/access.js';
import type { Membership, StaffPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { isUniqueViolation } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import { isWithin } from '../../kernel/org-tree.js';
import { audited, orgInScope } from '../../kernel/use-case.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { workbookOf } from '../../kernel/xlsx.js';
import * as repo from './breakfast.repository.js';
import { authorizeManagePerks } from './perks.policy.js';
import { merchantOf, perksScope } from './perks.service.js';
import * as perksRepo from './perks.repository.js';

const cardAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function cardCode(): string {
  return `BF${Array.from(crypto.randomBytes(10), (b) => cardAlphabet[b % cardAlphabet.length]).join('')}`;
}

/** Enrols a member of the org's subtree (e.g. a sanitation worker) in the org's breakfast programme. */
export async function enrolBreakfast(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: { orgId: string; memberId: string },
) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeManagePerks);
  const member = await repo.memberWithOrgPath(ctx.db, input.memberId);
  if (!member || !isWithin(member.orgPath, org.path)) throw new AppError('NOT_FOUND');
  try {
    const code = cardCode();
    const id = await audited(
      ctx,
      principal,
      (tx) =>
        repo.insertEnrolment(tx, {
          memberId: input.memberId,
          orgId: org.id,
          cardCode: code,
          enrolledBy: principal.staffId,
        }),
      (enrolmentId) => ({
        action: 'breakfast.enrol',
        objectType: 'breakfast_enrolment',
        objectId: enrolmentId,
        orgId: org.id,
        details: { memberId: input.memberId },
      }),
    );
    return { id, memberId: input.memberId, memberName: member.name, orgId: org.id, cardCode: code };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALREADY_ENROLLED');
    throw error;
  }
}

/** A partner shop of the programme run by `orgId` (and the programmes below it). */
export async function addBreakfastPartner(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: { orgId: string; merchantId: string },
) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeManagePerks);
  const merchant = visibleOrNotFound(await perksRepo.findMerchant(ctx.db, input.merchantId), principal);
  await audited(ctx, principal, (tx) => repo.upsertPartner(tx, merchant.id, org.id), {
    action: 'breakfast.partner',
    objectType: 'merchant',
    objectId: merchant.id,
    orgId: org.id,
  });
  return { merchantId: merchant.id, orgId: org.id };
}

export async function myBreakfastCard(ctx: AppContext, membership: Membership) {
  const card = await repo.cardOfMember(ctx.db, membership.memberId);
  if (!card) throw new AppError('NOT_FOUND');
  return {
    cardCode: card.cardCode,
    name: card.memberName,
    servedToday: await repo.servedOn(ctx.db, card.enrolmentId, shanghaiDate(ctx.clock.now())),
  };
}

/** The shop checks a card: one breakfast a day per card, at any partner shop of the card's programme chain. */
export async function serveBreakfast(ctx: AppContext, principal: StaffPrincipal, code: string) {
  const merchantId = await merchantOf(ctx, principal);
  const partnerPath = await repo.partnerOrgPath(ctx.db, merchantId);
  const card = await repo.cardByCode(ctx.db, code);
  // The shop partners a programme at the card's union or above it.
  if (!partnerPath || !card || !isWithin(card.orgPath, partnerPath)) throw new AppError('NOT_FOUND');
  const today = shanghaiDate(ctx.clock.now());
  await audited(
    ctx,
    principal,
    async (tx) => {
      if (
        !(await repo.serve(tx, {
          enrolmentId: card.enrolmentId,
          merchantId,
          servedOn: today,
          servedBy: principal.staffId,
        }))
      )
        throw new AppError('ALREADY_SERVED');
    },
    {
      action: 'breakfast.serve',
      objectType: 'breakfast_enrolment',
      objectId: card.enrolmentId,
      details: { merchantId },
    },
  );
  return { name: card.memberName, servedOn: today };
}

/** The shop's month of breakfasts: what the union settles with it. */
export async function breakfastSettlement(ctx: AppContext, principal: StaffPrincipal, month: string) {
  const merchantId = await merchantOf(ctx, principal);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const rows = await repo.servingsOf(ctx.db, merchantId, `${month}-01`, next);
  return {
    month,
    count: rows.length,
    workbook: () =>
      workbookOf(
        `${month} 爱心早餐`,
        [
          { header: '日期', key: 'servedOn', width: 12, kind: 'date' },
          { header: '时间', key: 'servedAt', width: 17, kind: 'datetime' },
          { header: '职工', key: 'memberName', width: 12 },
          { header: '早餐卡号', key: 'cardCode', width: 16, kind: 'text' },
        ],
        [...rows, { servedOn: '合计', servedAt: `${rows.length} 份`, memberName: '', cardCode: '' }],
      ),
  };
}

const enrolmentCursor = z.object({ createdAt: z.string(), id: z.uuid() });

const monthStart = (ctx: AppContext) => `${shanghaiDate(ctx.clock.now()).slice(0, 7)}-01`;

/** The workers enrolled in programmes of the subtree, with this month's breakfasts. */
export async function listEnrolments(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: { orgId?: string | undefined; q?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const scope = await perksScope(ctx, principal, q.orgId);
  const rows = await repo.enrolmentsInScope(
    ctx.db,
    { scope, q: q.q, monthStart: monthStart(ctx) },
    q.limit,
    decodeCursor(q.cursor, enrolmentCursor),
  );
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return {
    items: page.items.map((e) => ({
      id: e.id,
      memberId: e.memberId,
      memberName: e.memberName,
      org: { id: e.orgId, name: e.orgName },
      cardCode: e.cardCode,
      enrolledAt: e.createdAt.toISOString(),
      servedThisMonth: e.servedThisMonth,
    })),
    nextCursor: page.nextCursor,
  };
}

export async function listPartners(ctx: AppContext, principal: StaffPrincipal, q: { orgId?: string | undefined }) {
  const scope = await perksScope(ctx, principal, q.orgId);
  const rows = await repo.partnersInScope(ctx.db, scope, monthStart(ctx));
  return {
    items: rows.map((p) => ({
      merchantId: p.merchantId,
      merchantName: p.merchantName,
      address: p.address,
      org: { id: p.orgId, name: p.orgName },
      servedThisMonth: p.servedThisMonth,
    })),
  };
}
