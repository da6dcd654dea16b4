import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshWorld } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { expectRawRows } from '../../../test/raw-rows.js';
import { shanghaiDate } from '../../kernel/clock.js';
import * as repo from './stations.repository.js';
import { shanghaiMoment } from './stations.hours.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('stations raw statements against the migrated schema', () => {
  it('the KNN query, the index load and the daily series run, and their rows match the declared row types', async () => {
    const w = await freshWorld(t);
    const here = { lat: 30 + Math.random() * 2, lng: 80 + Math.random() * 2 };
    const created = await t.call('POST', '/api/v1/stations', {
      token: w.admin.token,
      body: {
        orgId: w.grassroots.id,
        type: 'rest_station',
        name: '原始语句驿站',
        address: '团结西路1号',
        alwaysOpen: true,
        services: ['饮水'],
        ...here,
      },
    });
    expect(created.status).toBe(201);
    const moment = shanghaiMoment(new Date());
    const [nearest] = await expectRawRows(t.ctx.db, repo.nearbyStatement, {
      ...here,
      openNowOnly: true,
      limit: 1,
      moment,
    });
    expect(nearest).toMatchObject({ code: created.json.code, distanceM: 0, openNow: true, services: ['饮水'] });
    // The prepared path answers the same rows.
    expect(await repo.nearbyStations(t.database, { ...here, openNowOnly: true, limit: 1, moment })).toEqual([nearest]);

    // What the in-memory nearby index loads and polls.
    const indexed = await expectRawRows(t.ctx.db, repo.indexLoadStatement);
    expect(indexed.find((r) => r.code === created.json.code)).toMatchObject({
      alwaysOpen: true,
      opensAt: null,
      services: ['饮水'],
    });
    const [signature] = await expectRawRows(t.ctx.db, repo.indexSignatureStatement);
    expect(signature!.n).toBeGreaterThan(0);

    const station = (await repo.findStationByCode(t.ctx.db, created.json.code))!;
    await repo.recordView(t.ctx.db, station.id, shanghaiDate(new Date()), true);
    const since = shanghaiDate(new Date(Date.now() - 86_400_000));
    const days = await expectRawRows(t.ctx.db, repo.dailyStatsStatement, station.id, since);
    expect(days).toHaveLength(2);
    expect(days[1]).toMatchObject({
      day: shanghaiDate(new Date()),
      views: 1,
      qrScans: 1,
      ratings: 0,
      averageScore: null,
    });
  });
});
