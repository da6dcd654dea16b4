import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerLogin } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('field issues a person reads', () => {
  it('an empty legal-help form names each field with what is wrong: a choice left out is "required"', async () => {
    const worker = await workerLogin(t);
    const res = await t.call('POST', '/api/v1/legal/cases', {
      token: worker.token,
      body: { kind: 'mediation', description: '', employer: { name: '', regionCode: '' }, attachmentIds: [] },
    });
    expect(res.status).toBe(400);
    const issues = res.json.error.details.issues as { path: string; code: string; message: string }[];
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath.category).toMatchObject({ code: 'required', message: '必填' });
    expect(byPath.description?.code).toBe('too_small');
    expect(byPath['employer.name']?.code).toBe('too_small');
    expect(byPath['employer.regionCode']).toBeDefined();
  });
});
