import { z } from 'zod';
import { caseCategoryLabels, caseKindLabels, caseStatusLabels } from '../../../../shared/labels.js';
import type { Principal, StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { addWorkingDays } from '../../kernel/clock.js';
import { actorOf, audit, audited, orgInScope, scopeOf, workTime } from '../../kernel/use-case.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { checkUpload, readStoredFile, storeFile, withStagedFile, type FileToServe } from '../../kernel/files.js';
import { runIdempotent } from '../../kernel/idempotency.js';
import { checkDailyLimit } from '../../kernel/quota.js';
import { notify } from '../../kernel/notifications.js';
import { findRootOrg } from '../../kernel/org-tree.js';
import { decodeCursor, everyPage, paginate } from '../../kernel/pagination.js';
import { workbookOf } from '../../kernel/xlsx.js';
import {
  applyAction,
  availableActions,
  presentTimeline,
  initialColumns,
  recordStart,
  timelineOf,
  validateDefinition,
} from '../../kernel/workflow.js';
import {
  authorizeHandleCases,
  authorizeReadCaseFigures,
  canSeeCase,
  casePartiesOf,
  isFirstContactOverdue,
  mayHandleCase,
  mayRateCase,
} from './legal.policy.js';
import * as repo from './legal.repository.js';
import type { caseActionBody, fileCaseBody } from './legal.schemas.js';
import { legalCaseWorkflow } from './legal.workflow.js';

validateDefinition(legalCaseWorkflow);

export const maxEvidenceBytes = 10 * 1024 * 1024;
const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });

const noticeTitles: Record<string, string> = {
  submit: '您的申请已提交',
  accept: '您的申请已受理',
  assign: '已为您指派调解员/律师',
  contact: '调解员/律师已与您联系',
  agree: '已达成调解协议',
  refer: '案件已转交仲裁/法院（诉调对接）',
  withdraw: '您已撤回申请',
  close: '案件已办结，欢迎评价',
};

async function present(
  ctx: AppContext,
  principal: Principal,
  row: repo.CaseRow,
  withTimeline: boolean,
  attachments?: repo.AttachmentRow[],
) {
  const parties = casePartiesOf(principal, row);
  const timeline = withTimeline ? await timelineOf(ctx.db, legalCaseWorkflow, row.id) : undefined;
  return {
    id: row.id,
    kind: row.kind,
    category: row.category,
    description: row.description,
    amountClaimedFen: row.amountClaimedFen,
    employer: { name: row.employerName, regionCode: row.employerRegionCode, address: row.employerAddress },
    status: row.status as (typeof legalCaseWorkflow.states)[number],
    center: { id: row.centerId, name: row.centerName },
    routedToCenter: row.routedToCenter,
    applicant: { name: row.applicantName, phone: row.applicantPhoneMasked },
    handler: row.handlerId ? { id: row.handlerId, name: row.handlerName ?? '' } : null,
    amountRecoveredFen: row.amountRecoveredFen,
    referredTo: row.referredTo,
    firstContactDueAt: row.firstContactDueAt.toISOString(),
    firstContactAt: row.firstContactAt ? row.firstContactAt.toISOString() : null,
    overdue: isFirstContactOverdue(row, ctx.clock.now()),
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
    rating: row.ratingScore ? { score: row.ratingScore, comment: row.ratingComment } : null,
    attachments: attachments ?? (await repo.attachmentsOf(ctx.db, row.id)),
    actions: [
      ...availableActions(legalCaseWorkflow, row.status, parties),
      ...(mayRateCase(parties, row) ? ['rate'] : []),
    ],
    ...(timeline
      ? {
          timeline: presentTimeline(timeline),
        }
      : {}),
  };
}

/** Evidence (photos, PDFs) uploaded before filing; only its uploader can attach it. */
export async function uploadEvidence(
  ctx: AppContext,
  worker: WorkerPrincipal,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  const upload = await checkUpload(await readUpload(), { allowed: ['png', 'jpeg', 'pdf'], maxBytes: maxEvidenceBytes });
  const file = await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      worker,
      (tx) => storeFile(tx, staged, { ownerKind: 'worker', ownerId: worker.accountId }),
      (stored) => ({
        action: 'file.upload',
        objectType: 'file',
        objectId: stored.id,
        details: { mediaType: stored.mediaType, sizeBytes: stored.sizeBytes },
      }),
    ),
  );
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes };
}

