import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseCategories,
  caseCategoryLabels,
  caseKindLabels,
  caseKinds,
  caseStatusLabels,
  caseStatuses,
  orgKindLabels,
  staffRoleLabels,
  stationStatusLabels,
  stationTypeLabels,
  stationTypes,
  type Locale,
} from '../../shared/labels.js';
import { en as consoleEn } from '../../web/console/src/locales/en/index.js';
import { zhCN as consoleZh } from '../../web/console/src/locales/zh-CN/index.js';
import { en as memberEn } from '../../web/member/src/locales/en/index.js';
import { zhCN as memberZh } from '../../web/member/src/locales/zh-CN/index.js';
import { createOrg, createStaffUser, freshRegionCode, freshWorld, workerLogin } from './factories.js';
import { startTestApp, type TestApp } from './harness.js';
import { readWorkbook } from './uploads.js';

/**
 * One word per value: the Excel ledgers the server writes, the console and the member app all say the same thing
 * for a case's status, category and kind and a station's type and state (shared/labels.ts is the one source).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const apps: [string, Locale, { caseStatus: object; caseCategory: object; caseKind: object; stationType: object }][] = [
  ['console', 'zh-CN', consoleZh],
  ['console', 'en', consoleEn],
  ['member', 'zh-CN', memberZh],
  ['member', 'en', memberEn],
];

async function sheetOf(url: string, token: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode).toBe(200);
  const sheet = await readWorkbook(res.rawPayload);
  const headings = sheet.getRow(1).values as unknown[];
  return { sheet, cell: (row: number, heading: string) => sheet.getRow(row).getCell(headings.indexOf(heading)).value };
}

describe('shared labels', () => {
  it('both apps show the shared words for every value, in both languages', () => {
    for (const [app, locale, words] of apps) {
      const context = `${app} ${locale}`;
      expect(words.caseStatus, context).toMatchObject(caseStatusLabels[locale]);
      expect(words.caseCategory, context).toEqual(caseCategoryLabels[locale]);
      expect(words.caseKind, context).toEqual(caseKindLabels[locale]);
      expect(words.stationType, context).toEqual(stationTypeLabels[locale]);
      // Every value has a word, and no two values share one (a reader could not tell them apart).
      for (const [values, labels] of [
        [caseStatuses, caseStatusLabels[locale]],
        [caseCategories, caseCategoryLabels[locale]],
        [caseKinds, caseKindLabels[locale]],
        [stationTypes, stationTypeLabels[locale]],
      ] as const) {
        const shown = values.map((v) => (labels as Record<string, string>)[v]);
        expect(shown.every((w) => typeof w === 'string' && w.length > 0)).toBe(true);
        expect(new Set(shown).size).toBe(values.length);
      }
    }
    for (const [locale, words] of [
      ['zh-CN', consoleZh],
      ['en', consoleEn],
    ] as const) {
      expect(words.role).toEqual(staffRoleLabels[locale]);
      expect(words.kind).toEqual(orgKindLabels[locale]);
      expect({ active: words.stations.active, retired: words.stations.retired }).toEqual(stationStatusLabels[locale]);
    }
  });

  it('the case ledger names kind, category and status as the console and the member app show them', async () => {
    const w = await freshWorld(t);
    const regionCode = await freshRegionCode(t);
    await t.call('PATCH', `/api/v1/orgs/${w.org.id}`, { token: w.admin.token, body: { regionCode } });
    const center = await createOrg(t, w.admin.token, w.org.id, 'center', regionCode);
    const handler = await createStaffUser(t, w.admin.token, center.id, ['case_handler']);
    const courier = await workerLogin(t);
    const filed = await t.call('POST', '/api/v1/legal/cases', {
      token: courier.token,
      body: {
        kind: 'legal_aid',
        category: 'injury',
        description: '在仓库搬运时受伤，公司不认定工伤。',
        employer: { name: '长安物流仓储有限公司', regionCode },
      },
    });
    expect(filed.status).toBe(201);
    const accepted = await t.call('POST', `/api/v1/legal/cases/${filed.json.id}/actions`, {
      token: handler.token,
      body: { action: 'accept' },
    });
    expect(accepted.json.status).toBe('accepted');

    const { sheet, cell } = await sheetOf(`/api/v1/legal/cases/export.xlsx?centerId=${center.id}`, handler.token);
    expect(sheet.rowCount).toBe(2);
    expect([cell(2, '类型'), cell(2, '案由'), cell(2, '状态')]).toEqual(['法律援助', '工伤', '已受理']);
    expect(cell(2, '类型')).toBe(consoleZh.caseKind.legal_aid);
    expect(cell(2, '案由')).toBe(consoleZh.caseCategory.injury);
    expect(cell(2, '状态')).toBe(consoleZh.caseStatus.accepted);
    expect([cell(2, '类型'), cell(2, '案由'), cell(2, '状态')]).toEqual([
      memberZh.caseKind.legal_aid,
      memberZh.caseCategory.injury,
      memberZh.caseStatus.accepted,
    ]);
  });

  it('the station ledger names type and state as the console and the member app show them', async () => {
    const w = await freshWorld(t);
    const created = await t.call('POST', '/api/v1/stations', {
      token: w.admin.token,
      body: {
        orgId: w.grassroots.id,
        type: 'mother_baby_room',
        name: '团结西路母婴关爱室',
        address: '团结西路1号',
        lat: 34.25,
        lng: 108.9,
        alwaysOpen: true,
      },
    });
    expect(created.status).toBe(201);
    const { sheet, cell } = await sheetOf(`/api/v1/stations/export.xlsx?orgId=${w.org.id}`, w.admin.token);
    expect(sheet.rowCount).toBe(2);
    expect([cell(2, '类型'), cell(2, '状态')]).toEqual(['母婴关爱室', '在用']);
    expect(cell(2, '类型')).toBe(consoleZh.stationType.mother_baby_room);
    expect(cell(2, '类型')).toBe(memberZh.stationType.mother_baby_room);
    expect(cell(2, '状态')).toBe(consoleZh.stations.active);
  });
});
