import QRCode from 'qrcode';
import { z } from 'zod';
import { requireStaffWithin } from '../../kernel/access.js';
import type { Actor } from '../../kernel/audit.js';
import type { StaffPrincipal, WorkerPrincipal } from '../../kernel/auth.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, validationFailed } from '../../kernel/errors.js';
import { checkUpload, readStoredFile, storeFile, withStagedFile, type FileToServe } from '../../kernel/files.js';
import { actorOf, auditIn, audited, inScope, orgInScope, scopeOf, type Authorize } from '../../kernel/use-case.js';
import { decodeCursor, paginate } from '../../kernel/pagination.js';
import { isOpenAt, shanghaiMoment, stationCode, type StationType } from './stations.hours.js';
import { stationIndexOf, stationsTopic } from './stations.state.js';
import { authorizeManageStations, authorizeReadStations } from './stations.policy.js';
import * as repo from './stations.repository.js';

export const maxPhotoBytes = 5 * 1024 * 1024;
const maxPhotos = 9;

export function memberAppUrl(ctx: AppContext, code: string): string {
  return `${ctx.config.publicUrl}/s/${code}`;
}

function present(ctx: AppContext, row: repo.StationRow) {
  return {
    code: row.code,
    name: row.name,
    type: row.type,
    regionCode: row.regionCode,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    hours: {
      alwaysOpen: row.alwaysOpen,
      openDays: row.openDays,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      scheduleDate: row.scheduleDate,
    },
    openNow: row.status === 'active' && isOpenAt(row, shanghaiMoment(ctx.clock.now())),
    services: row.services,
    supplies: row.supplies,
    phone: row.phone,
    org: { id: row.orgId, name: row.orgName },
    photos: row.photoFileIds.map((id) => `/api/v1/stations/${row.code}/photos/${id}`),
    status: row.status,
    rating: { average: row.ratingAverage, count: row.ratingCount },
    memberAppUrl: memberAppUrl(ctx, row.code),
  };
}

function presentForStaff(ctx: AppContext, row: repo.StationRow & { views30d?: number; qrScans30d?: number }) {
  return {
    ...present(ctx, row),
    id: row.id,
    managerId: row.managerId,
    usage30d: { views: row.views30d ?? 0, qrScans: row.qrScans30d ?? 0 },
  };
}

function checkHours(
  input: {
    alwaysOpen?: boolean | undefined;
    opensAt?: string | null | undefined;
    closesAt?: string | null | undefined;
  },
  type: string,
): void {
  // A cooling bus gets its hours day by day; every other station needs hours unless always open.
  if (type === 'cooling_bus' || input.alwaysOpen) return;
  const issues = [];
  if (!input.opensAt) issues.push({ path: 'opensAt', code: 'hours_required', message: '' });
  if (!input.closesAt) issues.push({ path: 'closesAt', code: 'hours_required', message: '' });
  if (issues.length > 0) throw validationFailed(issues);
}

/** Writes a change, audits it, refreshes the nearby index, answers the station as staff see it. */
async function changeStation(
  ctx: AppContext,
  principal: StaffPrincipal,
  row: repo.StationRow,
  action: string,
  patch: Partial<repo.NewStation>,
) {
  await audited(
    ctx,
    principal,
    async (tx) => {
      await repo.updateStationRow(tx, row.id, patch, ctx.clock.now());
      await ctx.changes.publish(tx, stationsTopic);
    },
    {
      action,
      objectType: 'station',
      objectId: row.id,
      orgId: row.orgId,
      details: patch,
    },
  );
  stationIndexOf(ctx).invalidate();
  return presentForStaff(ctx, (await repo.findStationByCode(ctx.db, row.code))!);
}

/** The station of `code` in the caller's subtree (else 404), to a caller `authorize` lets act on it (else 403). */
async function loadForStaff(
  ctx: AppContext,
  principal: StaffPrincipal,
  code: string,
  authorize: Authorize,
): Promise<repo.StationRow> {
  return inScope(await repo.findStationByCode(ctx.db, code), principal, authorize);
}

export interface StationInput {
  orgId: string;
  type: StationType;
  regionCode?: string | undefined;
  name: string;
  address: string;
  lat: number;
  lng: number;
  alwaysOpen: boolean;
  openDays: number[];
  opensAt?: string | null | undefined;
  closesAt?: string | null | undefined;
  services: string[];
  supplies?: string | null | undefined;
  phone?: string | null | undefined;
  managerId?: string | null | undefined;
}