/** Files a case, within the daily limits per applicant and per client address (a script must not flood a centre's queue). */
export async function fileCase(
  ctx: AppContext,
  worker: WorkerPrincipal,
  input: z.infer<typeof fileCaseBody>,
  idempotencyKey: string | undefined,
  clientAddress: string,
) {
  return runIdempotent(
    ctx.db,
    { principal: `worker:${worker.accountId}`, scope: 'legal_case.file', key: idempotencyKey, payload: input },
    async (tx) => {
      const quota = await checkDailyLimit(tx, ctx.addressQuotas, {
        kind: 'legal_case',
        limit: ctx.config.queueLimits.legalCases,
        applicant: worker.accountId,
        address: clientAddress,
        now: ctx.clock.now(),
        countSince: (since) => repo.countCasesSince(tx, worker.accountId, since),
      });
      const attachmentIds = [...new Set(input.attachmentIds ?? [])];
      const owned = await repo.ownedFileIds(tx, worker.accountId, attachmentIds);
      const foreign = attachmentIds.findIndex((id) => !owned.has(id));
      if (foreign >= 0) throw validationFailed([{ path: `attachmentIds.${foreign}`, code: 'invalid', message: '' }]);
      // Never lost: no centre or federation for the region → the root federation's queue.
      const route = (await repo.routeCase(tx, input.employer.regionCode)) ?? {
        id: (await findRootOrg(tx))!.id,
        toCenter: false,
      };
      const time = workTime(ctx);
      const id = await repo.insertCase(tx, {
        applicantId: worker.accountId,
        kind: input.kind,
        category: input.category,
        description: input.description,
        amountClaimedFen: input.amountClaimedFen ?? null,
        employerName: input.employer.name,
        employerRegionCode: input.employer.regionCode,
        employerAddress: input.employer.address ?? null,
        centerId: route.id,
        routedToCenter: route.toCenter,
        createdAt: time.now,
        firstContactDueAt: addWorkingDays(time.now, 1, time.calendar),
        ...initialColumns(legalCaseWorkflow, time),
      });
      await repo.attachFiles(tx, id, attachmentIds);
      await recordStart(tx, legalCaseWorkflow, id, {
        action: 'submit',
        actor: { kind: 'worker', id: worker.accountId },
        parties: ['applicant'],
        orgId: route.id,
        data: { routedToCenter: route.toCenter },
        time,
      });
      await notify(tx, {
        recipientKind: 'worker',
        recipientId: worker.accountId,
        title: noticeTitles.submit!,
        body: `案件已转至相关服务中心，将在1个工作日内与您联系。`,
        link: `/legal/cases/${id}`,
      });
      const row = (await repo.findCase(tx, id))!;
      await quota.count();
      return { statusCode: 201, body: await present({ ...ctx, db: tx }, worker, row, true) };
    },
  );
}

async function loadVisible(ctx: AppContext, principal: Principal, id: string): Promise<repo.CaseRow> {
  const row = await repo.findCase(ctx.db, id);
  if (!row || !canSeeCase(principal, row)) throw new AppError('NOT_FOUND');
  if (principal.kind === 'staff') authorizeReadCaseFigures(principal, row.orgPath);
  return row;
}

export async function getCase(ctx: AppContext, principal: Principal, id: string) {
  return present(ctx, principal, await loadVisible(ctx, principal, id), true);
}

