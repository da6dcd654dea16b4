import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, freshWorld, randomPhone, workerLogin, type World } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { uploadFile } from '../../../test/uploads.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n');

async function addMember(world: World, name: string) {
  const phone = randomPhone();
  const created = await t.call('POST', '/api/v1/members', {
    token: world.admin.token,
    body: { name, phone, orgId: world.grassroots.id },
  });
  expect(created.status).toBe(201);
  return { id: created.json.id as string, token: (await workerLogin(t, phone)).token };
}

async function programmeOf(world: World) {
  const res = await t.call('POST', '/api/v1/programmes', {
    token: world.admin.token,
    body: {
      kind: 'custom',
      title: '困难职工临时补助',
      orgId: world.org.id,
      opensAt: '2026-01-01T00:00:00+08:00',
      closesAt: '2099-01-01T00:00:00+08:00',
    },
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const upload = (token: string, name: string, bytes: Buffer, type = 'application/octet-stream') =>
  uploadFile(t, '/api/v1/programmes/documents', token, name, bytes, type);

const download = (token: string | null, applicationId: string, fileId: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/applications/${applicationId}/attachments/${fileId}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('programme documents', () => {
  it('stores a PDF or an image for the uploader, refuses other types and oversize files with clear errors', async () => {
    const world = await freshWorld(t);
    const member = await addMember(world, '王芳');
    const doc = await upload(member.token, '诊断证明.pdf', pdf, 'application/pdf');
    expect(doc.status).toBe(201);
    expect(doc.json).toMatchObject({ fileName: '诊断证明.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length });
    const png = await sharp({ create: { width: 3, height: 2, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    // The name says PDF, the bytes say PNG: the bytes win, and the name follows them.
    const photo = await upload(member.token, '银行卡.pdf', png);
    expect(photo.json).toMatchObject({ mediaType: 'image/png', fileName: '银行卡.pdf.png' });

    const html = await upload(member.token, 'x.pdf', Buffer.from('<html><script>alert(1)</script>'), 'application/pdf');
    expect([html.status, html.json.error.code, html.json.error.details.allowed]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      ['png', 'jpeg', 'pdf'],
    ]);
    const gif = await upload(member.token, 'a.gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif');
    expect([gif.status, gif.json.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const big = await upload(member.token, 'big.pdf', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]));
    expect([big.status, big.json.error.code, big.json.error.details.maxBytes]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
      10 * 1024 * 1024,
    ]);
    expect(big.json.error.message).toBe('文件或请求过大');

    // A worker outside the member registry cannot apply, so cannot upload; staff need the programme role.
    const stranger = await workerLogin(t);
    expect((await upload(stranger.token, 'a.pdf', pdf)).json.error.code).toBe('MEMBERSHIP_REQUIRED');
    const leader = await createStaffUser(t, world.admin.token, world.org.id, ['leader']);
    expect((await upload(leader.token, 'a.pdf', pdf)).status).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/programmes/documents',
          headers: { 'content-type': 'application/json' },
          payload: '{}',
        })
      ).statusCode,
    ).toBe(401);
  });

  it('attaches only the caller’s own uploads, and serves them to the applicant and the staff who see the application', async () => {
    const world = await freshWorld(t);
    const programmeId = await programmeOf(world);
    const member = await addMember(world, '李强');
    const other = await addMember(world, '赵敏');
    const officer = await createStaffUser(t, world.admin.token, world.grassroots.id, ['programme_officer']);
    const mine = await upload(member.token, '证明.pdf', pdf);
    const theirs = await upload(other.token, '他人证明.pdf', pdf);
    const officersDoc = await upload(officer.token, '代办材料.pdf', pdf);
    expect([mine.status, theirs.status, officersDoc.status]).toEqual([201, 201, 201]);

    // Another worker's file, or a staff member's, is not the member's to attach.
    for (const foreign of [theirs.json.id, officersDoc.json.id]) {
      const refused = await t.call('POST', `/api/v1/programmes/${programmeId}/applications`, {
        token: member.token,
        body: { amountFen: 1_000, attachmentIds: [mine.json.id, foreign] },
      });
      expect([refused.status, refused.json.error.details.issues[0].path]).toEqual([400, 'attachmentIds.1']);
    }
    const applied = await t.call('POST', `/api/v1/programmes/${programmeId}/applications`, {
      token: member.token,
      body: { amountFen: 1_000, attachmentIds: [mine.json.id] },
    });
    expect(applied.status).toBe(201);
    expect(applied.json.attachments).toEqual([mine.json.id]);
    const id = applied.json.id as string;

    // The officer applies for the other member with the officer's own upload.
    const onBehalf = await t.call('POST', `/api/v1/programmes/${programmeId}/applications`, {
      token: officer.token,
      body: { memberId: other.id, amountFen: 1_000, attachmentIds: [officersDoc.json.id] },
    });
    expect(onBehalf.json.attachments).toEqual([officersDoc.json.id]);

    for (const token of [member.token, officer.token, world.admin.token]) {
      const res = await download(token, id, mine.json.id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.rawPayload.equals(pdf)).toBe(true);
    }
    expect((await download(other.token, onBehalf.json.id, officersDoc.json.id)).statusCode).toBe(200);
    // Another member, another org's admin, a file the application does not attach: 404; nobody signed in: 401.
    const elsewhere = await freshWorld(t);
    expect((await download(other.token, id, mine.json.id)).statusCode).toBe(404);
    expect((await download(elsewhere.admin.token, id, mine.json.id)).statusCode).toBe(404);
    expect((await download(member.token, id, theirs.json.id)).statusCode).toBe(404);
    expect((await download(member.token, onBehalf.json.id, officersDoc.json.id)).statusCode).toBe(404);
    expect((await download(null, id, mine.json.id)).statusCode).toBe(401);
  });
});
