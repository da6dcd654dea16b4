import { and, eq, sql as dsql } from 'drizzle-orm';
import { pgArray, queryRows, sql, type Db } from '../../kernel/db/client.js';
import { files } from '../../kernel/db/kernel.tables.js';
import { legalCaseAttachments, legalCases } from './legal.tables.js';

export type NewCase = typeof legalCases.$inferInsert;

export interface CaseRow {
  id: string;
  applicantId: string;
  applicantPhoneMasked: string;
  /** The name in the member registry of the applicant's phone; null for a worker who is not a member. */
  applicantName: string | null;
  kind: 'legal_aid' | 'mediation';
  category: 'unpaid_wages' | 'overtime_pay' | 'dismissal' | 'injury' | 'social_insurance' | 'other';
  description: string;
  amountClaimedFen: number | null;
  employerName: string;
  employerRegionCode: string;
  employerAddress: string | null;
  centerId: string;
  centerName: string;
  orgPath: string;
  routedToCenter: boolean;
  status: string;
  firstContactDueAt: Date;
  firstContactAt: Date | null;
  handlerId: string | null;
  handlerName: string | null;
  amountRecoveredFen: number | null;
  referredTo: 'arbitration' | 'court' | null;
  closedAt: Date | null;
  ratingScore: number | null;
  ratingComment: string | null;
  createdAt: Date;
}

const selectCase = sql`select c.id, c.applicant_id as "applicantId", w.phone_masked as "applicantPhoneMasked",
  (select m.name from members m where m.phone_hash = w.phone_hash) as "applicantName", c.kind, c.category, c.description,
  c.amount_claimed_fen::float8 as "amountClaimedFen", c.employer_name as "employerName", c.employer_region_code as "employerRegionCode",
  c.employer_address as "employerAddress", c.center_id as "centerId", o.name as "centerName", o.path::text as "orgPath",
  c.routed_to_center as "routedToCenter", c.status, c.first_contact_due_at as "firstContactDueAt", c.first_contact_at as "firstContactAt",
  c.handler_id as "handlerId", coalesce(h.display_name, h.username) as "handlerName", c.amount_recovered_fen::float8 as "amountRecoveredFen",
  c.referred_to as "referredTo", c.closed_at as "closedAt", c.rating_score as "ratingScore", c.rating_comment as "ratingComment", c.created_at as "createdAt"
  from legal_cases c join orgs o on o.id = c.center_id join worker_accounts w on w.id = c.applicant_id left join staff h on h.id = c.handler_id`;

function withDates(r: CaseRow): CaseRow {
  const d = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { ...r, firstContactDueAt: d(r.firstContactDueAt)!, firstContactAt: d(r.firstContactAt), closedAt: d(r.closedAt), createdAt: d(r.createdAt)! };
}

/**
 * The org that takes a case from an employer in `regionCode`: a service centre serving that county,
 * else its city, else its province (GB/T 2260: 610104 → 610100 → 610000); failing that, the
 * most local federation of the same chain, so the case waits in a queue and is never lost.
 */
export async function routeCase(db: Db, regionCode: string): Promise<{ id: string; toCenter: boolean } | null> {
  const chain = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  const [row] = await queryRows<{ id: string; kind: string }>(
    db,
    sql`select id, kind from orgs where region_code = any(array[${chain[0]}, ${chain[1]}, ${chain[2]}]::text[]) and kind in ('center', 'federation')
        order by case kind when 'center' then 0 else 1 end, array_position(array[${chain[0]}, ${chain[1]}, ${chain[2]}]::text[], region_code), depth desc, created_at
        limit 1`,
  );
  return row ? { id: row.id, toCenter: row.kind === 'center' } : null;
}

export async function insertCase(db: Db, row: NewCase): Promise<string> {
  const [created] = await db.insert(legalCases).values(row).returning({ id: legalCases.id });
  return created!.id;
}

/** Cases one applicant filed since `since` (the daily limit). */
export async function countCasesSince(db: Db, applicantId: string, since: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from legal_cases where applicant_id = ${applicantId} and created_at >= ${since}`,
  );
  return row?.n ?? 0;
}

export async function attachFiles(db: Db, caseId: string, fileIds: string[]): Promise<void> {
  if (fileIds.length > 0) await db.insert(legalCaseAttachments).values(fileIds.map((fileId) => ({ caseId, fileId })));
}

export async function ownedFileIds(db: Db, ownerId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from files where owner_kind = 'worker' and owner_id = ${ownerId} and id = any(${pgArray(ids)}::uuid[])`,
  );
  return new Set(rows.map((r) => r.id));
}

export async function attachmentsOf(db: Db, caseId: string) {
  return db
    .select({ id: files.id, fileName: files.fileName, mediaType: files.mediaType, sizeBytes: files.sizeBytes })
    .from(legalCaseAttachments)
    .innerJoin(files, eq(files.id, legalCaseAttachments.fileId))
    .where(eq(legalCaseAttachments.caseId, caseId));
}

export async function isAttachedTo(db: Db, caseId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ fileId: legalCaseAttachments.fileId })
    .from(legalCaseAttachments)
    .where(and(eq(legalCaseAttachments.caseId, caseId), eq(legalCaseAttachments.fileId, fileId)));
  return row !== undefined;
}

