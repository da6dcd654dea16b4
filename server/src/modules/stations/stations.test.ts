import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, freshRegionCode, freshWorld, workerLogin, type World } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook, uploadFile, waitForJob, workbook } from '../../../test/uploads.js';
import { sql } from '../../kernel/db/client.js';
import { shanghaiMoment } from './stations.hours.js';
import { StationIndex, type NearbyQuery } from './stations.index.js';
import { nearbyStations } from './stations.repository.js';
import { nearbyItem } from './stations.schemas.js';
import { z } from 'zod';

// The nearby answer is pre-serialised (no response serialiser checks it): exactly API.md's fields, no more.
const strictNearbyReply = z.object({ items: z.array(nearbyItem.strict()) }).strict();

// jsqr is CommonJS with an ES default in its types; Node hands over module.exports itself.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: Decode = (jsQRModule as unknown as { default?: Decode }).default ?? (jsQRModule as unknown as Decode);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ publicUrl: 'https://union.example.cn' });
});
afterAll(async () => {
  await t.close();
});

/** Hours that contain (or miss) the present Shanghai time, so "open now" is testable any time of day. */
function hoursAround(open: boolean) {
  const now = shanghaiMoment(new Date());
  const hour = Number(now.time.slice(0, 2));
  const fmt = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, '0')}:00`;
  return open ? { opensAt: fmt(hour), closesAt: fmt(hour + 2) } : { opensAt: fmt(hour + 2), closesAt: fmt(hour + 3) };
}

// Somewhere remote and unique per test file so the shared database's other stations do not interfere.
const origin = { lat: 36 + Math.random() * 2, lng: 90 + Math.random() * 2 };
const offset = (km: number) => ({ lat: origin.lat + km / 111, lng: origin.lng });

async function station(w: World, body: Record<string, unknown>) {
  const res = await t.call('POST', '/api/v1/stations', {
    token: w.admin.token,
    body: { orgId: w.grassroots.id, type: 'rest_station', address: '团结西路1号', services: ['饮水', '热饭'], ...body },
  });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

describe('stations', () => {
  it('codes stations by region and type, in sequence', async () => {
    const w = await freshWorld(t);
    const regionCode = await freshRegionCode(t);
    const a = await station(w, { name: '驿站A', regionCode, alwaysOpen: true, ...offset(50) });
    const b = await station(w, { name: '驿站B', regionCode, alwaysOpen: true, ...offset(51) });
    const c = await station(w, {
      name: '母婴室',
      type: 'mother_baby_room',
      regionCode,
      alwaysOpen: true,
      ...offset(52),
    });
    expect([a.code, b.code, c.code]).toEqual([`${regionCode}RS0001`, `${regionCode}RS0002`, `${regionCode}MB0001`]);
    const inherited = await station(w, { name: '驿站C', alwaysOpen: true, ...offset(53) });
    expect(inherited.code).toMatch(/^610104RS\d{4}$/);
    expect(inherited.memberAppUrl).toBe(`https://union.example.cn/s/${inherited.code}`);
  });

  it('finds the nearest first, filters by type and open now, and hides a cooling bus not scheduled today', async () => {
    const w = await freshWorld(t);
    const far = await station(w, { name: '远处驿站', alwaysOpen: true, ...offset(3) });
    const near = await station(w, { name: '近处驿站', ...hoursAround(true), ...offset(0.2) });
    const closed = await station(w, { name: '已关门驿站', ...hoursAround(false), ...offset(0.1) });
    const room = await station(w, { name: '母婴关爱室', type: 'mother_baby_room', alwaysOpen: true, ...offset(1) });
    const bus = await station(w, { name: '纳凉公交1号', type: 'cooling_bus', ...offset(0.05) });

    const all = await t.call('GET', `/api/v1/stations/nearby?lat=${origin.lat}&lng=${origin.lng}&limit=4`);
    expect(all.status).toBe(200);
    expect(all.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(strictNearbyReply.safeParse(all.json).success).toBe(true);
    expect(all.json.items.map((s: { code: string }) => s.code)).toEqual([closed.code, near.code, room.code, far.code]);
    const first = all.json.items[0];
    expect(first).toMatchObject({
      name: '已关门驿站',
      openNow: false,
      type: 'rest_station',
      services: ['饮水', '热饭'],
    });
    expect(first.distanceM).toBeGreaterThan(90);
    expect(first.distanceM).toBeLessThan(130);

    const open = await t.call(
      'GET',
      `/api/v1/stations/nearby?lat=${origin.lat}&lng=${origin.lng}&openNow=true&limit=3`,
    );
    expect(open.json.items.map((s: { code: string }) => s.code)).toEqual([near.code, room.code, far.code]);
    const rooms = await t.call(
      'GET',
      `/api/v1/stations/nearby?lat=${origin.lat}&lng=${origin.lng}&type=mother_baby_room&limit=1`,
    );
    expect(rooms.json.items.map((s: { code: string }) => s.code)).toEqual([room.code]);

    // the bus appears once its manager sets today's position and hours
    const manager = await createStaffUser(t, w.admin.token, w.grassroots.id, ['station_manager']);
    const today = await t.call('PUT', `/api/v1/stations/${bus.code}/today`, {
      token: manager.token,
      body: { ...offset(0.01), ...hoursAround(true), address: '纳凉点：莲湖公园东门' },
    });
    expect(today.status).toBe(200);
    expect(today.json.openNow).toBe(true);
    const withBus = await t.call('GET', `/api/v1/stations/nearby?lat=${origin.lat}&lng=${origin.lng}&limit=1`);
    expect(withBus.json.items[0]).toMatchObject({ code: bus.code, address: '纳凉点：莲湖公园东门', openNow: true });
    const notBus = await t.call('PUT', `/api/v1/stations/${near.code}/today`, {
      token: manager.token,
      body: { ...offset(0), ...hoursAround(true) },
    });
    expect(notBus.json.error.code).toBe('NOT_MOBILE_STATION');

    // retired stations leave the map
    await t.call('POST', `/api/v1/stations/${bus.code}/retire`, { token: w.admin.token });
    const afterRetire = await t.call('GET', `/api/v1/stations/nearby?lat=${origin.lat}&lng=${origin.lng}&limit=1`);
    expect(afterRetire.json.items[0].code).toBe(closed.code);
  });

  it('validates hours, coordinates and query parameters', async () => {
    const w = await freshWorld(t);
    const noHours = await t.call('POST', '/api/v1/stations', {
      token: w.admin.token,
      body: { orgId: w.grassroots.id, type: 'rest_station', name: 'x', address: 'y', lat: 34, lng: 108 },
    });
    expect(noHours.status).toBe(400);
    expect(noHours.json.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['opensAt', 'closesAt']);
    const bad = await t.call('POST', '/api/v1/stations', {
      token: w.admin.token,
      body: { orgId: w.grassroots.id, type: 'tent', name: '', address: 'y', lat: 91, lng: 108, opensAt: '25:00' },
    });
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'lat',
      'name',
      'opensAt',
      'type',
    ]);
    expect((await t.call('GET', '/api/v1/stations/nearby?lat=abc&lng=1')).status).toBe(400);
    expect((await t.call('GET', '/api/v1/stations/nearby?lat=1')).status).toBe(400);
    expect((await t.call('GET', '/api/v1/stations/610104RS9999')).status).toBe(404);
  });

  it('shows the public page, counts QR scans, takes one rating a day per person', async () => {
    const w = await freshWorld(t);
    const s = await station(w, {
      name: '团结西路工会爱心驿站',
      alwaysOpen: true,
      phone: '029-88888888',
      ...offset(20),
    });
    const page = await t.call('GET', `/api/v1/stations/${s.code}?via=qr`);
    expect(page.json).toMatchObject({
      name: '团结西路工会爱心驿站',
      openNow: true,
      phone: '029-88888888',
      rating: { average: null, count: 0 },
    });
    const worker = await workerLogin(t);
    const rated = await t.call('POST', `/api/v1/stations/${s.code}/ratings`, {
      token: worker.token,
      body: { score: 5, comment: '热水很方便' },
    });
    expect(rated.status).toBe(201);
    const again = await t.call('POST', `/api/v1/stations/${s.code}/ratings`, {
      token: worker.token,
      body: { score: 1 },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_RATED');
    const other = await workerLogin(t);
    await t.call('POST', `/api/v1/stations/${s.code}/ratings`, { token: other.token, body: { score: 4 } });
    expect((await t.call('POST', `/api/v1/stations/${s.code}/ratings`, { body: { score: 4 } })).status).toBe(401);
    expect(
      (await t.call('POST', `/api/v1/stations/${s.code}/ratings`, { token: other.token, body: { score: 6 } })).status,
    ).toBe(400);
    const after = await t.call('GET', `/api/v1/stations/${s.code}`);
    expect(after.json.rating).toEqual({ average: 4.5, count: 2 });

    const stats = await t.call('GET', `/api/v1/stations/${s.code}/stats?days=7`, { token: w.admin.token });
    expect(stats.json.days).toHaveLength(7);
    expect(stats.json.totals).toEqual({ views: 2, qrScans: 1, ratings: 2, averageScore: 4.5 });
    expect(stats.json.recentComments).toEqual([expect.objectContaining({ score: 5, comment: '热水很方便' })]);
    const list = await t.call('GET', `/api/v1/stations?orgId=${w.org.id}`, { token: w.admin.token });
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0]).toMatchObject({
      code: s.code,
      usage30d: { views: 2, qrScans: 1 },
      rating: { average: 4.5, count: 2 },
    });
  });

  it('draws QR codes that point at the station page in the member app', async () => {
    const w = await freshWorld(t);
    const s = await station(w, { name: '二维码驿站', alwaysOpen: true, ...offset(30) });
    const svg = await t.app.inject({ method: 'GET', url: `/api/v1/stations/${s.code}/qr.svg` });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const png = await t.app.inject({ method: 'GET', url: `/api/v1/stations/${s.code}/qr.png` });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    // Read the printed code back as a phone camera would.
    const image = PNG.sync.read(png.rawPayload);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(decoded?.data).toBe(`https://union.example.cn/s/${s.code}`);
  });

  it('lets station managers edit and hides stations from other subtrees', async () => {
    const w = await freshWorld(t);
    const s = await station(w, { name: '可编辑驿站', alwaysOpen: true, ...offset(40) });
    const manager = await createStaffUser(t, w.admin.token, w.org.id, ['station_manager']);
    const edited = await t.call('PATCH', `/api/v1/stations/${s.code}`, {
      token: manager.token,
      body: { supplies: '矿泉水 2 箱，急救包 1 个', services: ['饮水', '充电', '急救包'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ supplies: '矿泉水 2 箱，急救包 1 个', services: ['饮水', '充电', '急救包'] });
    const memberManager = await createStaffUser(t, w.admin.token, w.org.id, ['member_manager']);
    expect(
      (await t.call('PATCH', `/api/v1/stations/${s.code}`, { token: memberManager.token, body: { supplies: 'x' } }))
        .status,
    ).toBe(403);
    const other = await freshWorld(t);
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/stations/${s.code}`, { supplies: 'x' }],
      ['GET', `/api/v1/stations/${s.code}/manage`, undefined],
      ['GET', `/api/v1/stations/${s.code}/stats`, undefined],
      ['POST', `/api/v1/stations/${s.code}/retire`, undefined],
      ['PUT', `/api/v1/stations/${s.code}/today`, { ...offset(1), opensAt: '10:00', closesAt: '16:00' }],
    ] as const) {
      expect((await t.call(method, url, { token: other.admin.token, ...(body ? { body } : {}) })).status).toBe(404);
    }
    const retired = await t.call('POST', `/api/v1/stations/${s.code}/retire`, { token: w.admin.token });
    expect(retired.json.status).toBe('retired');
    expect(
      (await t.call('PATCH', `/api/v1/stations/${s.code}`, { token: w.admin.token, body: { supplies: 'x' } })).json
        .error.code,
    ).toBe('STATION_RETIRED');
  });
});

describe('station spreadsheets and photos', () => {
  it('imports stations with codes, reports bad rows, exports the ledger', async () => {
    const w = await freshWorld(t);
    const rows = [
      ['名称', '类型', '地址', '纬度', '经度', '开放时间', '服务', '电话'],
      [
        '大庆路环卫爱心驿站',
        '爱心驿站',
        '西安市莲湖区大庆路52号',
        34.27,
        108.9,
        '07:00-21:00',
        '饮水、热饭、充电',
        '029-88880002',
      ],
      ['劳动路母婴室', '母婴关爱室', '西安市莲湖区劳动路24号', 34.26, 108.91, '全天', '哺乳，温奶', ''],
      ['坏类型', '帐篷', '某地', 34.2, 108.9, '全天', '', ''],
      ['坏坐标', '爱心驿站', '某地', 134.2, 'x', '全天', '', ''],
      ['没时间', '爱心驿站', '某地', 34.2, 108.9, '', '', ''],
      ['莲湖纳凉公交', '纳凉公交', '莲湖公园', 34.27, 108.93, '', '空调', ''],
    ];
    const up = await uploadFile(
      t,
      `/api/v1/stations/imports?orgId=${w.grassroots.id}`,
      w.admin.token,
      '站点.xlsx',
      await workbook(rows),
    );
    expect(up.status).toBe(202);
    const job = await waitForJob(t, `/api/v1/stations/imports/${up.json.id}`, w.admin.token);
    expect(job).toMatchObject({ status: 'succeeded', total: 6, processed: 6, succeeded: 3, failed: 3 });
    expect(
      job.errorsPreview.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]),
    ).toEqual([
      [4, 'type', 'invalid_station_type'],
      [5, 'lat', 'invalid_coordinates'],
      [5, 'lng', 'invalid_coordinates'],
      [6, 'hours', 'hours_required'],
    ]);
    const list = await t.call('GET', `/api/v1/stations?orgId=${w.org.id}&limit=100`, { token: w.admin.token });
    expect(list.json.items.map((s: { name: string; code: string }) => [s.name, s.code.slice(6, 8)]).sort()).toEqual(
      [
        ['劳动路母婴室', 'MB'],
        ['大庆路环卫爱心驿站', 'RS'],
        ['莲湖纳凉公交', 'CB'],
      ].sort(),
    );
    const errors = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stations/imports/${up.json.id}/errors.xlsx`,
      headers: { authorization: `Bearer ${w.admin.token}` },
    });
    expect((await readWorkbook(errors.rawPayload)).rowCount).toBe(5);

    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stations/export.xlsx?orgId=${w.org.id}`,
      headers: { authorization: `Bearer ${w.admin.token}` },
    });
    const sheet = await readWorkbook(exported.rawPayload);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(1).value).toBe('站点编码');
    const names = [2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value);
    expect(names).toContain('大庆路环卫爱心驿站');
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stations/import-template.xlsx',
      headers: { authorization: `Bearer ${w.admin.token}` },
    });
    expect((await readWorkbook(template.rawPayload)).getRow(1).getCell(1).value).toBe('名称');
  });

  it('stores photos after sniffing them, serves them publicly, refuses other files', async () => {
    const w = await freshWorld(t);
    const s = await station(w, { name: '有照片的驿站', alwaysOpen: true, ...offset(60) });
    const png = new PNG({ width: 4, height: 4 });
    const bytes = PNG.sync.write(png);
    const added = await uploadFile(
      t,
      `/api/v1/stations/${s.code}/photos`,
      w.admin.token,
      'photo.png',
      bytes,
      'image/png',
    );
    expect(added.status).toBe(200);
    expect(added.json.photos).toHaveLength(1);
    const served = await t.app.inject({ method: 'GET', url: added.json.photos[0] });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    const image = PNG.sync.read(served.rawPayload);
    expect([image.width, image.height]).toEqual([4, 4]);
    const fake = await uploadFile(
      t,
      `/api/v1/stations/${s.code}/photos`,
      w.admin.token,
      'photo.png',
      Buffer.from('<svg></svg>'),
      'image/png',
    );
    expect(fake.status).toBe(415);
  });

  it('re-encodes a PNG with an HTML page after its data: what is served is the picture alone, sandboxed', async () => {
    const w = await freshWorld(t);
    const s = await station(w, { name: '图片夹带网页的驿站', alwaysOpen: true, ...offset(61) });
    const png = new PNG({ width: 7, height: 5 });
    png.data.fill(200);
    const polyglot = Buffer.concat([PNG.sync.write(png), Buffer.from('<html><script>alert(1)</script></html>')]);
    const added = await uploadFile(
      t,
      `/api/v1/stations/${s.code}/photos`,
      w.admin.token,
      'page.html',
      polyglot,
      'text/html',
    );
    expect(added.status).toBe(200);
    const served = await t.app.inject({ method: 'GET', url: added.json.photos[0] });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.includes('<script')).toBe(false);
    expect(served.rawPayload.includes('<html')).toBe(false);
    const image = PNG.sync.read(served.rawPayload);
    expect([image.width, image.height]).toEqual([7, 5]);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
    // Shown as the image it is, under a name that says so: never saved as an .html page.
    expect(served.headers['content-disposition']).toBe(
      `inline; filename="page.html.png"; filename*=UTF-8''page.html.png`,
    );
  });

  it('drops EXIF (GPS included) from a JPEG after turning it upright', async () => {
    const w = await freshWorld(t);
    const s = await station(w, { name: '带定位照片的驿站', alwaysOpen: true, ...offset(62) });
    const jpeg = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#c03030' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '34/1 15/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '108/1 56/1 0/1',
        },
      })
      .toBuffer();
    const sent = await sharp(jpeg).metadata();
    expect(sent.exif && hasGpsIfd(sent.exif)).toBe(true);
    const withTail = Buffer.concat([jpeg, Buffer.from('<script>alert(1)</script>')]);
    const added = await uploadFile(
      t,
      `/api/v1/stations/${s.code}/photos`,
      w.admin.token,
      'IMG_0001.JPG',
      withTail,
      'image/jpeg',
    );
    expect(added.status).toBe(200);
    const served = await t.app.inject({ method: 'GET', url: added.json.photos[0] });
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.includes('<script')).toBe(false);
    const kept = await sharp(served.rawPayload).metadata();
    expect(kept).toMatchObject({ format: 'jpeg', width: 20, height: 30 });
    expect(kept.exif).toBeUndefined();
    expect(kept.orientation).toBeUndefined();
    expect(served.rawPayload.includes('Exif')).toBe(false);
  });

  it('refuses a file that starts like an image but does not decode (400 on the file field, in both languages)', async () => {
    const w = await freshWorld(t);
    const s = await station(w, { name: '坏图片驿站', alwaysOpen: true, ...offset(63) });
    const broken = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('<html><script>alert(1)</script>'),
    ]);
    const res = await uploadFile(
      t,
      `/api/v1/stations/${s.code}/photos`,
      w.admin.token,
      'photo.png',
      broken,
      'image/png',
    );
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(res.json.error.details.issues).toEqual([{ path: 'file', code: 'invalid_image', message: '不是有效的图片' }]);
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html></html>')]);
    const en = await uploadFile(
      t,
      `/api/v1/stations/${s.code}/photos`,
      w.admin.token,
      'photo.jpg',
      fakeJpeg,
      'image/jpeg',
      { 'accept-language': 'en' },
    );
    expect(en.json.error.details.issues[0]).toMatchObject({ path: 'file', message: 'Not a valid image' });
    // a text file with an image's name is not an image at all
    const text = await uploadFile(
      t,
      `/api/v1/stations/${s.code}/photos`,
      w.admin.token,
      'photo.png',
      Buffer.from('<html>hi</html>'),
      'image/png',
    );
    expect(text.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await t.call('GET', `/api/v1/stations/${s.code}/manage`, { token: w.admin.token })).json.photos).toEqual(
      [],
    );
  });
});

/** Whether a TIFF/EXIF block (as sharp's metadata gives it) points to a GPS IFD (tag 0x8825) from IFD0. */
function hasGpsIfd(exif: Buffer): boolean {
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd0 = little ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

describe('the in-memory nearby index', () => {
  const nearbyOf = async (index: StationIndex, q: NearbyQuery) =>
    strictNearbyReply.parse(JSON.parse((await index.nearbyJson(q)).toString('utf8'))).items;

  it('answers exactly what the GiST KNN query answers', async () => {
    const w = await freshWorld(t);
    // 400 stations scattered over a 6° box around a random centre, plus cooling buses and closed ones.
    const lat0 = 20 + Math.random() * 20;
    const lng0 = 100 + Math.random() * 15;
    const tag = Math.floor(Math.random() * 1e6);
    await t.ctx.db.execute(sql`
      insert into stations (code, org_id, type, name, region_code, address, lat, lng, always_open, opens_at, closes_at, schedule_date)
      select '999999' || (array['RS','MB','BS','CB'])[1 + i % 4] || lpad((${tag} * 1000 + i)::text, 10, '0'), ${w.grassroots.id}::uuid,
             (array['rest_station','mother_baby_room','breakfast_shop','cooling_bus'])[1 + i % 4], '随机站' || i, '999999', '某地',
             ${lat0}::float8 + 6 * random() - 3, ${lng0}::float8 + 6 * random() - 3, i % 3 = 0, '08:00', '20:00',
             case when i % 8 = 3 then ${shanghaiMoment(new Date()).date}::date else null end
      from generate_series(1, 400) as i`);
    const index = new StationIndex(t.ctx.database, t.ctx.log);
    const moment = shanghaiMoment(new Date());
    for (let i = 0; i < 120; i++) {
      const q = {
        lat: lat0 + 8 * Math.random() - 4,
        lng: lng0 + 8 * Math.random() - 4,
        type: i % 5 === 0 ? 'mother_baby_room' : undefined,
        openNowOnly: i % 3 === 0,
        limit: 1 + (i % 25),
        moment,
      };
      const fromMemory = await nearbyOf(index, q);
      const fromSql = await nearbyStations(t.ctx.database, q);
      expect(fromMemory.map((r) => r.distanceM)).toEqual(fromSql.map((r) => r.distanceM));
      // Which of two stations equally far (to the metre) at the cut-off comes first is arbitrary: compare inside it.
      const cutOff = fromSql[fromSql.length - 1]?.distanceM ?? 0;
      const inside = (rows: typeof fromSql) =>
        new Set(rows.filter((r) => r.distanceM < cutOff).map((r) => `${r.code}:${r.openNow}`));
      expect(inside(fromMemory)).toEqual(inside(fromSql));
    }
  });

  it('sees its own writes at once and others’ writes after a refresh', async () => {
    const index = new StationIndex(t.ctx.database, t.ctx.log, 0);
    const w = await freshWorld(t);
    const codes = async () =>
      (await nearbyOf(index, { ...offset(70), openNowOnly: false, limit: 1, moment: shanghaiMoment(new Date()) })).map(
        (r) => r.code,
      );
    const before = await codes();
    // The first query's own background check (refreshMs 0) ends before the write, so it cannot have seen it.
    await index.backgroundWork();
    const s = await station(w, { name: '刚建的驿站', alwaysOpen: true, ...offset(70) });
    // Written through the API of this process: the shared index is invalidated.
    const viaApi = await t.call('GET', `/api/v1/stations/nearby?lat=${offset(70).lat}&lng=${offset(70).lng}&limit=1`);
    expect(viaApi.json.items[0].code).toBe(s.code);
    // A separate index (another process, in effect) still answers from its old grid, and starts a check…
    expect(await codes()).toEqual(before);
    // …whose reload picks the write up.
    await index.backgroundWork();
    expect(await codes()).toEqual([s.code]);
  });
});
