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

type Issue = { path: string; code: string; message: string };

async function fileCase(body: unknown): Promise<Record<string, Issue>> {
  const worker = await workerLogin(t);
  const res = await t.call('POST', '/api/v1/legal/cases', { token: worker.token, body });
  expect(res.status).toBe(400);
  return Object.fromEntries((res.json.error.details.issues as Issue[]).map((i) => [i.path, i]));
}

describe('field issues a person reads', () => {
  it('an empty legal-help form: every field left out or blank is "required"', async () => {
    const issues = await fileCase({
      kind: 'mediation',
      description: '',
      employer: { name: '  ', regionCode: '' },
      attachmentIds: [],
    });
    expect(issues.category).toMatchObject({ code: 'required', message: '必填' });
    expect(issues.description).toMatchObject({ code: 'required', message: '必填' });
    expect(issues['employer.name']).toMatchObject({ code: 'required', message: '必填' });
    expect(issues['employer.regionCode']?.code).toBeDefined();
  });

  it('a value that is there but wrong says what is wrong with it, not "required"', async () => {
    const issues = await fileCase({
      kind: 'mediation',
      category: 'bogus',
      description: 'too short',
      amountClaimedFen: 'lots',
      employer: { name: '顺达快递', regionCode: '12' },
    });
    expect(issues.category?.code).toBe('invalid_value');
    expect(issues.description?.code).toBe('too_small');
    expect(issues.amountClaimedFen?.code).toBe('invalid_type');
    expect(issues['employer.regionCode']?.code).not.toBe('required');
  });
});
