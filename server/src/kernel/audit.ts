import crypto from 'node:crypto';
import { and, asc, count, desc, eq, gt } from 'drizzle-orm';
import { pgArray, sql, type Db } from './db/client.js';
import { auditLog } from './db/kernel.tables.js';

export interface Actor {
  kind: 'staff' | 'worker' | 'system';
  id: string | null;
}

export interface AuditEntry {
  /** When it happened (`ctx.clock.now()`); a batch is recorded at the time of its first entry. */
  at: Date;
  actor: Actor;
  action: string;
  objectType: string;
  objectId?: string | null;
  orgId?: string | null;
  details?: Record<string, unknown>;
}

const genesisHash = '0'.repeat(64);
// Any constant works; it only has to be the same for every writer of the chain.
const auditLockKey = 7_270_001;

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

interface HashedFields {
  at: Date;
  actorKind: string;
  actorId: string | null;
  orgId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

function hashOf(row: HashedFields): string {
  const body = canonical({ ...row, at: row.at.toISOString() });
  return crypto.createHash('sha256').update(body).digest('hex');
}

/**
 * Appends one record to the chain. Call inside the transaction of the change it records,
 * so the record and the change commit or vanish together.
 */
export async function writeAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await writeAuditBatch(tx, [entry]);
}

/**
 * Appends records in order under one hold of the chain lock: a change that records many things at
 * once (a batch of voucher claims) pays for the lock and the insert once, not per record.
 */
export async function writeAuditBatch(tx: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${auditLockKey})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  let prevHash = last?.hash ?? genesisHash;
  const at = entries[0]!.at;
  const rows = entries.map((entry) => {
    const fields: HashedFields = {
      at,
      actorKind: entry.actor.kind,
      actorId: entry.actor.id,
      orgId: entry.orgId ?? null,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      details: entry.details ?? {},
      prevHash,
    };
    prevHash = hashOf(fields);
    return { ...fields, hash: prevHash };
  });
  // One parameter per column (arrays), whatever the batch size; rows are inserted in chain order (ordinality),
  // and seq, a serial, numbers them in that order.
  const column = <T extends string | null>(pick: (r: (typeof rows)[number]) => T) => pgArray(rows.map(pick));
  await tx.execute(sql`insert into audit_log (at, actor_kind, actor_id, org_id, action, object_type, object_id, details, prev_hash, hash)
      select at, actor_kind, actor_id, org_id, action, object_type, object_id, details, prev_hash, hash
      from unnest(${column((r) => r.at.toISOString())}::timestamptz[], ${column((r) => r.actorKind)}::text[], ${column((r) => r.actorId)}::text[],
                  ${column((r) => r.orgId)}::uuid[], ${column((r) => r.action)}::text[], ${column((r) => r.objectType)}::text[],
                  ${column((r) => r.objectId)}::text[], ${column((r) => JSON.stringify(r.details))}::jsonb[], ${column((r) => r.prevHash)}::text[],
                  ${column((r) => r.hash)}::text[])
        with ordinality as t(at, actor_kind, actor_id, org_id, action, object_type, object_id, details, prev_hash, hash, ord)
      order by ord`);
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first record whose hash or link does not hold. */
  brokenAt: number | null;
  reason: string | null;
}

export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainReport> {
  let prevHash = genesisHash;
  let afterSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, afterSeq))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked, brokenAt: null, reason: null };
    for (const row of rows) {
      if (row.prevHash !== prevHash)
        return { ok: false, checked, brokenAt: row.seq, reason: 'link to previous record broken' };
      const expected = hashOf({
        at: row.at,
        actorKind: row.actorKind,
        actorId: row.actorId,
        orgId: row.orgId,
        action: row.action,
        objectType: row.objectType,
        objectId: row.objectId,
        details: row.details,
        prevHash: row.prevHash,
      });
      if (expected !== row.hash)
        return { ok: false, checked, brokenAt: row.seq, reason: 'record content does not match its hash' };
      prevHash = row.hash;
      afterSeq = row.seq;
      checked++;
    }
  }
}

export async function countAuditRecords(db: Db, objectType: string, action: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.objectType, objectType), eq(auditLog.action, action)));
  return row?.n ?? 0;
}
