import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, freshWorld, workerLogin } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { uploadFile, workbook } from '../../test/uploads.js';
import { sql } from './db/client.js';
import { AppError } from './errors.js';
import { databaseInputError } from './http.js';
import { findNul } from './input-guard.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('NUL characters', () => {
  it('finds them in strings and keys at any depth', () => {
    expect(findNul({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toBe('a.1.c');
    expect(findNul({ ['k\u0000']: 1 })).toBe('k\\0');
    expect(findNul({ a: 'fine', n: 1, z: null, list: ['a', 'b'] })).toBeNull();
  });

  it('are refused with 400 NUL_CHARACTER wherever they are: login name, search, names, path, file names', async () => {
    const w = await freshWorld(t);
    const member = await workerLogin(t);
    const cases = [
      await t.call('POST', '/api/v1/auth/staff-login', { body: { username: 'adm\u0000in', password: 'whatever-1' } }),
      await t.call('GET', `/api/v1/members?q=${encodeURIComponent('张\u0000')}`, { token: w.admin.token }),
      await t.call('GET', `/api/v1/union-directory?q=a%00b`),
      await t.call('POST', '/api/v1/orgs', {
        token: w.admin.token,
        body: { parentId: w.org.id, name: '工会\u0000', kind: 'grassroots' },
      }),
      await t.call('GET', '/api/v1/stations/610104RS%000001'),
      await t.call('POST', '/api/v1/membership-applications', {
        token: member.token,
        body: { orgId: w.grassroots.id, name: '乙', ['x\u0000']: 1 },
      }),
    ];
    for (const res of cases)
      expect({ status: res.status, code: res.json.error.code }).toEqual({ status: 400, code: 'NUL_CHARACTER' });
    expect(cases[0]!.json.error.details).toEqual({ in: 'body', path: 'username' });
    expect(cases[0]!.json.error.message).toContain('空字符');

    const upload = await uploadFile(
      t,
      `/api/v1/members/imports?orgId=${w.grassroots.id}`,
      w.admin.token,
      'a\u0000.xlsx',
      await workbook([['姓名', '手机号']]),
    );
    expect(upload).toMatchObject({
      status: 400,
      json: { error: { code: 'NUL_CHARACTER', details: { in: 'multipart', path: 'fileName' } } },
    });
  });
});

describe('references to staff', () => {
  it('binds a cashier only from the caller’s subtree: unknown or foreign staff is 400 not_in_scope, never 500', async () => {
    const w = await freshWorld(t);
    const other = await freshWorld(t);
    const foreign = await createStaffUser(t, other.admin.token, other.org.id, ['merchant']);
    const own = await createStaffUser(t, w.admin.token, w.grassroots.id, ['merchant']);
    const merchant = await t.call('POST', '/api/v1/merchants', {
      token: w.admin.token,
      body: { orgId: w.grassroots.id, name: '爱心商家' },
    });
    const bind = (staffId: string) =>
      t.call('POST', `/api/v1/merchants/${merchant.json.id}/staff`, { token: w.admin.token, body: { staffId } });
    for (const staffId of [crypto.randomUUID(), foreign.id]) {
      const res = await bind(staffId);
      expect(res.status).toBe(400);
      expect(res.json.error.details.issues).toEqual([
        expect.objectContaining({ path: 'staffId', code: 'not_in_scope' }),
      ]);
    }
    expect((await bind(own.id)).status).toBe(200);
  });

  it('sets a station manager only from the caller’s subtree', async () => {
    const w = await freshWorld(t);
    const other = await freshWorld(t);
    const body = {
      orgId: w.grassroots.id,
      type: 'rest_station',
      name: '驿站',
      address: '路',
      lat: 34.2,
      lng: 108.9,
      alwaysOpen: true,
    };
    for (const managerId of [crypto.randomUUID(), other.admin.id]) {
      const res = await t.call('POST', '/api/v1/stations', { token: w.admin.token, body: { ...body, managerId } });
      expect({ status: res.status, issue: res.json.error.details?.issues?.[0]?.code }).toEqual({
        status: 400,
        issue: 'not_in_scope',
      });
    }
    const station = await t.call('POST', '/api/v1/stations', {
      token: w.admin.token,
      body: { ...body, managerId: w.admin.id },
    });
    expect(station.status).toBe(201);
    const patched = await t.call('PATCH', `/api/v1/stations/${station.json.code}`, {
      token: w.admin.token,
      body: { managerId: crypto.randomUUID() },
    });
    expect(patched.status).toBe(400);
  });
});

describe('database refusals of bad input', () => {
  async function refusal(statement: ReturnType<typeof sql>): Promise<AppError | null> {
    try {
      await t.ctx.db.execute(statement);
    } catch (error) {
      return databaseInputError(error);
    }
    throw new Error('the statement succeeded');
  }

  it('maps foreign-key, length, range and check violations to 400 (and removing what is still used to 409)', async () => {
    // Ordinary tables, not temporary ones: each statement may run on another pooled connection (PostgreSQL server).
    await t.ctx.db.execute(sql`drop table if exists probe, probe_parent`);
    await t.ctx.db.execute(sql`create table probe_parent (id uuid primary key)`);
    await t.ctx.db.execute(
      sql`create table probe (n integer check (n > 0), label varchar(3), staff_id uuid references probe_parent(id))`,
    );
    const unknown = await refusal(sql`insert into probe (staff_id) values (${crypto.randomUUID()})`);
    expect(unknown).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'staffId', code: 'not_in_scope', message: '' }] },
    });
    expect((await refusal(sql`insert into probe (label) values ('abcd')`))?.details).toEqual({
      issues: [{ path: '', code: 'too_big', message: '' }],
    });
    expect((await refusal(sql`insert into probe (n) values (${2 ** 31})`))?.code).toBe('VALIDATION_FAILED');
    expect((await refusal(sql`insert into probe (n) values (-1)`))?.details).toEqual({
      issues: [{ path: '', code: 'invalid', message: '' }],
    });
    const id = crypto.randomUUID();
    await t.ctx.db.execute(sql`insert into probe_parent values (${id})`);
    await t.ctx.db.execute(sql`insert into probe (staff_id) values (${id})`);
    expect((await refusal(sql`delete from probe_parent where id = ${id}`))?.code).toBe('CONFLICT');
    expect((await refusal(sql`insert into probe (label) values (${'a\u0000'})`))?.code).toBe('NUL_CHARACTER');
    // A malformed id is the schemas' to refuse; reaching the database it is a bug, not the caller's fault.
    expect(await refusal(sql`select 'not-a-uuid'::uuid`)).toBeNull();
  });
});
