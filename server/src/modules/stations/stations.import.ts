import { stationStatusLabels, stationTypeLabels } from '../../../../shared/labels.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { issueMessage } from '../../kernel/i18n/messages.js';
import {
  importErrorWorkbook,
  importInScope,
  presentJob,
  startImport,
  type ColumnLabels,
  type ImportRun,
} from '../../kernel/imports.js';
import { auditIn } from '../../kernel/use-case.js';
import type { Locale } from '../../kernel/i18n/messages.js';
import { finishJob, reportJobProgress, type JobError } from '../../kernel/jobs.js';
import { cellText, countDataRows, mapHeaders, sheetRows, workbookOf, type ColumnSpec } from '../../kernel/xlsx.js';
import { stationTypes, type StationType } from './stations.hours.js';
import { stationIndexOf } from './stations.state.js';
import { authorizeManageStations } from './stations.policy.js';
import { insertNewStation, listStations, type StationInput } from './stations.service.js';

export const stationColumns = {
  name: ['名称', '站点名称', 'name'],
  type: ['类型', '站点类型', 'type'],
  address: ['地址', 'address'],
  lat: ['纬度', 'lat', 'latitude'],
  lng: ['经度', 'lng', 'longitude'],
  hours: ['开放时间', 'hours'],
  services: ['服务', '服务项目', 'services'],
  phone: ['电话', '联系电话', 'phone'],
  regionCode: ['行政区划代码', 'regioncode'],
} as const;
type Field = keyof typeof stationColumns;

