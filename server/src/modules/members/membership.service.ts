import { z } from 'zod';
import type { Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { checkDailyLimit } from '../../kernel/quota.js';
import { findOrg } from '../../kernel/org-tree.js';
import { actorOf, scopeOf, workTime } from '../../kernel/use-case.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { maskIdNumber } from '../../kernel/pii.js';
import {
  applyAction,
  availableActions,
  presentTimeline,
  initialColumns,
  isOverdue,
  recordStart,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import { applicationParties, authorizeManageMembers, canSeeApplication } from './members.policy.js';
import * as repo from './members.repository.js';
import { insertMemberOrConflict, memberSecrets } from './members.service.js';
import { membershipWorkflow } from './membership.workflow.js';

validateDefinition(membershipWorkflow);

const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });

async function present(ctx: AppContext, principal: Principal, row: repo.ApplicationRow, withTimeline: boolean) {
  const timeline = withTimeline ? await timelineOf(ctx.db, membershipWorkflow, row.id) : undefined;
  const parties = applicationParties(principal, row);
  return {
    id: row.id,
    status: row.status as 'submitted' | 'approved' | 'rejected' | 'withdrawn',
    org: { id: row.orgId, name: row.orgName },
    name: row.name,
    phone: row.phoneMasked,
    idNumber: row.idNumberMasked,
    employer: row.employer,
    occupation: row.occupation,
    createdAt: row.createdAt.toISOString(),
    dueAt: row.dueAt ? row.dueAt.toISOString() : null,
    overdue: row.status === 'submitted' && isOverdue(row.dueAt, ctx.clock.now()),
    memberId: row.memberId,
    actions: availableActions(membershipWorkflow, row.status, parties),
    ...(timeline
      ? {
          timeline: presentTimeline(timeline),
        }
      : {}),
  };
}

export async function submitApplication(
  ctx: AppContext,
  principal: WorkerPrincipal,
  input: {
    orgId: string;
    name: string;
    idNumber?: string | undefined;
    employer?: string | undefined;
    occupation?: string | undefined;
  },
  idempotencyKey: string | undefined,
  clientAddress: string,
) {
  const answer = await runIdempotent(
    ctx.db,
    {
      principal: `worker:${principal.accountId}`,
      scope: 'membership_application.submit',
      key: idempotencyKey,
      payload: input,
    },
    async (tx) => {
      if (principal.membership) throw new AppError('ALREADY_MEMBER');
      const org = await findOrg(tx, input.orgId);
      if (!org || org.kind !== 'grassroots') {
        throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'orgId', code: 'org_out_of_scope', message: '' }] });
      }
      // Also serialises this worker's submissions, so two at once cannot both find none pending.
      const quota = await checkDailyLimit(tx, ctx.addressQuotas, {
        kind: 'membership_application',
        limit: ctx.config.queueLimits.membershipApplications,
        applicant: principal.accountId,
        address: clientAddress,
        now: ctx.clock.now(),
        countSince: (since) => repo.countApplicationsSince(tx, principal.accountId, since),
      });
      if (await repo.pendingApplicationOf(tx, principal.accountId)) throw new AppError('APPLICATION_PENDING');
      const id = await repo.insertApplication(tx, {
        accountId: principal.accountId,
        orgId: org.id,
        name: input.name,
        idNumberHash: input.idNumber ? ctx.pii.blindIndex('id_number', input.idNumber) : null,
        idNumberEnc: input.idNumber ? ctx.pii.encrypt(input.idNumber) : null,
        idNumberMasked: input.idNumber ? maskIdNumber(input.idNumber) : null,
        employer: input.employer ?? null,
        occupation: input.occupation ?? null,
        createdAt: ctx.clock.now(),
        ...initialColumns(membershipWorkflow, workTime(ctx)),
      });
      await recordStart(tx, membershipWorkflow, id, {
        action: 'submit',
        actor: { kind: 'worker', id: principal.accountId },
        parties: ['applicant'],
        orgId: org.id,
        time: workTime(ctx),
      });
      const row = (await repo.findApplicationRow(tx, id))!;
      await quota.count();
      return { statusCode: 201, body: await present({ ...ctx, db: tx }, principal, row, true) };
    },
  );
  return answer;
}

async function loadVisible(ctx: AppContext, principal: Principal, id: string) {
  const row = await repo.findApplicationRow(ctx.db, id);
  if (!row || !canSeeApplication(principal, row)) throw new AppError('NOT_FOUND');
  if (principal.kind === 'staff') authorizeManageMembers(principal, row.orgPath);
  return row;
}

export async function getApplication(ctx: AppContext, principal: Principal, id: string) {
  return present(ctx, principal, await loadVisible(ctx, principal, id), true);
}

export async function listApplications(
  ctx: AppContext,
  principal: Principal,
  query: {
    mine?: 'true' | 'false' | undefined;
    status?: string | undefined;
    orgId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = decodeCursor(query.cursor, timeCursor);
  let rows: repo.ApplicationRow[];
  if (principal.kind === 'worker') {
    rows = await repo.listApplicationRows(
      ctx.db,
      { accountId: principal.accountId, ...(query.status ? { status: query.status } : {}) },
      query.limit,
      after,
    );
  } else {
    const scope = await scopeOf(ctx, principal, query.orgId, authorizeManageMembers);
    rows = await repo.listApplicationRows(
      ctx.db,
      { scope, ...(query.status ? { status: query.status } : {}) },
      query.limit,
      after,
    );
  }
  const page = paginate(rows, query.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return {
    items: await Promise.all(page.items.map((r) => present(ctx, principal, r, false))),
    nextCursor: page.nextCursor,
  };
}

/** approve → the applicant becomes a member of the union applied to, in the same transaction. */
export async function actOnApplication(
  ctx: AppContext,
  principal: Principal,
  id: string,
  action: 'approve' | 'reject' | 'withdraw',
  note: string | undefined,
) {
  const row = await loadVisible(ctx, principal, id);
  const parties = applicationParties(principal, row);
  await ctx.db.transaction(async (tx) => {
    await applyAction(tx, membershipWorkflow, id, action, {
      actor: actorOf(principal),
      parties,
      orgId: row.orgId,
      note: note ?? null,
      time: workTime(ctx),
    });
    if (action === 'approve') {
      const account = (await repo.accountPhone(tx, row.accountId))!;
      const phone = ctx.pii.decrypt(account.phoneEnc);
      const idNumber = row.idNumberEnc ? ctx.pii.decrypt(row.idNumberEnc) : undefined;
      const memberId = await insertMemberOrConflict(tx, {
        orgId: row.orgId,
        name: row.name,
        ...memberSecrets(ctx, phone, idNumber),
        employer: row.employer,
        occupation: row.occupation,
      });
      await repo.linkApplicationMember(tx, id, memberId);
    }
  });
  return present(ctx, principal, (await repo.findApplicationRow(ctx.db, id))!, true);
}

export type { StaffPrincipal };