/** Registers a station with the next code of its region and type; used by the form and by imports. */
export async function insertNewStation(
  ctx: AppContext,
  tx: AppContext['db'],
  actor: Actor,
  input: StationInput,
  regionCode: string,
): Promise<string> {
  const code = stationCode(regionCode, input.type, await repo.nextSequence(tx, regionCode, input.type));
  const id = crypto.randomUUID();
  // Every server process's nearby index reloads once this commits (repeats within a transaction are sent once).
  await ctx.changes.publish(tx, stationsTopic);
  await repo.insertStation(tx, {
    id,
    code,
    orgId: input.orgId,
    type: input.type,
    name: input.name,
    regionCode,
    address: input.address,
    lat: input.lat,
    lng: input.lng,
    alwaysOpen: input.alwaysOpen,
    openDays: input.openDays,
    opensAt: input.opensAt ?? null,
    closesAt: input.closesAt ?? null,
    services: input.services,
    supplies: input.supplies ?? null,
    phone: input.phone ?? null,
    managerId: input.managerId ?? null,
  });
  await auditIn(ctx, tx, actor, {
    action: 'station.create',
    objectType: 'station',
    objectId: id,
    orgId: input.orgId,
    details: { code, name: input.name, type: input.type },
  });
  return code;
}

export async function createStation(ctx: AppContext, principal: StaffPrincipal, input: StationInput) {
  const org = await orgInScope(ctx, principal, input.orgId, authorizeManageStations);
  checkHours(input, input.type);
  if (input.managerId) await requireStaffWithin(ctx.db, input.managerId, principal.orgPath, 'managerId');
  const regionCode = input.regionCode ?? org.regionCode;
  if (!regionCode) throw validationFailed([{ path: 'regionCode', code: 'required', message: '' }]);
  const code = await ctx.db.transaction((tx) => insertNewStation(ctx, tx, actorOf(principal), input, regionCode));
  stationIndexOf(ctx).invalidate();
  return presentForStaff(ctx, (await repo.findStationByCode(ctx.db, code))!);
}

export async function updateStation(
  ctx: AppContext,
  principal: StaffPrincipal,
  code: string,
  patch: Partial<Omit<StationInput, 'orgId' | 'type' | 'regionCode'>>,
) {
  const row = await loadForStaff(ctx, principal, code, authorizeManageStations);
  if (row.status === 'retired') throw new AppError('STATION_RETIRED');
  checkHours(
    {
      alwaysOpen: patch.alwaysOpen ?? row.alwaysOpen,
      opensAt: patch.opensAt === undefined ? row.opensAt : patch.opensAt,
      closesAt: patch.closesAt === undefined ? row.closesAt : patch.closesAt,
    },
    row.type,
  );
  if (patch.managerId) await requireStaffWithin(ctx.db, patch.managerId, principal.orgPath, 'managerId');
  return changeStation(ctx, principal, row, 'station.update', patch);
}

/** A cooling bus's position and hours for today (Asia/Shanghai); it is on the map only today. */
export async function setTodayPosition(
  ctx: AppContext,
  principal: StaffPrincipal,
  code: string,
  input: { lat: number; lng: number; address?: string | undefined; opensAt: string; closesAt: string },
) {
  const row = await loadForStaff(ctx, principal, code, authorizeManageStations);
  if (row.status === 'retired') throw new AppError('STATION_RETIRED');
  if (row.type !== 'cooling_bus') throw new AppError('NOT_MOBILE_STATION');
  const today = shanghaiDate(ctx.clock.now());
  const patch = {
    lat: input.lat,
    lng: input.lng,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    scheduleDate: today,
    openDays: [1, 2, 3, 4, 5, 6, 7],
    alwaysOpen: false,
    ...(input.address ? { address: input.address } : {}),
  };
  return changeStation(ctx, principal, row, 'station.position_today', patch);
}

export async function retireStation(ctx: AppContext, principal: StaffPrincipal, code: string) {
  const row = await loadForStaff(ctx, principal, code, authorizeManageStations);
  return changeStation(ctx, principal, row, 'station.retire', { status: 'retired' });
}

export async function addStationPhoto(
  ctx: AppContext,
  principal: StaffPrincipal,
  code: string,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  const row = await loadForStaff(ctx, principal, code, authorizeManageStations);
  if (row.photoFileIds.length >= maxPhotos)
    throw validationFailed([{ path: 'file', code: 'too_big', message: `at most ${maxPhotos} photos` }]);
  const upload = await checkUpload(await readUpload(), { allowed: ['png', 'jpeg'], maxBytes: maxPhotoBytes });
  await withStagedFile(ctx.fileStorage, upload, (staged) =>
    audited(
      ctx,
      principal,
      async (tx) => {
        const file = await storeFile(tx, staged, { ownerKind: 'station', ownerId: row.id });
        await repo.updateStationRow(tx, row.id, { photoFileIds: [...row.photoFileIds, file.id] }, ctx.clock.now());
        return file;
      },
      (file) => ({
        action: 'station.photo_add',
        objectType: 'station',
        objectId: row.id,
        orgId: row.orgId,
        details: { fileId: file.id },
      }),
    ),
  );
  return presentForStaff(ctx, (await repo.findStationByCode(ctx.db, code))!);
}

