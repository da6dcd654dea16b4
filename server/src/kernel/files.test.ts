import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, sendStoredFile, storedFileCsp } from './files.js';
import { registerSecurityHeaders } from './security-headers.js';

/** What RFC 6266 allows: a quoted ASCII fallback without quotes or controls, and an RFC 5987 ext-value. */
const validDisposition =
  /^(inline|attachment); filename="[\x20\x21\x23-\x5b\x5d-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+$/;

describe('stored file names', () => {
  it('makes a header that cannot be broken out of, whatever the name', () => {
    for (const name of [
      '劳动合同 "第1页".pdf',
      'a\r\nSet-Cookie: x=1.pdf',
      '..\\..\\win.ini',
      "it's (1)*.pdf",
      '%0d%0a.pdf',
      '\u202Efdp.exe',
      '',
    ]) {
      const header = contentDisposition('attachment', name);
      expect(header).toMatch(validDisposition);
      expect(header).not.toMatch(/[\r\n]/);
    }
    const header = contentDisposition('inline', '工资条 "3月".png');
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('工资条 "3月".png');
    expect(header).toContain('filename="___ _3__.png"');
  });

  it('keeps the last path segment, drops controls and bidi overrides, and ends with the sniffed type’s extension', () => {
    expect(cleanFileName('C:\\Users\\me\\照片.JPG', 'jpeg')).toBe('照片.jpg');
    expect(cleanFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(cleanFileName('invoice\u202Efdp.html', 'pdf')).toBe('invoicefdp.html.pdf');
    expect(cleanFileName('a\tb\u0000c"d.png', 'png')).toBe('a b cd.png');
    expect(cleanFileName('   ', 'png')).toBe('file.png');
    expect([...cleanFileName('长'.repeat(500), 'xlsx')]).toHaveLength(200);
  });
});

describe('sendStoredFile', () => {
  it('wins over site-wide security headers, and never lets a stored type become something else', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, { mapTileUrl: '', publicUrl: 'http://localhost' });
    app.get('/png', (_req, reply) =>
      sendStoredFile(reply, { fileName: 'a.png', mediaType: 'image/png', content: Buffer.from('x') }, 'no-store'),
    );
    app.get('/html', (_req, reply) =>
      sendStoredFile(
        reply,
        { fileName: 'a.html', mediaType: 'text/html', content: Buffer.from('<script>') },
        'no-store',
      ),
    );
    const png = await app.inject('/png');
    expect(png.headers['content-security-policy']).toBe(storedFileCsp);
    expect(png.headers['x-content-type-options']).toBe('nosniff');
    expect(png.headers['content-disposition']).toMatch(/^inline; /);
    const html = await app.inject('/html');
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['content-disposition']).toMatch(/^attachment; /);
    await app.close();
  });
});
