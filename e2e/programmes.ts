import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { baseUrl, staffApiLogin } from './browser.js';

/** Helpers the benefit-programme journeys (补助项目) share. */

/** A JSON call to the API as `token` (none: no sign-in); fails the journey on an unexpected status. */
export async function call<T>(
  token: string | null,
  method: string,
  path: string,
  body: unknown,
  status: number,
): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Confirms the open antd modal (not the drawer under it) and waits for it to close. */
export async function confirm(page: Page): Promise<void> {
  const modal = page.locator('.ant-modal-wrap:visible');
  await modal.getByRole('button', { name: /确\s*定/ }).click();
  await modal.waitFor({ state: 'hidden' });
}

/** Picks an option of an antd select, again if a click during the dropdown's opening missed. */
export async function pick(page: Page, select: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
    const taken = await select
      .filter({ hasText: option })
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (taken || attempt === 3) return;
    await page.keyboard.press('Escape');
  }
}

/** The first sheet of a downloaded workbook, opened as a bank clerk would: one record per row, keyed by heading. */
export async function sheetRows(download: Download): Promise<Record<string, ExcelJS.CellValue>[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const headings = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  return Array.from({ length: sheet.rowCount - 1 }, (_, i) => {
    const row = sheet.getRow(i + 2);
    return Object.fromEntries(headings.map((h, c) => [h, row.getCell(c + 1).value]));
  });
}

/**
 * The city's administrator, a grassroots union of the demo city, a suffix that keeps this run's names apart, and the
 * staff accounts asked for (password `officer-pass-1`), made through the API as a federation's administrator would.
 */
export async function cityWithStaff(
  accounts: (
    suffix: string,
    union: { id: string },
    cityOrgId: string,
  ) => {
    username: string;
    orgId: string;
    displayName: string;
    roles: readonly string[];
  }[],
) {
  const admin = await staffApiLogin('xian_admin');
  const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
  const unions = await call<{ items: { id: string; name: string }[] }>(
    admin.token,
    'GET',
    '/api/v1/orgs?kind=grassroots&limit=5',
    undefined,
    200,
  );
  const union = unions.items[0]!;
  for (const account of accounts(suffix, union, admin.orgId))
    await call(admin.token, 'POST', '/api/v1/staff', { ...account, password: 'officer-pass-1' }, 201);
  return { admin, suffix, union };
}
