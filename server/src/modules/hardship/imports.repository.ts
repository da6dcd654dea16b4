import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pgArray, type Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { rawStatement, runRaw } from '../../kernel/db/raw.js';
import { hardshipHouseholds } from './hardship.tables.js';
import type { HardshipState } from './hardship.workflow.js';

/** SQL of the household import (imports.ts): the batch's duplicate check and its set-based insert. */

/** A household already on file, as a duplicate row reports it. */
export interface OnFile {
  headIdHash: string;
  id: string;
  status: HardshipState;
  orgPath: string;
  filedByStaffId: string;
}

/** The files among a batch's head ID numbers (blind indexes), in one query on the unique index, federation-wide. */
export async function householdsByHeadIdHashes(db: Db, hashes: readonly string[]): Promise<OnFile[]> {
  if (hashes.length === 0) return [];
  return db
    .select({
      headIdHash: hardshipHouseholds.headIdHash,
      id: hardshipHouseholds.id,
      status: hardshipHouseholds.status,
      orgPath: orgs.path,
      filedByStaffId: hardshipHouseholds.filedByStaffId,
    })
    .from(hardshipHouseholds)
    .innerJoin(orgs, eq(orgs.id, hardshipHouseholds.orgId))
    .where(sql`${hardshipHouseholds.headIdHash} = any(${pgArray(hashes)}::text[])`);
}

/** One household of a batch, its identifiers already encrypted, hashed and masked. */
export interface NewHousehold {
  headName: string;
  headIdHash: string;
  headIdEnc: string;
  headIdMasked: string;
  phoneHash: string;
  phoneEnc: string;
  phoneMasked: string;
  regionCode: string;
  address: string;
  size: number;
  monthlyIncomeFen: number;
  causes: readonly string[];
  channel: string;
  note: string | null;
}

/** What every household of a batch shares: the union, the filer, and the workflow's initial columns. */
export interface BatchCommon {
  orgId: string;
  filedByStaffId: string;
  filedByOrgId: string;
  status: HardshipState;
  statusChangedAt: Date;
  dueAt: Date | null;
  now: Date;
}

/**
 * Inserts a batch in one statement (one parameter per column, whatever the count); a head already on file — filed
 * by someone else since the batch was checked — is skipped by the unique index, never doubled. The head is linked to
 * the member registry when their ID number is registered there. Answers the inserted files by head blind index.
 */
export const insertHouseholdsStatement = rawStatement(
  z.object({ id: z.string(), headIdHash: z.string() }),
  (common: BatchCommon, rows: readonly NewHousehold[]) => {
    const column = (pick: (r: NewHousehold) => string | number | null) => pgArray(rows.map(pick));
    return sql`insert into hardship_households (org_id, filed_by_staff_id, filed_by_org_id, channel, head_name, head_id_hash,
          head_id_enc, head_id_masked, phone_hash, phone_enc, phone_masked, member_id, region_code, address, size,
          monthly_income_fen, causes, note, status, status_changed_at, due_at, created_at, updated_at)
        select ${common.orgId}::uuid, ${common.filedByStaffId}::uuid, ${common.filedByOrgId}::uuid, t.channel, t.head_name,
               t.head_id_hash, t.head_id_enc, t.head_id_masked, t.phone_hash, t.phone_enc, t.phone_masked,
               (select m.id from members m where m.id_number_hash = t.head_id_hash), t.region_code, t.address, t.size,
               t.income, string_to_array(t.causes, ','), t.note, ${common.status}, ${common.statusChangedAt.toISOString()}::timestamptz,
               ${common.dueAt ? common.dueAt.toISOString() : null}::timestamptz, ${common.now.toISOString()}::timestamptz,
               ${common.now.toISOString()}::timestamptz
          from unnest(${column((r) => r.channel)}::text[], ${column((r) => r.headName)}::text[], ${column((r) => r.headIdHash)}::text[],
                      ${column((r) => r.headIdEnc)}::text[], ${column((r) => r.headIdMasked)}::text[], ${column((r) => r.phoneHash)}::text[],
                      ${column((r) => r.phoneEnc)}::text[], ${column((r) => r.phoneMasked)}::text[], ${column((r) => r.regionCode)}::text[],
                      ${column((r) => r.address)}::text[], ${column((r) => r.size)}::smallint[], ${column((r) => r.monthlyIncomeFen)}::integer[],
                      ${column((r) => r.causes.join(','))}::text[], ${column((r) => r.note)}::text[])
            with ordinality as t(channel, head_name, head_id_hash, head_id_enc, head_id_masked, phone_hash, phone_enc,
                                 phone_masked, region_code, address, size, income, causes, note, ord)
         order by t.ord
        on conflict (head_id_hash) do nothing
        returning id, head_id_hash as "headIdHash"`;
  },
);

export async function insertHouseholdsSkippingExisting(
  db: Db,
  common: BatchCommon,
  rows: readonly NewHousehold[],
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const inserted = await runRaw(db, insertHouseholdsStatement, common, rows);
  return new Map(inserted.map((r) => [r.headIdHash, r.id]));
}
