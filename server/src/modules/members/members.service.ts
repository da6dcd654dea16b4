import { streamWorkbook } from '../../kernel/xlsx.js';
import { z } from 'zod';
import type { Membership, StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { isUniqueViolation, type Db } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/errors.js';
import { importInScope, presentJob, startImport } from '../../kernel/imports.js';
import { audit, audited, inScope, orgInScope, scopeOf } from '../../kernel/use-case.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { isIdNumber, isMobilePhone, maskIdNumber, maskPhone } from '../../kernel/pii.js';
import { buildErrorWorkbook, buildImportTemplate, memberColumnLabels, runMemberImport } from './members.import.js';
import type { Locale } from '../../kernel/i18n/messages.js';
import { authorizeManageMembers, authorizeReadMemberPii, authorizeSearchMembers } from './members.policy.js';
import * as repo from './members.repository.js';

export { maxImportBytes } from '../../kernel/imports.js';
const timeCursor = z.object({ createdAt: z.string(), id: z.uuid() });

export function presentMember(row: repo.MemberRow) {
  return {
    id: row.id,
    name: row.name,
    phone: row.phoneMasked,
    idNumber: row.idNumberMasked,
    employer: row.employer,
    occupation: row.occupation,
    org: { id: row.orgId, name: row.orgName },
    joinedAt: row.joinedAt.toISOString(),
  };
}

/** Encrypted columns for a new member; shared by registration and approved applications. */
export function memberSecrets(ctx: AppContext, phone: string, idNumber: string | undefined) {
  return {
    phoneHash: ctx.pii.blindIndex('phone', phone),
    phoneEnc: ctx.pii.encrypt(phone),
    phoneMasked: maskPhone(phone),
    idNumberHash: idNumber ? ctx.pii.blindIndex('id_number', idNumber) : null,
    idNumberEnc: idNumber ? ctx.pii.encrypt(idNumber) : null,
    idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
  };
}

/** Inserts a member inside the caller's transaction; 409 MEMBER_EXISTS when the phone or ID number is registered. */
export async function insertMemberOrConflict(tx: Db, row: repo.NewMember): Promise<string> {
  const existing = await repo.existingPhoneOrIdHashes(tx, [row.phoneHash], row.idNumberHash ? [row.idNumberHash] : []);
  if (existing.size > 0) throw new AppError('MEMBER_EXISTS');
  return repo.insertMember(tx, row);
}

export async function createMember(
  ctx: AppContext,
  principal: StaffPrincipal,
  input: {
    name: string;
    phone: string;
    orgId: string;
    idNumber?: string | undefined;
    employer?: string | undefined;
    occupation?: string | undefined;
  },
) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeManageMembers);
  try {
    const id = await audited(
      ctx,
      principal,
      (tx) =>
        insertMemberOrConflict(tx, {
          orgId: org.id,
          name: input.name,
          ...memberSecrets(ctx, input.phone, input.idNumber),
          employer: input.employer ?? null,
          occupation: input.occupation ?? null,
        }),
      (memberId) => ({ action: 'member.create', objectType: 'member', objectId: memberId, orgId: org.id }),
    );
    return presentMember((await repo.findMemberRow(ctx.db, id))!);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('MEMBER_EXISTS');
    throw error;
  }
}

function filterFor(ctx: AppContext, scope: string, q: string | undefined): repo.MemberFilter {
  if (!q) return { scope };
  if (isMobilePhone(q)) return { scope, phoneHash: ctx.pii.blindIndex('phone', q) };
  if (isIdNumber(q.toUpperCase())) return { scope, idNumberHash: ctx.pii.blindIndex('id_number', q.toUpperCase()) };
  return { scope, nameLike: q };
}

