import { and, desc, eq, isNotNull, notExists, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { anyOf, before, containsText, within } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { modelWorkerChecks, modelWorkers } from './model-workers.tables.js';
import type { HonourLevel, ModelWorkerStatus } from './model-workers.schemas.js';
import { programmeApplications } from './programmes.tables.js';

export type NewModelWorker = typeof modelWorkers.$inferInsert;
export type NewCheck = typeof modelWorkerChecks.$inferInsert;

function selectModelWorkers(db: Db) {
  const m = modelWorkers;
  return db
    .select({
      id: m.id,
      memberId: m.memberId,
      memberName: members.name,
      memberPhoneMasked: members.phoneMasked,
      orgId: members.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      honourLevel: m.honourLevel,
      title: m.title,
      awardedYear: m.awardedYear,
      unit: m.unit,
      status: m.status,
      statusDate: m.statusDate,
      statusReason: m.statusReason,
      lastCheckedYear: sql<
        number | null
      >`(select max(${modelWorkerChecks.year}) from ${modelWorkerChecks} where ${modelWorkerChecks.modelWorkerId} = ${m.id})`.mapWith(
        (v: unknown) => (v === null ? null : Number(v)),
      ),
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    })
    .from(m)
    .innerJoin(members, eq(members.id, m.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .$dynamic();
}
export type ModelWorkerRow = Awaited<ReturnType<typeof selectModelWorkers>>[number];

export async function findModelWorker(db: Db, id: string): Promise<ModelWorkerRow | null> {
  const [row] = await selectModelWorkers(db).where(eq(modelWorkers.id, id));
  return row ?? null;
}

/** The register entry of a member, if any (what eligibility reads). */
export async function modelWorkerOfMember(db: Db, memberId: string) {
  const [row] = await db
    .select({ id: modelWorkers.id, honourLevel: modelWorkers.honourLevel, status: modelWorkers.status })
    .from(modelWorkers)
    .where(eq(modelWorkers.memberId, memberId));
  return row ?? null;
}

export interface ModelWorkerFilter {
  scope: string;
  status?: ModelWorkerStatus;
  honourLevel?: HonourLevel;
  memberId?: string;
  /** Active entries with no check for this year. */
  uncheckedIn?: number;
  /** Part of the member's name. */
  q?: string;
}

export async function listModelWorkers(
  db: Db,
  f: ModelWorkerFilter,
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<ModelWorkerRow[]> {
  const m = modelWorkers;
  return selectModelWorkers(db)
    .where(
      and(
        within(orgs.path, f.scope),
        f.status ? eq(m.status, f.status) : undefined,
        f.honourLevel ? eq(m.honourLevel, f.honourLevel) : undefined,
        f.memberId ? eq(m.memberId, f.memberId) : undefined,
        f.q ? containsText(members.name, f.q) : undefined,
        f.uncheckedIn !== undefined
          ? and(
              eq(m.status, 'active'),
              notExists(
                db
                  .select({ one: sql`1` })
                  .from(modelWorkerChecks)
                  .where(and(eq(modelWorkerChecks.modelWorkerId, m.id), eq(modelWorkerChecks.year, f.uncheckedIn))),
              ),
            )
          : undefined,
        after ? before(m.createdAt, m.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(limit + 1);
}

/** Inserts an entry; null when the member is on the register already (one entry per member). */
export async function insertModelWorker(db: Db, row: NewModelWorker): Promise<string | null> {
  const [created] = await db
    .insert(modelWorkers)
    .values(row)
    .onConflictDoNothing({ target: modelWorkers.memberId })
    .returning({ id: modelWorkers.id });
  return created?.id ?? null;
}

/** Entries of an import batch; answers the members written (those already on the register are skipped). */
export async function insertModelWorkersSkipping(db: Db, rows: NewModelWorker[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const created = await db
    .insert(modelWorkers)
    .values(rows)
    .onConflictDoNothing({ target: modelWorkers.memberId })
    .returning({ memberId: modelWorkers.memberId });
  return new Set(created.map((r) => r.memberId));
}

export async function updateModelWorker(db: Db, id: string, set: Partial<NewModelWorker>): Promise<void> {
  await db.update(modelWorkers).set(set).where(eq(modelWorkers.id, id));
}

/** Locks the entry's row until the transaction ends (edits and checks of one entry, one at a time). */
export async function lockModelWorker(db: Db, id: string) {
  const [row] = await db
    .select({
      status: modelWorkers.status,
      statusDate: modelWorkers.statusDate,
      statusReason: modelWorkers.statusReason,
    })
    .from(modelWorkers)
    .where(eq(modelWorkers.id, id))
    .for('update');
  return row ?? null;
}

/** The year's check; null when another check of that year got there first (once a year). */
export async function insertCheck(db: Db, row: NewCheck): Promise<string | null> {
  const [created] = await db
    .insert(modelWorkerChecks)
    .values(row)
    .onConflictDoNothing({ target: [modelWorkerChecks.modelWorkerId, modelWorkerChecks.year] })
    .returning({ id: modelWorkerChecks.id });
  return created?.id ?? null;
}

export async function checksOf(db: Db, modelWorkerId: string) {
  return db
    .select({
      id: modelWorkerChecks.id,
      year: modelWorkerChecks.year,
      outcome: modelWorkerChecks.outcome,
      note: modelWorkerChecks.note,
      checkedById: staff.id,
      checkedByName: sql<string>`coalesce(${staff.displayName}, ${staff.username})`,
      checkedAt: modelWorkerChecks.checkedAt,
    })
    .from(modelWorkerChecks)
    .innerJoin(staff, eq(staff.id, modelWorkerChecks.checkedBy))
    .where(eq(modelWorkerChecks.modelWorkerId, modelWorkerId))
    .orderBy(desc(modelWorkerChecks.year));
}

export async function hasCheck(db: Db, modelWorkerId: string, year: number): Promise<boolean> {
  const [row] = await db
    .select({ id: modelWorkerChecks.id })
    .from(modelWorkerChecks)
    .where(and(eq(modelWorkerChecks.modelWorkerId, modelWorkerId), eq(modelWorkerChecks.year, year)));
  return row !== undefined;
}

/** A member with their union's path (to check the caller's scope). */
export async function findMember(db: Db, id: string) {
  const [row] = await db
    .select({
      id: members.id,
      name: members.name,
      orgId: members.orgId,
      orgPath: orgs.path,
      occupation: members.occupation,
      employer: members.employer,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, id));
  return row ?? null;
}

/** Members of `scope`'s subtree with one of these phones or ID numbers (by their keyed hashes): an import's lookup. */
export async function membersByHashesWithin(db: Db, scope: string, phoneHashes: string[], idNumberHashes: string[]) {
  if (phoneHashes.length === 0 && idNumberHashes.length === 0) return [];
  return db
    .select({
      id: members.id,
      name: members.name,
      employer: members.employer,
      phoneHash: members.phoneHash,
      idNumberHash: members.idNumberHash,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        within(orgs.path, scope),
        or(
          phoneHashes.length > 0 ? anyOf(members.phoneHash, phoneHashes, 'text') : undefined,
          idNumberHashes.length > 0
            ? and(isNotNull(members.idNumberHash), anyOf(members.idNumberHash, idNumberHashes, 'text'))
            : undefined,
        ),
      ),
    );
}

// ————— what the programmes' kind rules read and write at apply time —————

/** Serialises applications of one member for one exclusive key (a fund and year) across programmes. */
export async function lockExclusiveKey(db: Db, memberId: string, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`exclusive:${key}`}), hashtext(${memberId}))`);
}

/** The member's live application (not rejected or withdrawn) holding `key`, other than `exceptId`. */
export async function liveApplicationWithKey(db: Db, memberId: string, key: string, exceptId: string) {
  const a = programmeApplications;
  const [row] = await db
    .select({ id: a.id, programmeId: a.programmeId })
    .from(a)
    .where(
      and(
        eq(a.memberId, memberId),
        eq(a.exclusiveKey, key),
        notInArray(a.status, ['rejected', 'withdrawn']),
        sql`${a.id} <> ${exceptId}::uuid`,
      ),
    );
  return row ?? null;
}

/** Writes what the kind's rules decide of a new application: its exclusive key, its amount, its period. */
export async function setApplicationKindColumns(
  db: Db,
  id: string,
  set: { exclusiveKey?: string; amountFen?: number; period?: string },
): Promise<void> {
  await db.update(programmeApplications).set(set).where(eq(programmeApplications.id, id));
}
