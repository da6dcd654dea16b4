import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { baseUrl } from './browser.js';

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
