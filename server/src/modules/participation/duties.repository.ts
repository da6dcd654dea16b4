import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.js';
import { files, orgs } from '../../kernel/db/kernel.tables.js';
import { before } from '../../kernel/db/operators.js';
import { members } from '../members/index.js';
import { congresses, congressRepresentatives } from './congresses.tables.js';
import { dutyRecordPhotos, dutyRecords } from './duties.tables.js';
import type { DutyState } from './duties.workflow.js';

export type NewDutyRecord = typeof dutyRecords.$inferInsert;

const congressOrgs = alias(orgs, 'congress_org');
const memberOrgs = alias(orgs, 'member_org');

function selectDuties(db: Db) {
  const d = dutyRecords;
  return db
    .select({
      id: d.id,
      congressId: d.congressId,
      congressOrgId: congresses.orgId,
      congressStatus: congresses.status,
      /** The congress's org: whose staff run the record. */
      orgPath: congressOrgs.path,
      representativeId: d.representativeId,
      memberId: congressRepresentatives.memberId,
      memberName: members.name,
      memberOrgId: members.orgId,
      memberOrgName: memberOrgs.name,
      indicatorCode: d.indicatorCode,
      occurredOn: d.occurredOn,
      note: d.note,
      enteredBy: d.enteredBy,
      rejectReason: d.rejectReason,
      status: d.status,
      createdAt: d.createdAt,
    })
    .from(d)
    .innerJoin(congresses, eq(congresses.id, d.congressId))
    .innerJoin(congressOrgs, eq(congressOrgs.id, congresses.orgId))
    .innerJoin(congressRepresentatives, eq(congressRepresentatives.id, d.representativeId))
    .innerJoin(members, eq(members.id, congressRepresentatives.memberId))
    .innerJoin(memberOrgs, eq(memberOrgs.id, members.orgId))
    .$dynamic();
}
export type DutyRow = Awaited<ReturnType<typeof selectDuties>>[number];

export async function findDuty(db: Db, id: string): Promise<DutyRow | null> {
  const [row] = await selectDuties(db).where(eq(dutyRecords.id, id));
  return row ?? null;
}

export async function listDuties(
  db: Db,
  f: {
    congressId: string;
    representativeId?: string | undefined;
    status?: DutyState | undefined;
    indicatorCode?: string | undefined;
  },
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<DutyRow[]> {
  const d = dutyRecords;
  return selectDuties(db)
    .where(
      and(
        eq(d.congressId, f.congressId),
        f.representativeId ? eq(d.representativeId, f.representativeId) : undefined,
        f.status ? eq(d.status, f.status) : undefined,
        f.indicatorCode ? eq(d.indicatorCode, f.indicatorCode) : undefined,
        after ? before(d.createdAt, d.id, after.createdAt, after.id) : undefined,
      ),
    )
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(limit + 1);
}

export async function insertDuty(db: Db, row: NewDutyRecord): Promise<string> {
  const [created] = await db.insert(dutyRecords).values(row).returning({ id: dutyRecords.id });
  return created!.id;
}

export async function setRejectReason(db: Db, id: string, reason: string): Promise<void> {
  await db.update(dutyRecords).set({ rejectReason: reason }).where(eq(dutyRecords.id, id));
}

/** Which of `ids` the caller uploaded (a worker's account or a staff member): only those may be attached. */
export async function ownedFileIds(
  db: Db,
  owner: { kind: 'worker' | 'staff'; id: string },
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.ownerKind, owner.kind), eq(files.ownerId, owner.id), inArray(files.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function attachPhotos(db: Db, dutyId: string, fileIds: string[]): Promise<void> {
  if (fileIds.length > 0) await db.insert(dutyRecordPhotos).values(fileIds.map((fileId) => ({ dutyId, fileId })));
}

export interface PhotoRow {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** The photos of several records in one query (a page of records), by record id. */
export async function photosOf(db: Db, dutyIds: string[]): Promise<Map<string, PhotoRow[]>> {
  const byDuty = new Map<string, PhotoRow[]>(dutyIds.map((id) => [id, []]));
  if (dutyIds.length === 0) return byDuty;
  const rows = await db
    .select({
      dutyId: dutyRecordPhotos.dutyId,
      id: files.id,
      fileName: files.fileName,
      mediaType: files.mediaType,
      sizeBytes: files.sizeBytes,
    })
    .from(dutyRecordPhotos)
    .innerJoin(files, eq(files.id, dutyRecordPhotos.fileId))
    .where(inArray(dutyRecordPhotos.dutyId, dutyIds))
    .orderBy(asc(files.createdAt), asc(files.id));
  for (const { dutyId, ...photo } of rows) byDuty.get(dutyId)?.push(photo);
  return byDuty;
}

export async function isPhotoOf(db: Db, dutyId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ fileId: dutyRecordPhotos.fileId })
    .from(dutyRecordPhotos)
    .where(and(eq(dutyRecordPhotos.dutyId, dutyId), eq(dutyRecordPhotos.fileId, fileId)));
  return row !== undefined;
}
