import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { JobError } from './jobs.js';

export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell as staff typed it: numbers keep their digits, rich text and formulas give their text. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

export interface SheetRow {
  number: number;
  values: ExcelJS.CellValue[];
}

/** The rows of the first sheet, streamed: a 100,000-row file never sits in memory as objects. */
export async function* sheetRows(bytes: Buffer): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  for await (const worksheet of reader) {
    for await (const chunk of worksheet) {
      const rows = (Array.isArray(chunk) ? chunk : [chunk]) as ExcelJS.Row[];
      for (const row of rows) yield { number: row.number, values: row.values as ExcelJS.CellValue[] };
    }
    return;
  }
}

export async function countDataRows(bytes: Buffer): Promise<number> {
  let n = 0;
  for await (const row of sheetRows(bytes)) if (row.number > 1) n++;
  return n;
}

/** Column index per field, from a header row, given the accepted headings of each field. */
export function mapHeaders<F extends string>(header: SheetRow, accepted: Record<F, readonly string[]>): Partial<Record<F, number>> {
  const columns: Partial<Record<F, number>> = {};
  header.values.forEach((v, i) => {
    const heading = cellText(v).replace(/\s+/g, '').toLowerCase();
    for (const [field, names] of Object.entries(accepted) as [F, readonly string[]][]) {
      if (names.includes(heading) && columns[field] === undefined) columns[field] = i;
    }
  });
  return columns;
}

export interface ColumnSpec {
  header: string;
  key: string;
  width: number;
  text?: boolean;
}

export async function workbookOf(sheetName: string, columns: ColumnSpec[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map(({ header, key, width }) => ({ header, key, width }));
  for (const c of columns) if (c.text) ws.getColumn(c.key).numFmt = '@';
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What went wrong, row by row, for staff to fix and upload again. */
export function errorWorkbook(errors: JobError[]): Promise<Buffer> {
  return workbookOf(
    '导入错误',
    [
      { header: '行号 Row', key: 'row', width: 10 },
      { header: '字段 Field', key: 'field', width: 14 },
      { header: '错误代码 Code', key: 'code', width: 20 },
      { header: '说明 Message', key: 'message', width: 40 },
    ],
    errors.map((e) => ({ ...e })),
  );
}