export async function findCase(db: Db, id: string): Promise<CaseRow | null> {
  const [row] = await queryRows<CaseRow>(db, sql`${selectCase} where c.id = ${id}`);
  return row ? withDates(row) : null;
}

export async function listCases(
  db: Db,
  f: { applicantId?: string; handlerId?: string; scope?: string; status?: string; overdue?: boolean },
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<CaseRow[]> {
  const parts = [sql`true`];
  if (f.applicantId) parts.push(sql`c.applicant_id = ${f.applicantId}`);
  if (f.handlerId) parts.push(sql`c.handler_id = ${f.handlerId}`);
  if (f.scope) parts.push(sql`o.path <@ ${f.scope}::ltree`);
  if (f.status === 'open') parts.push(sql`c.status not in ('closed', 'withdrawn')`);
  else if (f.status) parts.push(sql`c.status = ${f.status}`);
  if (f.overdue) parts.push(sql`c.first_contact_at is null and c.status in ('submitted', 'accepted', 'assigned') and c.first_contact_due_at < now()`);
  if (after) parts.push(sql`(c.created_at, c.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await queryRows<CaseRow>(db, sql`${selectCase} where ${sql.join(parts, sql` and `)} order by c.created_at desc, c.id desc limit ${limit + 1}`);
  return rows.map(withDates);
}

export async function updateCase(db: Db, id: string, patch: Partial<NewCase>): Promise<void> {
  if (Object.keys(patch).length > 0) await db.update(legalCases).set(patch).where(eq(legalCases.id, id));
}

/** Marks the first contact once; later contacts leave it. */
export async function markFirstContact(db: Db, id: string, at: Date): Promise<void> {
  await db
    .update(legalCases)
    .set({ firstContactAt: at })
    .where(dsql`${legalCases.id} = ${id} and ${legalCases.firstContactAt} is null`);
}

export async function caseStats(db: Db, scope: string) {
  const [row] = await queryRows<{
    cases: number;
    open: number;
    closed: number;
    recoveredFen: number;
    averageHoursToFirstContact: number | null;
    averageDaysToClose: number | null;
    overdueFirstContact: number;
    averageRating: number | null;
  }>(
    db,
    sql`select count(*)::int as cases,
          count(*) filter (where c.status not in ('closed', 'withdrawn'))::int as open,
          count(*) filter (where c.status = 'closed')::int as closed,
          coalesce(sum(c.amount_recovered_fen) filter (where c.status = 'closed'), 0)::float8 as "recoveredFen",
          round((avg(extract(epoch from c.first_contact_at - c.created_at)) / 3600)::numeric, 1)::float8 as "averageHoursToFirstContact",
          round((avg(extract(epoch from c.closed_at - c.created_at)) filter (where c.status = 'closed') / 86400)::numeric, 1)::float8 as "averageDaysToClose",
          count(*) filter (where c.first_contact_at is null and c.status in ('submitted', 'accepted', 'assigned') and c.first_contact_due_at < now())::int as "overdueFirstContact",
          round(avg(c.rating_score)::numeric, 2)::float8 as "averageRating"
        from legal_cases c join orgs o on o.id = c.center_id where o.path <@ ${scope}::ltree`,
  );
  return row!;
}

export async function findHandler(db: Db, staffId: string): Promise<{ active: boolean; roles: string[]; orgPath: string } | null> {
  const [row] = await queryRows<{ active: boolean; roles: string[]; orgPath: string }>(
    db,
    sql`select s.active, s.roles, o.path::text as "orgPath" from staff s join orgs o on o.id = s.org_id where s.id = ${staffId}`,
  );
  return row ?? null;
}

/** The applicant's phone as stored (ciphertext), for the audited unmasked read. */
export async function applicantPhoneEnc(db: Db, caseId: string): Promise<string | null> {
  const [row] = await queryRows<{ phoneEnc: string }>(
    db,
    sql`select w.phone_enc as "phoneEnc" from legal_cases c join worker_accounts w on w.id = c.applicant_id where c.id = ${caseId}`,
  );
  return row?.phoneEnc ?? null;
}

export interface HandlerRow {
  id: string;
  name: string;
  roles: string[];
  orgId: string;
  orgName: string;
}

/**
 * Who may take a centre's cases (what the assign action accepts): active case handlers of the centre's
 * subtree or above it (a district's handler may take a street centre's case), and the centre's own admins.
 */
export async function handlersOf(db: Db, centrePath: string, limit: number, after: { name: string; id: string } | null): Promise<HandlerRow[]> {
  return queryRows<HandlerRow>(
    db,
    sql`select * from (
          select s.id, coalesce(s.display_name, s.username) as name, s.roles, o.id as "orgId", o.name as "orgName"
          from staff s join orgs o on o.id = s.org_id
          where s.active and (
            ('case_handler' = any(s.roles) and (o.path <@ ${centrePath}::ltree or o.path @> ${centrePath}::ltree))
            or ('org_admin' = any(s.roles) and o.path <@ ${centrePath}::ltree))
        ) h
        where ${after ? sql`(h.name, h.id) > (${after.name}, ${after.id}::uuid)` : sql`true`}
        order by h.name, h.id limit ${limit + 1}`,
  );
}
