import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../bootstrap.js';
import { freshRegionCode, freshWorld, randomPhone, workerLogin } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { uploadFile } from '../../test/uploads.js';
import { verifyAuditChain } from './audit.js';
import { backupFormat, controlFilePath, readControlFile, type BackupManifest } from './backup.js';
import { queryRows, sql } from './db/client.js';
import { TarWriter } from './tar.js';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');

/** Runs one of the CLIs as `npm run backup` / `npm run restore` do, with only the settings given. */
async function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', `server/src/cli/${script}.ts`, ...args],
      {
        cwd: repo,
        env: { ...process.env, DATABASE_URL: '', S3_ENDPOINT: '', UPLOADS_DIR: '', PII_KEY: '', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'su-backup-'));
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('backup and restore of the embedded database and the uploads', () => {
  it('backs up a running server while it writes, restores into a fresh directory with every record, the files and the audit chain', async () => {
    const dataDir = path.join(root, 'data');
    const t: TestApp = await startTestApp({}, { dataDir });
    let closed = false;
    try {
      await bootstrap(t.ctx);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const control = readControlFile(dataDir)!;
      expect(control.pid).toBe(process.pid);
      expect(fs.statSync(controlFilePath(dataDir)).mode & 0o777).toBe(0o600);

      // Members, a legal case with its evidence, a voucher campaign with a claim.
      const w = await freshWorld(t);
      const memberIds: string[] = [];
      const addMember = async () => {
        const res = await t.call('POST', '/api/v1/members', {
          token: w.admin.token,
          body: { name: '备份会员', phone: randomPhone(), orgId: w.grassroots.id },
        });
        if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.json)}`);
        return res.json.id as string;
      };
      for (let i = 0; i < 5; i++) memberIds.push(await addMember());
      const phone = randomPhone();
      await t.call('POST', '/api/v1/members', {
        token: w.admin.token,
        body: { name: '快递员', phone, orgId: w.grassroots.id },
      });
      const worker = await workerLogin(t, phone);
      const png = PNG.sync.write(new PNG({ width: 3, height: 3 }));
      const evidence = await uploadFile(t, '/api/v1/legal/evidence', worker.token, '工资条.png', png, 'image/png');
      expect(evidence.status).toBe(201);
      const filed = await t.call('POST', '/api/v1/legal/cases', {
        token: worker.token,
        body: {
          kind: 'mediation',
          category: 'overtime_pay',
          description: '2026年10月每天加班3小时，公司未支付加班费。',
          employer: { name: '顺达快递', regionCode: await freshRegionCode(t) },
          attachmentIds: [evidence.json.id],
        },
      });
      expect(filed.status).toBe(201);
      const attachmentUrl = `/api/v1/legal/cases/${filed.json.id}/attachments/${evidence.json.id}`;
      const original = await t.app.inject({ url: attachmentUrl, headers: { authorization: `Bearer ${worker.token}` } });
      expect(original.statusCode).toBe(200);
      const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
        token: w.admin.token,
        body: {
          orgId: w.org.id,
          title: '备份券',
          quantity: 10,
          perMemberLimit: 1,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3600_000).toISOString(),
        },
      });
      expect(campaign.status).toBe(201);
      const claim = await t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, {
        token: worker.token,
      });
      expect(claim.status).toBe(201);

      // The route answers only this machine, with the token.
      const internal = (headers: Record<string, string>, remoteAddress?: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/internal/backups',
          headers: { 'content-type': 'application/json', ...headers },
          payload: '{}',
          ...(remoteAddress ? { remoteAddress } : {}),
        });
      expect((await internal({ 'x-control-token': control.token }, '10.1.2.3')).statusCode).toBe(404);
      expect((await internal({ 'x-control-token': control.token, 'x-forwarded-for': '10.1.2.3' })).statusCode).toBe(
        404,
      );
      expect((await internal({ 'x-control-token': 'guess' })).statusCode).toBe(401);

      // Back up while members keep being added.
      let writing = true;
      const duringBackup: string[] = [];
      const writes = (async () => {
        while (writing) {
          duringBackup.push(await addMember());
          // Uploads too: the bytes of every file the dump lists must be in the archive.
          const up = await uploadFile(t, '/api/v1/legal/evidence', worker.token, 'x.png', png, 'image/png');
          if (up.status !== 201) throw new Error(`${up.status} ${JSON.stringify(up.json)}`);
        }
      })();
      const archive = path.join(root, 'backup.tar');
      const backup = await cli('backup', ['--out', archive], { DATA_DIR: dataDir });
      writing = false;
      await writes;
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain(`backup written: ${archive} (by the running server, process ${process.pid})`);
      expect(duringBackup.length).toBeGreaterThan(0);
      expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
      // A plain tar archive: the system's tar reads it.
      const listed = (await run('tar', ['-tf', archive])).stdout.split('\n');
      expect(listed.slice(0, 2)).toEqual(['manifest.json', 'database.tar.gz']);
      expect(listed).toContain(`uploads/${evidence.json.id.slice(0, 2)}/${evidence.json.id}`);

      await t.close();
      closed = true;
      expect(fs.existsSync(controlFilePath(dataDir))).toBe(false);

      const restoredDir = path.join(root, 'restored');
      const restored = await cli('restore', [archive, '--data-dir', restoredDir], {});
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      const checked = /audit chain intact \(\d+ records\), (\d+) uploaded files checked/.exec(restored.stdout);
      expect(Number(checked?.[1])).toBeGreaterThan(1);
      // Never over something that is there.
      const again = await cli('restore', [archive, '--data-dir', dataDir], {});
      expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('is not empty')]);

      const r = await startTestApp({}, { dataDir: restoredDir });
      try {
        // Every record made before the backup, signed in with the sessions of before.
        for (const id of memberIds)
          expect((await r.call('GET', `/api/v1/members/${id}`, { token: w.admin.token })).status).toBe(200);
        const restoredCase = await r.call('GET', `/api/v1/legal/cases/${filed.json.id}`, { token: worker.token });
        expect(restoredCase.json.attachments.map((a: { id: string }) => a.id)).toEqual([evidence.json.id]);
        const file = await r.app.inject({ url: attachmentUrl, headers: { authorization: `Bearer ${worker.token}` } });
        expect(file.statusCode).toBe(200);
        expect(file.rawPayload.equals(original.rawPayload)).toBe(true);
        const vouchers = await r.call('GET', '/api/v1/me/vouchers', { token: worker.token });
        expect(vouchers.json.items).toHaveLength(1);
        // The writes during the backup: those the dump saw are there, each whole (a member and its audit record).
        const manifest = JSON.parse(
          (await run('tar', ['-xOf', archive, 'manifest.json'], { maxBuffer: 1 << 20 })).stdout,
        ) as BackupManifest;
        const [members] = await queryRows<{ n: number }>(r.ctx.db, sql`select count(*)::int as n from members`);
        expect(members!.n).toBe(manifest.rowCounts.members);
        expect(manifest.rowCounts.members).toBeGreaterThanOrEqual(memberIds.length + 1);
        const chain = await verifyAuditChain(r.ctx.db);
        expect(chain).toMatchObject({ ok: true, checked: manifest.audit.records });
      } finally {
        await r.close();
      }

      // With no server running, the command opens the data directory itself.
      const offline = await cli('backup', [], { DATA_DIR: restoredDir });
      expect(offline.code).toBe(0);
      expect(offline.stdout).toContain('no server running');
      expect(fs.readdirSync(path.join(restoredDir, 'backups'))).toEqual([
        expect.stringMatching(/^smart-union-\d{8}T\d{6}Z\.tar$/),
      ]);
    } finally {
      if (!closed) await t.close();
    }
  }, 240_000);

  it('points to pg_dump and the deployment guide when the database is PostgreSQL', async () => {
    const res = await cli('backup', [], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: root });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('pg_dump');
    expect(res.stderr).toContain('pg_basebackup');
    expect(res.stderr).toContain('docs/DEPLOY.md');
  });

  it('refuses an archive that would write outside the new directory', async () => {
    const evil = path.join(root, 'evil.tar');
    const tar = new TarWriter(fs.createWriteStream(evil));
    await tar.addBuffer(
      'manifest.json',
      Buffer.from(JSON.stringify({ format: backupFormat, schema: { migrations: 1 } })),
    );
    await tar.addBuffer('uploads/../../escaped', Buffer.from('x'));
    await tar.finish();
    const target = path.join(root, 'evil-target');
    const res = await cli('restore', [evil, '--data-dir', target], {});
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('invalid storage key');
    expect(fs.existsSync(path.join(root, 'escaped'))).toBe(false);
  });
});