export async function listMembers(
  ctx: AppContext,
  principal: StaffPrincipal,
  query: { orgId?: string | undefined; q?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const scope = await scopeOf(ctx, principal, query.orgId, authorizeSearchMembers);
  const rows = await repo.listMemberRows(
    ctx.db,
    filterFor(ctx, scope, query.q),
    query.limit,
    decodeCursor(query.cursor, timeCursor),
  );
  const page = paginate(rows, query.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return { items: page.items.map(presentMember), nextCursor: page.nextCursor };
}

export async function getMember(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return presentMember(inScope(await repo.findMemberRow(ctx.db, id), principal, authorizeManageMembers));
}

/** The unmasked phone and ID number, for staff allowed to see them; the read itself is audited. */
export async function readMemberPii(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = inScope(await repo.findMemberRow(ctx.db, id), principal, authorizeReadMemberPii);
  const secrets = (await repo.findMemberSecrets(ctx.db, id))!;
  await audit(ctx, principal, {
    action: 'member.pii_read',
    objectType: 'member',
    objectId: id,
    orgId: row.orgId,
    details: { fields: secrets.idNumberEnc ? ['phone', 'idNumber'] : ['phone'] },
  });
  return {
    id,
    phone: ctx.pii.decrypt(secrets.phoneEnc),
    idNumber: secrets.idNumberEnc ? ctx.pii.decrypt(secrets.idNumberEnc) : null,
  };
}

export async function countMembersUnder(db: Db, path: string): Promise<number> {
  return repo.countMembers(db, path);
}

/** The kernel's MembershipResolver: member records of many signed-in phones in one query. */
export async function resolveMemberships(db: Db, phoneHashes: string[]): Promise<Map<string, Membership>> {
  return new Map((await repo.membershipsByPhoneHash(db, phoneHashes)).map(({ phoneHash, ...m }) => [phoneHash, m]));
}

/** Accepts the workbook, answers at once with a job; the rows are read in the background. */
export async function startMemberImport(
  ctx: AppContext,
  principal: StaffPrincipal,
  orgId: string,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  return startImport(ctx, principal, {
    kind: 'member_import',
    orgId,
    authorize: authorizeManageMembers,
    readUpload,
    run: (job, bytes) => runMemberImport(ctx, job, bytes),
  });
}

function importOf(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return importInScope(ctx, principal, id, 'member_import', authorizeManageMembers);
}

export async function getMemberImport(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  return presentJob(await importOf(ctx, principal, id), { locale, labels: memberColumnLabels });
}

export async function memberImportErrorsWorkbook(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  locale: Locale,
): Promise<Buffer> {
  return buildErrorWorkbook((await importOf(ctx, principal, id)).errors, locale);
}

export function memberImportTemplate(): Promise<Buffer> {
  return buildImportTemplate();
}

/** Streams the (masked) registry of a subtree as a workbook, page by page so memory stays flat. */
export async function exportMembers(
  ctx: AppContext,
  principal: StaffPrincipal,
  query: { orgId?: string | undefined; q?: string | undefined },
) {
  const scope = await scopeOf(ctx, principal, query.orgId, authorizeManageMembers);
  await audit(ctx, principal, {
    action: 'member.export',
    objectType: 'member',
    details: { scope, q: query.q ?? null },
  });
  const filter = filterFor(ctx, scope, query.q);
  async function* pages() {
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const rows = await repo.listMemberRows(ctx.db, filter, 1000, after);
      yield rows.slice(0, 1000).map((r) => ({
        name: r.name,
        phone: r.phoneMasked,
        idNumber: r.idNumberMasked,
        employer: r.employer,
        occupation: r.occupation,
        org: r.orgName,
        joinedAt: r.joinedAt,
      }));
      if (rows.length <= 1000) return;
      const last = rows[999]!;
      after = { createdAt: last.createdAt.toISOString(), id: last.id };
    }
  }
  // The joining time is a date cell in Shanghai time, not an ISO string.
  return streamWorkbook(
    '会员',
    [
      { header: '姓名', key: 'name', width: 12 },
      { header: '手机号', key: 'phone', width: 16, kind: 'text' },
      { header: '身份证号', key: 'idNumber', width: 22, kind: 'text' },
      { header: '工作单位', key: 'employer', width: 24 },
      { header: '职业', key: 'occupation', width: 12 },
      { header: '所属工会', key: 'org', width: 24 },
      { header: '入会时间', key: 'joinedAt', width: 17, kind: 'datetime' },
    ],
    pages(),
  );
}

/** The member's own card 电子会员证: what a worker shows at partner services. */
export async function getMemberCard(ctx: AppContext, membership: Membership) {
  const row = (await repo.findMemberRow(ctx.db, membership.memberId))!;
  return {
    memberId: row.id,
    cardNumber: row.id.replace(/-/g, '').slice(0, 12).toUpperCase(),
    name: row.name,
    phone: row.phoneMasked,
    org: { id: row.orgId, name: row.orgName },
    joinedAt: row.joinedAt.toISOString(),
  };
}
