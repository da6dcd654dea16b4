import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    mapTileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png',
    publicUrl: 'https://union.example.cn',
  });
});
afterAll(async () => {
  await t.close();
});

describe('system', () => {
  it('tells the web apps, before anyone signs in, where map tiles and QR links point', async () => {
    const res = await t.call('GET', '/api/v1/public-config');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      mapTileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png',
      mapAttribution: t.ctx.config.mapAttribution,
      publicUrl: 'https://union.example.cn',
    });
    const doc = (await t.call('GET', '/api/openapi.json')).json;
    expect(doc.paths['/api/v1/public-config'].get.tags).toEqual(['system']);
  });

  it('describes the nearby search as both index modes answer it', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).json;
    const description: string = doc.paths['/api/v1/stations/nearby'].get.description;
    expect(description).toContain('STATION_INDEX=memory');
    expect(description).toContain('STATION_INDEX=sql');
  });
});
