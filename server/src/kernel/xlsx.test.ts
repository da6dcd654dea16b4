import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, sheetRows } from './xlsx.js';

/** Row i's text: 120 Chinese characters (360 bytes of UTF-8), different on every row. */
const textOf = (i: number) =>
  Array.from({ length: 120 }, (_, k) => String.fromCodePoint(0x4e00 + ((i * 131 + k * 7) % 20_000))).join('');
const rows = 3000;

async function readBack(bytes: Buffer): Promise<string[]> {
  const out: string[] = [];
  for await (const row of sheetRows(bytes)) out.push(cellText(row.values[1]));
  return out;
}

describe('sheetRows', () => {
  // About 1 MB of Chinese text: the inflated parts arrive in dozens of 16 KB chunks, most of them ending inside a
  // character. exceljs alone reads some of those characters as �� (exceljs issue #2084).
  it('reads Chinese text whole wherever the chunks of a part end (shared strings)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    for (let i = 0; i < rows; i++) ws.addRow([textOf(i)]);
    const read = await readBack(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(read.length).toBe(rows);
    expect(read.filter((text, i) => text !== textOf(i))).toEqual([]);
  });

  it('reads Chinese text whole wherever the chunks of a part end (inline strings)', async () => {
    const chunks: Buffer[] = [];
    const { PassThrough } = await import('node:stream');
    const stream = new PassThrough();
    stream.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('x');
    for (let i = 0; i < rows; i++) ws.addRow([textOf(i)]).commit();
    ws.commit();
    await wb.commit();
    const read = await readBack(Buffer.concat(chunks));
    expect(read.length).toBe(rows);
    expect(read.filter((text, i) => text !== textOf(i))).toEqual([]);
  });
});
