import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

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

/**
 * An ID number the spreadsheet turned into a number (6.10104E+17): its last digits are gone, so it
 * cannot be read back. A number cell that is not an exact integer, or text in scientific notation.
 */
export function idNumberLostToNumber(raw: ExcelJS.CellValue): boolean {
  const value = raw !== null && typeof raw === 'object' && 'result' in raw ? raw.result : raw;
  if (typeof value === 'number') return !Number.isSafeInteger(value);
  return typeof value === 'string' && /^\s*\d+(\.\d+)?e\+?\d+\s*$/i.test(value);
}

/** Chunks of UTF-8 bytes as text, a character split between two chunks kept whole. */
async function* wholeCharacters(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}

/**
 * exceljs's streaming reader (4.4) decodes each inflated 16 KB chunk of a part on its own (utils/parse-sax.js), so a
 * character split between two chunks — Chinese text is three bytes a character — reads as �� (a name in a few
 * thousand rows: exceljs issue #2084, open). Its worksheets and shared strings are handed to it as text decoded
 * across chunks instead. Done once, on the class every reader here is made from.
 */
const readerProto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
const parseWorksheet = readerProto._parseWorksheet;
const parseSharedStrings = readerProto._parseSharedStrings;
readerProto._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
  return parseWorksheet.call(this, wholeCharacters(iterator), sheetNo);
};
readerProto._parseSharedStrings = function (this: ReaderInternals, entry) {
  entry.setEncoding('utf8');
  return parseSharedStrings.call(this, entry);
};

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
export function mapHeaders<F extends string>(
  header: SheetRow,
  accepted: Record<F, readonly string[]>,
): Partial<Record<F, number>> {
  const columns: Partial<Record<F, number>> = {};
  header.values.forEach((v, i) => {
    const heading = cellText(v).replace(/\s+/g, '').toLowerCase();
    for (const [field, names] of Object.entries(accepted) as [F, readonly string[]][]) {
      if (names.includes(heading) && columns[field] === undefined) columns[field] = i;
    }
  });
  return columns;
}

/**
 * How a column's values are written, so a spreadsheet can compute with them:
 * - `money`: integer fen in, a number of yuan out, shown as #,##0.00 (SUM works);
 * - `datetime`: an instant (Date or ISO string) in, Asia/Shanghai wall time out, shown as a date and time;
 * - `date`: a calendar day (YYYY-MM-DD, already Shanghai's) in, a date cell out;
 * - `text`: kept as typed (phones, ID numbers, codes: no number conversion, no lost leading zeros).
 * Any other value (a label such as 合计 in a total row) is written as it is.
 */
export type ColumnKind = 'text' | 'money' | 'datetime' | 'date';

export interface ColumnSpec {
  header: string;
  key: string;
  width: number;
  kind?: ColumnKind;
  /** A hint on the heading cell (what to type there). */
  note?: string;
}

export const moneyFormat = '#,##0.00';
export const datetimeFormat = 'yyyy-mm-dd hh:mm';
export const dateFormat = 'yyyy-mm-dd';
const numFmts: Record<ColumnKind, string> = {
  text: '@',
  money: moneyFormat,
  datetime: datetimeFormat,
  date: dateFormat,
};

const shanghaiOffsetMs = 8 * 3600 * 1000;

/**
 * A cell holds no time zone: Excel shows a date cell's wall time as it is. An instant is written as its
 * Asia/Shanghai wall time (exceljs turns a Date into a serial from its UTC fields, hence the shift).
 */
export function shanghaiCellDate(at: Date | string): Date {
  return new Date(new Date(at).getTime() + shanghaiOffsetMs);
}

/** One value as its column's kind wants it in the sheet. */
export function cellValue(kind: ColumnKind | undefined, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'money' && typeof value === 'number') return value / 100;
  if (kind === 'datetime' && (value instanceof Date || (typeof value === 'string' && !Number.isNaN(Date.parse(value)))))
    return shanghaiCellDate(value);
  if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(`${value}T00:00:00Z`);
  return value as ExcelJS.CellValue;
}

/** Sheet views with the heading row kept in sight while scrolling. */
export const headingFrozen: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', ySplit: 1 }];

/** Sets the sheet's columns with their formats; returns how to turn a row of raw values into cells. */
export function defineColumns(
  ws: ExcelJS.Worksheet,
  columns: ColumnSpec[],
): (row: Record<string, unknown>) => Record<string, ExcelJS.CellValue> {
  ws.columns = columns.map(({ header, key, width }) => ({ header, key, width }));
  for (const c of columns) {
    if (c.kind) ws.getColumn(c.key).numFmt = numFmts[c.kind];
    if (c.note) ws.getRow(1).getCell(c.key).note = c.note;
  }
  ws.getRow(1).font = { bold: true };
  return (row) => Object.fromEntries(columns.map((c) => [c.key, cellValue(c.kind, row[c.key])]));
}

/**
 * A total row's sum of a money column over the data rows, as a formula (with its value, for readers that
 * do not compute). Returned in fen for a `money` column to divide like every other value; no rows → 0.
 */
export function sumFormula(
  columnLetter: string,
  firstRow: number,
  lastRow: number,
  fen: number,
): ExcelJS.CellFormulaValue | number {
  if (lastRow < firstRow) return 0;
  return { formula: `SUM(${columnLetter}${firstRow}:${columnLetter}${lastRow})`, result: fen / 100, date1904: false };
}

export async function workbookOf(
  sheetName: string,
  columns: ColumnSpec[],
  rows: Record<string, unknown>[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName, { views: headingFrozen });
  const toCells = defineColumns(ws, columns);
  for (const r of rows) ws.addRow(toCells(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A workbook written while its rows are read, page by page, so memory stays flat whatever the count: `pages` yields
 * the rows in order. Styles are on (date and money formats). A failure while reading ends the stream with the error.
 */
export function streamWorkbook(
  sheetName: string,
  columns: ColumnSpec[],
  pages: AsyncIterable<Record<string, unknown>[]>,
): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(sheetName, { views: headingFrozen });
  const toCells = defineColumns(ws, columns);
  void (async () => {
    for await (const rows of pages) for (const r of rows) ws.addRow(toCells(r)).commit();
    ws.commit();
    await wb.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
