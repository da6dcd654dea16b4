import ExcelJS from 'exceljs';
import type { TestApp } from './harness.js';

export async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** POSTs one file as multipart/form-data, as a browser form would. */
export async function uploadFile(
  t: TestApp,
  url: string,
  token: string,
  fileName: string,
  bytes: Buffer,
  contentType = 'application/octet-stream',
  headers: Record<string, string> = {},
) {
  const boundary = '----su' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: {
      ...headers,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      authorization: `Bearer ${token}`,
    },
    payload,
  });
  return { status: res.statusCode, json: res.json() };
}

export async function waitForJob(t: TestApp, url: string, token: string) {
  for (let i = 0; i < 600; i++) {
    const res = await t.call('GET', url, { token });
    if (res.json.status === 'succeeded' || res.json.status === 'failed') return res.json;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}
