/**
 * Disbursement at real volume (issue 12): a batch of 2,337 model workers (Qinghai's 劳模三金 count) and one of
 * 100,000 mutual-aid claims, each created and its bank file exported through the HTTP API of a running server.
 * Baseline in the same run: writing the same payment rows with one plain INSERT … SELECT into a copy of the payments
 * table (same columns and indexes, no foreign keys), measured before and after the engine's batch.
 *
 *   npm run bench:disbursement                 # embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench:disbursement
 *   SIZES=2337,100000 npm run bench:disbursement
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { loadConfig } from '../server/src/kernel/config.js';
import { maskPhone } from '../server/src/kernel/pii.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';

const sizes = (process.env.SIZES ?? '2337,100000').split(',').map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-bench-'));
const databaseUrl = process.env.DATABASE_URL ? await scratchDatabaseUrl(process.env.DATABASE_URL, 'bench') : '';
const config = loadConfig({
  ...process.env,
  DATABASE_URL: databaseUrl,
  DATA_DIR: dir,
  ADMIN_PASSWORD: 'bench-admin-pass',
  WEB_DIR: '',
  LOG_LEVEL: 'warn',
});
const { app, ctx } = await buildApp({ config });
await bootstrap(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

async function call<T>(
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

const login = (await (
  await fetch(`${base}/api/v1/auth/staff-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-admin-pass' }),
  })
).json()) as { token: string; staff: { org: { id: string } } };
const token = login.token;

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Members and their approved applications, written straight to the tables: the set-up, not the measure. */
async function seedApprovedApplications(kind: string, title: string, rows: number) {
  const org = await call<{ id: string }>('POST', '/api/v1/orgs', token, {
    parentId: login.staff.org.id,
    name: `${title}${Date.now()}`,
    kind: 'grassroots',
  });
  const year = new Date().getFullYear();
  const programme = await call<{ id: string }>('POST', '/api/v1/programmes', token, {
    kind,
    title,
    orgId: org.body.id,
    opensAt: `${year}-01-01T00:00:00+08:00`,
    closesAt: `${year + 1}-01-01T00:00:00+08:00`,
    rules: {
      reviewLevels: 1,
      publicityDays: 0,
      ...(kind === 'model_worker_fund'
        ? { standardAmountFen: 300_000, modelWorkerFund: { fund: 'living_hardship', requireYearlyCheck: false } }
        : {
            mutualAid: {
              tiers: [{ uptoFen: 1_000_000, percent: 50 }, { uptoFen: 5_000_000, percent: 60 }, { percent: 70 }],
            },
          }),
    },
  });
  if (programme.status !== 201) throw new Error(`programme: ${programme.status} ${JSON.stringify(programme.body)}`);
  const chunk = 10_000;
  for (let from = 0; from < rows; from += chunk) {
    const n = Math.min(chunk, rows - from);
    const names: string[] = [];
    const phoneHashes: string[] = [];
    const phoneEncs: string[] = [];
    const phoneMasks: string[] = [];
    const accountEncs: string[] = [];
    const accountMasks: string[] = [];
    const amounts: number[] = [];
    for (let i = 0; i < n; i++) {
      const phone = `1${String(3_000_000_000 + from + i + rows * sizes.indexOf(rows)).padStart(10, '0')}`;
      const account = `62220${String(Math.floor(Math.random() * 1e14)).padStart(14, '0')}`;
      names.push(`职工${from + i}`);
      phoneHashes.push(randomBytes(16).toString('hex'));
      phoneEncs.push(ctx.pii.encrypt(phone));
      phoneMasks.push(maskPhone(phone));
      accountEncs.push(ctx.pii.encrypt(account));
      accountMasks.push(`****${account.slice(-4)}`);
      // 劳模 funds pay a standard; mutual-aid claims a computed amount each.
      amounts.push(kind === 'model_worker_fund' ? 300_000 : 10_000 + Math.floor(Math.random() * 5_000_000));
    }
    await ctx.db.execute(sql`
      with m as (
        insert into members (org_id, name, phone_hash, phone_enc, phone_masked)
        select ${org.body.id}::uuid, name, ph, pe, pm
          from unnest(${sql.param(names)}::text[], ${sql.param(phoneHashes)}::text[], ${sql.param(phoneEncs)}::text[], ${sql.param(phoneMasks)}::text[])
            as u(name, ph, pe, pm)
        returning id, phone_hash
      ),
      src as (
        select m.id as member_id, u.ae, u.am, u.amount
          from unnest(${sql.param(phoneHashes)}::text[], ${sql.param(accountEncs)}::text[], ${sql.param(accountMasks)}::text[], ${sql.param(amounts)}::bigint[])
            as u(ph, ae, am, amount)
          join m on m.phone_hash = u.ph
      )
      insert into programme_applications (programme_id, member_id, org_id, period, details, amount_fen, payee_bank,
        payee_account_enc, payee_account_masked, review_chain, status, status_changed_at, created_by, created_at)
      select ${programme.body.id}::uuid, member_id, ${org.body.id}::uuid, 'once', '{}'::jsonb, amount, '中国工商银行西宁分行',
        ae, am, array[${org.body.id}::uuid], 'approved', now(), 'bench', now()
        from src`);
  }
  await ctx.db.execute(sql`analyze programme_applications`);
  return programme.body.id;
}