/** One piece of a case's evidence, to whoever may read the case (the applicant, staff of the centre's subtree). */
export async function caseAttachment(
  ctx: AppContext,
  principal: Principal,
  caseId: string,
  fileId: string,
): Promise<FileToServe> {
  await loadVisible(ctx, principal, caseId);
  const file = (await repo.isAttachedTo(ctx.db, caseId, fileId))
    ? await readStoredFile(ctx.db, ctx.fileStorage, fileId)
    : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

/** The applicant's unmasked phone, for the staff who handle the case; every read is audited. */
export async function readApplicantPhone(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await loadVisible(ctx, principal, id);
  authorizeHandleCases(principal, row.orgPath);
  const phoneEnc = await repo.applicantPhoneEnc(ctx.db, id);
  if (!phoneEnc) throw new AppError('NOT_FOUND');
  await audit(ctx, principal, {
    action: 'legal_case.applicant_phone_read',
    objectType: 'legal_case',
    objectId: id,
    orgId: row.centerId,
    details: { fields: ['phone'] },
  });
  return { id, phone: ctx.pii.decrypt(phoneEnc) };
}

const handlerCursor = z.object({ name: z.string(), id: z.uuid() });

/** The staff a centre's case can be assigned to, for its handlers' assign dialog. */
export async function listCentreHandlers(
  ctx: AppContext,
  principal: StaffPrincipal,
  centreId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  const centre = await orgInScope(ctx, principal, centreId, authorizeHandleCases);
  const rows = await repo.handlersOf(ctx.db, centre.path, q.limit, decodeCursor(q.cursor, handlerCursor));
  const page = paginate(rows, q.limit, (r) => ({ name: r.name, id: r.id }));
  return {
    items: page.items.map((r) => ({ id: r.id, name: r.name, roles: r.roles, org: { id: r.orgId, name: r.orgName } })),
    nextCursor: page.nextCursor,
  };
}

export async function listCases(
  ctx: AppContext,
  principal: Principal,
  q: {
    mine?: 'true' | 'false' | undefined;
    status?: string | undefined;
    centerId?: string | undefined;
    overdue?: 'true' | 'false' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = decodeCursor(q.cursor, timeCursor);
  const filter = { ...(q.status ? { status: q.status } : {}), ...(q.overdue === 'true' ? { overdue: true } : {}) };
  let rows: repo.CaseRow[];
  if (principal.kind === 'worker') {
    // An applicant's list is their own cases (`mine=true`): there is no other list for them.
    rows = await repo.listCases(ctx.db, { ...filter, applicantId: principal.accountId }, q.limit, after);
  } else {
    const scope = await scopeOf(ctx, principal, q.centerId, authorizeReadCaseFigures);
    // Staff: the queue of the subtree, or with `mine=true` the cases assigned to them.
    rows = await repo.listCases(
      ctx.db,
      { ...filter, scope, ...(q.mine === 'true' ? { handlerId: principal.staffId } : {}) },
      q.limit,
      after,
    );
  }
  const page = paginate(rows, q.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  // One query for the page's attachments, not one per case.
  const attachments = await repo.attachmentsOfCases(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return {
    items: await Promise.all(page.items.map((r) => present(ctx, principal, r, false, attachments.get(r.id) ?? []))),
    nextCursor: page.nextCursor,
  };
}

/** A handler must be staff who may handle cases of this centre. */
async function checkHandler(ctx: AppContext, row: repo.CaseRow, handlerId: string): Promise<void> {
  if (!mayHandleCase(await repo.findHandler(ctx.db, handlerId), row))
    throw validationFailed([{ path: 'handlerId', code: 'invalid', message: '' }]);
}

export async function actOnCase(
  ctx: AppContext,
  principal: Principal,
  id: string,
  body: z.infer<typeof caseActionBody>,
) {
  const row = await loadVisible(ctx, principal, id);
  // Staff of the subtree without the handler's role: 403, as before any workflow question.
  if (principal.kind === 'staff') authorizeHandleCases(principal, row.orgPath);
  const parties = casePartiesOf(principal, row);
  if (body.action === 'assign') await checkHandler(ctx, row, body.handlerId);
  const time = workTime(ctx);
  const now = time.now;
  await ctx.db.transaction(async (tx) => {
    const data: Record<string, unknown> = {};
    if (body.action === 'assign') data.handlerId = body.handlerId;
    if (body.action === 'agree') data.amountRecoveredFen = body.amountRecoveredFen;
    if (body.action === 'refer') data.to = body.to;
    await applyAction(tx, legalCaseWorkflow, id, body.action, {
      actor: actorOf(principal),
      parties,
      orgId: row.centerId,
      note: body.note ?? null,
      data,
      time,
    });
    if (body.action === 'assign') await repo.updateCase(tx, id, { handlerId: body.handlerId });
    if (body.action === 'contact') await repo.markFirstContact(tx, id, now);
    if (body.action === 'agree') await repo.updateCase(tx, id, { amountRecoveredFen: body.amountRecoveredFen });
    if (body.action === 'refer') await repo.updateCase(tx, id, { referredTo: body.to });
    if (body.action === 'close') await repo.updateCase(tx, id, { closedAt: now });
    await notify(tx, {
      recipientKind: 'worker',
      recipientId: row.applicantId,
      title: noticeTitles[body.action]!,
      body: body.note ?? '',
      link: `/legal/cases/${id}`,
    });
  });
  return present(ctx, principal, (await repo.findCase(ctx.db, id))!, true);
}

export async function rateCase(
  ctx: AppContext,
  worker: WorkerPrincipal,
  id: string,
  input: { score: number; comment?: string | undefined },
) {
  const row = await loadVisible(ctx, worker, id);
  if (row.status !== 'closed') throw new AppError('INVALID_TRANSITION', { status: row.status, action: 'rate' });
  if (row.ratingScore) throw new AppError('ALREADY_RATED');
  await audited(
    ctx,
    worker,
    (tx) =>
      repo.updateCase(tx, id, {
        ratingScore: input.score,
        ratingComment: input.comment ?? null,
        ratedAt: ctx.clock.now(),
      }),
    {
      action: 'legal_case.rate',
      objectType: 'legal_case',
      objectId: id,
      orgId: row.centerId,
      details: { score: input.score },
    },
  );
  return { score: input.score, comment: input.comment ?? null };
}

export async function caseFigures(ctx: AppContext, principal: StaffPrincipal, centerId: string | undefined) {
  const scope = await scopeOf(ctx, principal, centerId, authorizeReadCaseFigures);
  return repo.caseStats(ctx.db, scope);
}

/** The ledger says what the console's screen says (shared/labels.ts). */
const categoryLabel: Record<string, string> = caseCategoryLabels['zh-CN'];
const statusLabel: Record<string, string> = caseStatusLabels['zh-CN'];
const kindLabel: Record<string, string> = caseKindLabels['zh-CN'];

/** The centre's case ledger as a workbook (every page of the queue's filter). */
export async function exportCases(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: { status?: string | undefined; centerId?: string | undefined; overdue?: 'true' | 'false' | undefined },
) {
  const rows = await everyPage(
    (cursor) => listCases(ctx, principal, { ...q, limit: 100, cursor }),
    (c) => ({
      createdAt: c.createdAt,
      kind: kindLabel[c.kind],
      category: categoryLabel[c.category],
      employer: c.employer.name,
      applicant: c.applicant.name ?? '',
      applicantPhone: c.applicant.phone,
      center: c.center.name,
      status: statusLabel[c.status],
      handler: c.handler?.name ?? '',
      claimed: c.amountClaimedFen,
      recovered: c.amountRecoveredFen,
      firstContactAt: c.firstContactAt,
      overdue: c.overdue ? '超期' : '',
      rating: c.rating?.score ?? null,
    }),
  );
  return workbookOf(
    '案件台账',
    [
      { header: '申请时间', key: 'createdAt', width: 17, kind: 'datetime' },
      { header: '类型', key: 'kind', width: 14 },
      { header: '案由', key: 'category', width: 10 },
      { header: '用人单位', key: 'employer', width: 26 },
      { header: '申请人', key: 'applicant', width: 10 },
      { header: '联系电话', key: 'applicantPhone', width: 14 },
      { header: '承办中心', key: 'center', width: 22 },
      { header: '状态', key: 'status', width: 12 },
      { header: '承办人', key: 'handler', width: 12 },
      { header: '请求金额（元）', key: 'claimed', width: 14, kind: 'money' },
      { header: '追回金额（元）', key: 'recovered', width: 14, kind: 'money' },
      { header: '首次联系', key: 'firstContactAt', width: 17, kind: 'datetime' },
      { header: '首联超期', key: 'overdue', width: 10 },
      { header: '评价', key: 'rating', width: 6 },
    ],
    rows,
  );
}