export async function stationPhoto(ctx: AppContext, code: string, fileId: string): Promise<FileToServe> {
  const row = await repo.findStationByCode(ctx.db, code);
  if (!row || !row.photoFileIds.includes(fileId)) throw new AppError('NOT_FOUND');
  const file = await readStoredFile(ctx.db, ctx.fileStorage, fileId);
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

/** The public station page; each open is counted for the station's usage figures. */
export async function getPublicStation(ctx: AppContext, code: string, via: 'qr' | 'map' | undefined) {
  const row = await repo.findStationByCode(ctx.db, code);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status === 'active') await repo.recordView(ctx.db, row.id, shanghaiDate(ctx.clock.now()), via === 'qr');
  return present(ctx, row);
}

/** The answer as JSON text: the hottest public route skips per-request serialisation (see stations.index.ts). */
export async function findNearbyStations(
  ctx: AppContext,
  q: { lat: number; lng: number; type?: string | undefined; openNow?: 'true' | 'false' | undefined; limit: number },
) {
  const query = {
    lat: q.lat,
    lng: q.lng,
    type: q.type,
    openNowOnly: q.openNow === 'true',
    limit: q.limit,
    moment: shanghaiMoment(ctx.clock.now()),
  };
  // The in-memory grid by default; the GiST KNN query when configured so (or to cross-check it).
  if (ctx.config.stationIndex === 'memory') return stationIndexOf(ctx).nearbyJson(query);
  return JSON.stringify({ items: await repo.nearbyStations(ctx.database, query) });
}

export async function rateStation(
  ctx: AppContext,
  worker: WorkerPrincipal,
  code: string,
  input: { score: number; comment?: string | undefined },
) {
  const row = await repo.findStationByCode(ctx.db, code);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status === 'retired') throw new AppError('STATION_RETIRED');
  const ratedOn = shanghaiDate(ctx.clock.now());
  const created = await audited(
    ctx,
    worker,
    async (tx) => {
      const inserted = await repo.insertRating(tx, {
        stationId: row.id,
        accountId: worker.accountId,
        score: input.score,
        comment: input.comment ?? null,
        ratedOn,
      });
      if (!inserted) throw new AppError('ALREADY_RATED');
      return inserted;
    },
    {
      action: 'station.rate',
      objectType: 'station',
      objectId: row.id,
      orgId: row.orgId,
      details: { score: input.score },
    },
  );
  return { id: created.id, score: input.score, comment: input.comment ?? null, ratedOn };
}

async function qrTarget(ctx: AppContext, code: string): Promise<string> {
  const row = await repo.findStationByCode(ctx.db, code);
  if (!row) throw new AppError('NOT_FOUND');
  return memberAppUrl(ctx, row.code);
}

export async function stationQrSvg(ctx: AppContext, code: string): Promise<string> {
  return QRCode.toString(await qrTarget(ctx, code), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** A print-quality PNG (1024 px) for the sign in the station. */
export async function stationQrPng(ctx: AppContext, code: string): Promise<Buffer> {
  return QRCode.toBuffer(await qrTarget(ctx, code), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 1024 });
}

export async function listStations(
  ctx: AppContext,
  principal: StaffPrincipal,
  q: {
    orgId?: string | undefined;
    type?: string | undefined;
    status?: string | undefined;
    q?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const scope = await scopeOf(ctx, principal, q.orgId, authorizeReadStations);
  const since = shanghaiDate(new Date(ctx.clock.now().getTime() - 29 * 86_400_000));
  const rows = await repo.listStationRows(
    ctx.db,
    { scope, type: q.type, status: q.status, q: q.q, since },
    q.limit,
    decodeCursor(q.cursor, z.object({ code: z.string() })),
  );
  const page = paginate(rows, q.limit, (r) => ({ code: r.code }));
  return { items: page.items.map((r) => presentForStaff(ctx, r)), nextCursor: page.nextCursor };
}

export async function getStationForStaff(ctx: AppContext, principal: StaffPrincipal, code: string) {
  const row = await loadForStaff(ctx, principal, code, authorizeReadStations);
  return presentForStaff(ctx, row);
}

export async function stationStats(ctx: AppContext, principal: StaffPrincipal, code: string, days: number) {
  const row = await loadForStaff(ctx, principal, code, authorizeReadStations);
  const since = shanghaiDate(new Date(ctx.clock.now().getTime() - (days - 1) * 86_400_000));
  const series = await repo.dailyStats(ctx.db, row.id, since);
  const ratings = series.reduce((n, d) => n + d.ratings, 0);
  const weighted = series.reduce((n, d) => n + (d.averageScore ?? 0) * d.ratings, 0);
  return {
    code: row.code,
    days: series,
    totals: {
      views: series.reduce((n, d) => n + d.views, 0),
      qrScans: series.reduce((n, d) => n + d.qrScans, 0),
      ratings,
      averageScore: ratings > 0 ? Math.round((weighted / ratings) * 100) / 100 : null,
    },
    recentComments: (await repo.recentComments(ctx.db, row.id, 10)).map((c) => ({
      score: c.score,
      comment: c.comment ?? '',
      ratedOn: String(c.ratedOn),
    })),
  };
}