/** The columns as people call them, for error lists. */
export const stationColumnLabels: ColumnLabels = {
  name: { 'zh-CN': '名称', en: 'Name' },
  type: { 'zh-CN': '类型', en: 'Type' },
  address: { 'zh-CN': '地址', en: 'Address' },
  lat: { 'zh-CN': '纬度', en: 'Latitude' },
  lng: { 'zh-CN': '经度', en: 'Longitude' },
  hours: { 'zh-CN': '开放时间', en: 'Opening hours' },
  services: { 'zh-CN': '服务', en: 'Services' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  regionCode: { 'zh-CN': '行政区划代码', en: 'Region code' },
};

/** Staff write types as they say them. */
const typeNames: Record<string, StationType> = {
  爱心驿站: 'rest_station',
  工会驿站: 'rest_station',
  驿站: 'rest_station',
  母婴关爱室: 'mother_baby_room',
  母婴室: 'mother_baby_room',
  纳凉公交: 'cooling_bus',
  爱心早餐: 'breakfast_shop',
  早餐店: 'breakfast_shop',
  爱心早餐店: 'breakfast_shop',
};

export const exportColumns: ColumnSpec[] = [
  { header: '站点编码', key: 'code', width: 16 },
  { header: '名称', key: 'name', width: 28 },
  { header: '类型', key: 'type', width: 12 },
  { header: '地址', key: 'address', width: 36 },
  { header: '纬度', key: 'lat', width: 12 },
  { header: '经度', key: 'lng', width: 12 },
  { header: '开放时间', key: 'hours', width: 14 },
  { header: '服务', key: 'services', width: 30 },
  { header: '电话', key: 'phone', width: 16, kind: 'text' },
  { header: '所属组织', key: 'org', width: 24 },
  { header: '状态', key: 'status', width: 8 },
  { header: '30天访问', key: 'views', width: 10 },
  { header: '30天扫码', key: 'qrScans', width: 10 },
  { header: '评分', key: 'rating', width: 8 },
  { header: '评价数', key: 'ratings', width: 8 },
];

/** The words the console shows for a station's type and state (shared/labels.ts). */
export const typeLabel: Record<StationType, string> = stationTypeLabels['zh-CN'];
const statusLabel = stationStatusLabels['zh-CN'];

export function stationTemplate(): Promise<Buffer> {
  return workbookOf(
    '站点',
    exportColumns
      .filter((c) => ['name', 'type', 'address', 'lat', 'lng', 'hours', 'services', 'phone'].includes(c.key))
      .concat([{ header: '行政区划代码', key: 'regionCode', width: 14, kind: 'text' }]),
    [
      {
        name: '团结西路工会爱心驿站',
        type: '爱心驿站',
        address: '西安市莲湖区团结西路10号',
        lat: 34.2618,
        lng: 108.8952,
        hours: '全天',
        services: '饮水、热饭、充电',
        phone: '029-88880001',
        regionCode: '610104',
      },
    ],
  );
}

const batchSize = 200;

/** Parses 全天 / 24h or HH:MM-HH:MM. */
function parseHours(text: string): { alwaysOpen: boolean; opensAt: string | null; closesAt: string | null } | null {
  if (/^(全天|24小时|24h)$/i.test(text)) return { alwaysOpen: true, opensAt: null, closesAt: null };
  const m = /^([01]?\d|2[0-3])[:：]([0-5]\d)\s*[-–~～至]\s*([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(text);
  if (!m) return null;
  return {
    alwaysOpen: false,
    opensAt: `${m[1]!.padStart(2, '0')}:${m[2]}`,
    closesAt: `${m[3]!.padStart(2, '0')}:${m[4]}`,
  };
}

export async function runStationImport(ctx: AppContext, job: ImportRun, bytes: Buffer): Promise<void> {
  const total = await countDataRows(bytes);
  await reportJobProgress(ctx.db, job.id, { total, processed: 0, succeeded: 0, failed: 0, newErrors: [] });
  const counts = { processed: 0, succeeded: 0, failed: 0 };
  let columns: Partial<Record<Field, number>> | null = null;
  let batch: { row: number; input: StationInput; regionCode: string }[] = [];
  let errors: JobError[] = [];
  const fail = (row: number, field: string, code: string) =>
    errors.push({ row, field, code, message: issueMessage(code, 'zh-CN') });

  const flush = async () => {
    const rows = batch;
    batch = [];
    if (rows.length > 0) {
      await ctx.db.transaction(async (tx) => {
        for (const r of rows)
          await insertNewStation(ctx, tx, { kind: 'staff', id: job.createdBy }, r.input, r.regionCode);
        await auditIn(
          ctx,
          tx,
          { kind: 'staff', id: job.createdBy },
          {
            action: 'station.import_batch',
            objectType: 'job',
            objectId: job.id,
            orgId: job.org.id,
            details: { inserted: rows.length },
          },
        );
      });
    }
    if (rows.length > 0) stationIndexOf(ctx).invalidate();
    counts.succeeded += rows.length;
    counts.failed = counts.processed - counts.succeeded;
    const newErrors = errors;
    errors = [];
    await reportJobProgress(ctx.db, job.id, { ...counts, newErrors });
  };

  for await (const row of sheetRows(bytes)) {
    if (!columns) {
      columns = mapHeaders(row, stationColumns);
      const missing = (['name', 'type', 'address', 'lat', 'lng'] as const).filter((f) => columns![f] === undefined);
      if (missing.length > 0)
        return finishJob(ctx.db, job.id, 'failed', `missing_column:${missing.join(',')}`, ctx.clock.now());
      continue;
    }
    const get = (f: Field) => (columns![f] === undefined ? '' : cellText(row.values[columns![f]!]));
    if (!get('name') && !get('address')) continue;
    counts.processed++;
    const before = errors.length;
    const name = get('name');
    if (!name || name.length > 100) fail(row.number, 'name', name ? 'too_big' : 'required');
    const typeText = get('type');
    const type =
      typeNames[typeText] ??
      ((stationTypes as readonly string[]).includes(typeText) ? (typeText as StationType) : null);
    if (!type) fail(row.number, 'type', 'invalid_station_type');
    const address = get('address');
    if (!address || address.length > 200) fail(row.number, 'address', address ? 'too_big' : 'required');
    const lat = Number(get('lat'));
    const lng = Number(get('lng'));
    if (!get('lat') || !Number.isFinite(lat) || lat < -90 || lat > 90) fail(row.number, 'lat', 'invalid_coordinates');
    if (!get('lng') || !Number.isFinite(lng) || lng < -180 || lng > 180) fail(row.number, 'lng', 'invalid_coordinates');
    const hours = get('hours')
      ? parseHours(get('hours'))
      : type === 'cooling_bus'
        ? { alwaysOpen: false, opensAt: null, closesAt: null }
        : null;
    if (!hours) fail(row.number, 'hours', get('hours') ? 'invalid_time' : 'hours_required');
    const regionCode = get('regionCode') || job.org.regionCode || '';
    if (!/^\d{6}$/.test(regionCode)) fail(row.number, 'regionCode', 'invalid_region_code');
    if (errors.length > before) continue;
    batch.push({
      row: row.number,
      regionCode,
      input: {
        orgId: job.org.id,
        type: type!,
        name,
        address,
        lat,
        lng,
        alwaysOpen: hours!.alwaysOpen,
        openDays: [1, 2, 3, 4, 5, 6, 7],
        opensAt: hours!.opensAt,
        closesAt: hours!.closesAt,
        services: get('services')
          .split(/[,，、;；\s]+/)
          .map((x) => x.trim())
          .filter(Boolean)
          .slice(0, 30),
        phone: get('phone').slice(0, 30) || null,
      },
    });
    if (batch.length >= batchSize) await flush();
  }
  if (!columns) return finishJob(ctx.db, job.id, 'failed', 'missing_column:name,type,address,lat,lng', ctx.clock.now());
  await flush();
  await finishJob(ctx.db, job.id, 'succeeded', null, ctx.clock.now());
}

export async function startStationImport(
  ctx: AppContext,
  principal: StaffPrincipal,
  orgId: string,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  return startImport(ctx, principal, {
    kind: 'station_import',
    orgId,
    authorize: authorizeManageStations,
    readUpload,
    run: (job, bytes) => runStationImport(ctx, job, bytes),
  });
}

export async function getStationImport(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  return presentJob(await importInScope(ctx, principal, id, 'station_import', authorizeManageStations), {
    locale,
    labels: stationColumnLabels,
  });
}

export async function stationImportErrors(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  locale: Locale,
): Promise<Buffer> {
  return importErrorWorkbook(
    (await importInScope(ctx, principal, id, 'station_import', authorizeManageStations)).errors,
    {
      locale,
      labels: stationColumnLabels,
    },
  );
}

/** Every station of the subtree (all pages) with its 30-day usage and rating, as a workbook. */
export async function exportStations(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: {
    orgId?: string | undefined;
    type?: StationType | undefined;
    status?: 'active' | 'retired' | undefined;
    q?: string | undefined;
  },
) {
  const rows: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await listStations(ctx, principal, { ...q, limit: 100, cursor });
    for (const s of page.items) {
      rows.push({
        code: s.code,
        name: s.name,
        type: typeLabel[s.type as StationType] ?? s.type,
        address: s.address,
        lat: s.lat,
        lng: s.lng,
        hours: s.hours.alwaysOpen
          ? '全天'
          : s.hours.opensAt && s.hours.closesAt
            ? `${s.hours.opensAt}-${s.hours.closesAt}`
            : '',
        services: s.services.join('、'),
        phone: s.phone ?? '',
        org: s.org.name,
        status: statusLabel[s.status],
        views: s.usage30d.views,
        qrScans: s.usage30d.qrScans,
        rating: s.rating.average ?? '',
        ratings: s.rating.count,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return workbookOf('站点', exportColumns, rows);
}