async function baselineInsertSelect(programmeId: string, round: number): Promise<number> {
  const table = sql.raw(`bench_payments_${round}`);
  await ctx.db.execute(sql`drop table if exists ${table}`);
  await ctx.db.execute(sql`create table ${table} (like programme_payments including defaults including indexes)`);
  const t0 = performance.now();
  await ctx.db.execute(sql`
    insert into ${table} (id, batch_id, application_id, amount_fen, status, attempt)
    select gen_random_uuid(), gen_random_uuid(), a.id, a.amount_fen, 'pending', 1
      from programme_applications a
     where a.programme_id = ${programmeId} and a.status = 'approved'`);
  const took = seconds(t0);
  await ctx.db.execute(sql`drop table ${table}`);
  return took;
}

const results = [];
for (const rows of sizes) {
  const kind = rows < 10_000 ? 'model_worker_fund' : 'medical_mutual_aid';
  const title = rows < 10_000 ? '劳模生活困难补助金' : '职工医疗互助';
  const tSeed = performance.now();
  const programmeId = await seedApprovedApplications(kind, title, rows);
  console.log(`${title}: ${rows} approved applications seeded in ${seconds(tSeed).toFixed(1)} s`);

  const baselineBefore = await baselineInsertSelect(programmeId, 1);

  const tBatch = performance.now();
  const batch = await call<{ id: string; count: number; totalFen: number }>(
    'POST',
    `/api/v1/programmes/${programmeId}/disbursements`,
    token,
  );
  const batchSeconds = seconds(tBatch);
  if (batch.status !== 201 || batch.body.count !== rows) throw new Error(`batch: ${batch.status}`);

  const tFile = performance.now();
  const file = await fetch(`${base}/api/v1/disbursements/${batch.body.id}/bank-file.xlsx`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await file.arrayBuffer());
  const fileSeconds = seconds(tFile);

  const baselineAfter = await baselineInsertSelect(programmeId, 2);
  const baseline = (baselineBefore + baselineAfter) / 2;

  // Checked, not timed: every approved application is in the file once, with its whole account number.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const dataRows = (sheet?.rowCount ?? 1) - 1;
  const accounts = new Set<string>();
  sheet?.eachRow((row, n) => {
    if (n > 1) accounts.add(String(row.getCell(4).value));
  });
  const expected = await ctx.db.execute(sql`
    select count(*)::int as n, coalesce(sum(amount_fen), 0)::bigint as fen
      from programme_applications where programme_id = ${programmeId} and status = 'approved'`);
  const { n: approved, fen } = (expected as unknown as { rows: { n: number; fen: string }[] }).rows[0] ?? {
    n: -1,
    fen: '-1',
  };
  if (dataRows !== rows || accounts.size !== rows || approved !== rows || Number(fen) !== batch.body.totalFen)
    throw new Error(`file check: ${dataRows} rows, ${accounts.size} accounts, ${approved} approved`);
  if ([...accounts].some((a) => !/^62220\d{14}$/.test(a))) throw new Error('an account number is not whole');

  const result = {
    programme: title,
    rows,
    batchSeconds: Number(batchSeconds.toFixed(2)),
    bankFileSeconds: Number(fileSeconds.toFixed(2)),
    bankFileMB: Number((bytes.length / 1e6).toFixed(1)),
    baselineInsertSelectSeconds: Number(baseline.toFixed(3)),
    batchRatioToBaseline: Number((batchSeconds / baseline).toFixed(1)),
    batchAndFileRatioToBaseline: Number(((batchSeconds + fileSeconds) / baseline).toFixed(1)),
  };
  console.log(result);
  results.push(result);
}

await app.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify(
    {
      database: config.databaseUrl ? 'postgresql' : 'pglite',
      results,
      node: process.version,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    },
    null,
    2,
  ),
);
