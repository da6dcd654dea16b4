import type { Database } from '../../kernel/db/client.js';
import { indexSignature, stationsForIndex, type IndexedStationRow } from './stations.repository.js';
import { compileHours, openAtSecond, stationTypes, type ShanghaiMoment, type StationType } from './stations.hours.js';

/**
 * An in-memory grid over all active stations, for the one query every worker's phone makes:
 * "nearest to me". PostgreSQL's GiST KNN answers the same query (and serves while this loads);
 * this answers it without a database round trip. Local writes invalidate it at once; writes by
 * other server processes arrive through the change feed (kernel/changes.ts), and a periodic check of the
 * stations' count and latest change within `refreshMs` catches any notification lost with a connection.
 */
type LoadedRow = IndexedStationRow;

/**
 * The grid, packed (compressed sparse rows): stations sorted by cell, and per station what a search
 * reads for every candidate — its unit vector in `xyz`, its type, hours and service day in `meta` —
 * in flat typed arrays, cell k's stations at [cellStart[k], cellStart[k + 1]). Neighbouring cells of
 * a row are neighbours in memory, and nothing is an object per station: a search reads a few
 * contiguous runs, and the answer bytes only for the winners.
 */
const metaStride = 4;
/** meta[4i]: type index (bits 0–2), always open (bit 3), ISO weekday mask (bits 8–15). */
const alwaysOpenBit = 1 << 3;

export interface NearbyFilter {
  /** Index in `stationTypes`, or -1 for any type. */
  typeIndex: number;
  openNowOnly: boolean;
  /** Today in Shanghai as YYYYMMDD, the ISO weekday and the second of the day. */
  day: number;
  isoWeekday: number;
  second: number;
}

export interface Found {
  station: number;
  distanceM: number;
  openNow: boolean;
}

// earthdistance's earth(): the sphere radius earth_distance() uses, so both paths agree to the metre.
const earthRadiusM = 6378168;
const cellDeg = 0.5;
const latCells = 180 / cellDeg;
const lngCells = 360 / cellDeg;
const toRad = Math.PI / 180;

function cellOf(lat: number, lng: number): number {
  return Math.floor((lat + 90) / cellDeg) * lngCells + Math.floor((lng + 180) / cellDeg);
}

function dayNumber(isoDate: string | null): number {
  return isoDate ? Number(isoDate.slice(0, 10).replaceAll('-', '')) : -1;
}

/** Squared chord on the unit sphere → great-circle metres. */
function chord2ToMetres(chord2: number): number {
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(chord2) / 2));
}

/**
 * The nearest distance from a point to anywhere outside the block of cells of rings below `r`:
 * every station in ring r or beyond is at least this far, so the search stops once the
 * `limit`-th best is nearer.
 */
function outsideBlockMetres(lat: number, lng: number, latCell: number, lngCell: number, r: number): number {
  const south = (latCell - (r - 1)) * cellDeg - 90;
  const north = (latCell + r) * cellDeg - 90;
  const west = (lngCell - (r - 1)) * cellDeg - 180;
  const east = (lngCell + r) * cellDeg - 180;
  // Latitude difference bounds the angle to any point of another parallel.
  const byLat = Math.min(lat - south, north - lat) * toRad;
  // Distance to a meridian Δλ away: asin(cos φ · sin Δλ), the nearest point of the whole great circle.
  const dLng = Math.min(lng - west, east - lng, 90) * toRad;
  const byLng = Math.asin(Math.min(1, Math.cos(lat * toRad) * Math.sin(dLng)));
  return earthRadiusM * Math.max(0, Math.min(byLat, byLng));
}

/** Scratch space of one index's searches: a search runs to its end without yielding. */
interface Scratch {
  chord2: Float64Array;
  stations: Int32Array;
}

class Grid {
  private readonly cellStart = new Int32Array(latCells * lngCells + 1);
  private readonly xyz: Float64Array;
  private readonly meta: Int32Array;
  /**
   * `"code":…,"name":…,…,"services":[…]` — each station's fixed answer fields, serialised and
   * UTF-8 encoded once, back to back; station i's bytes are [textStart[i], textStart[i + 1]).
   */
  readonly textBytes: Uint8Array;
  readonly textStart: Uint32Array;

  constructor(rows: LoadedRow[]) {
    const cells = rows.map((r) => cellOf(r.lat, r.lng));
    const order = rows.map((_, i) => i).sort((a, b) => cells[a]! - cells[b]!);
    const n = rows.length;
    this.xyz = new Float64Array(n * 3);
    this.meta = new Int32Array(n * metaStride);
    this.textStart = new Uint32Array(n + 1);
    const texts: Buffer[] = [];
    let offset = 0;
    order.forEach((index, i) => {
      const row = rows[index]!;
      this.cellStart[cells[index]! + 1]!++;
      const cosLat = Math.cos(row.lat * toRad);
      this.xyz[3 * i] = cosLat * Math.cos(row.lng * toRad);
      this.xyz[3 * i + 1] = cosLat * Math.sin(row.lng * toRad);
      this.xyz[3 * i + 2] = Math.sin(row.lat * toRad);
      const h = compileHours(row);
      const type = Math.max(0, stationTypes.indexOf(row.type as StationType));
      this.meta[metaStride * i] = type | (h.alwaysOpen ? alwaysOpenBit : 0) | (h.dayMask << 8);
      this.meta[metaStride * i + 1] = h.opens;
      this.meta[metaStride * i + 2] = h.closes;
      // Cooling buses: the day (YYYYMMDD) their position is for; 0 for fixed stations, -1 unscheduled.
      this.meta[metaStride * i + 3] = row.type === 'cooling_bus' ? dayNumber(row.scheduleDate) : 0;
      const answer = {
        code: row.code,
        name: row.name,
        type: row.type,
        lat: row.lat,
        lng: row.lng,
        address: row.address,
        services: row.services,
      };
      const text = Buffer.from(JSON.stringify(answer).slice(1, -1));
      texts.push(text);
      this.textStart[i] = offset;
      offset += text.length;
    });
    this.textStart[n] = offset;
    // A plain Uint8Array: its subarray() is V8's own, cheaper than Buffer's.
    const joined = Buffer.concat(texts);
    this.textBytes = new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
    for (let k = 1; k < this.cellStart.length; k++) this.cellStart[k]! += this.cellStart[k - 1]!;
  }

  private openNow(station: number, f: NearbyFilter): boolean {
    const m = this.meta[metaStride * station]!;
    return openAtSecond(
      (m & alwaysOpenBit) !== 0,
      (m >> 8) & 0xff,
      this.meta[metaStride * station + 1]!,
      this.meta[metaStride * station + 2]!,
      f.isoWeekday,
      f.second,
    );
  }

  nearest(lat: number, lng: number, limit: number, f: NearbyFilter, scratch: Scratch): Found[] {
    const cosLat = Math.cos(lat * toRad);
    const qx = cosLat * Math.cos(lng * toRad);
    const qy = cosLat * Math.sin(lng * toRad);
    const qz = Math.sin(lat * toRad);
    // The best so far, sorted by squared chord (which orders exactly as great-circle distance does).
    if (scratch.chord2.length < limit) {
      scratch.chord2 = new Float64Array(limit);
      scratch.stations = new Int32Array(limit);
    }
    const bestChord2 = scratch.chord2;
    const best = scratch.stations;
    const { xyz, meta, cellStart } = this;
    const { typeIndex: wantedType, openNowOnly, day } = f;
    let n = 0;
    const latCell = Math.floor((lat + 90) / cellDeg);
    const lngCell = Math.floor((lng + 180) / cellDeg);
    // Rings wider than the globe would meet themselves across the date line: only then remember visits.
    let visited: Set<number> | null = null;
    for (let r = 0; r <= lngCells / 2; r++) {
      if (
        n === limit &&
        r > 0 &&
        outsideBlockMetres(lat, lng, latCell, lngCell, r) > chord2ToMetres(bestChord2[limit - 1]!)
      )
        break;
      const wraps = 2 * r + 1 >= lngCells;
      for (let dy = -r; dy <= r; dy++) {
        const y = latCell + dy;
        if (y < 0 || y >= latCells) continue;
        const edge = dy === -r || dy === r;
        for (let dx = -r; dx <= r; dx += edge || r === 0 ? 1 : 2 * r) {
          let x = lngCell + dx;
          if (x < 0 || x >= lngCells) x = ((x % lngCells) + lngCells) % lngCells;
          const k = y * lngCells + x;
          if (wraps) {
            visited ??= new Set<number>();
            if (visited.has(k)) continue;
            visited.add(k);
          }
          const end = cellStart[k + 1]!;
          for (let i = cellStart[k]!; i < end; i++) {
            const ex = xyz[3 * i]! - qx;
            const ey = xyz[3 * i + 1]! - qy;
            const ez = xyz[3 * i + 2]! - qz;
            const chord2 = ex * ex + ey * ey + ez * ez;
            if (n === limit && chord2 >= bestChord2[limit - 1]!) continue;
            const m = meta[metaStride * i]!;
            if (wantedType >= 0 && (m & 7) !== wantedType) continue;
            const serviceDay = meta[metaStride * i + 3]!;
            if (serviceDay !== 0 && serviceDay !== day) continue;
            if (openNowOnly && !this.openNow(i, f)) continue;
            let at = n < limit ? n++ : limit - 1;
            while (at > 0 && bestChord2[at - 1]! > chord2) {
              bestChord2[at] = bestChord2[at - 1]!;
              best[at] = best[at - 1]!;
              at--;
            }
            bestChord2[at] = chord2;
            best[at] = i;
          }
        }
      }
    }
    const found: Found[] = [];
    for (let i = 0; i < n; i++)
      found.push({ station: best[i]!, distanceM: chord2ToMetres(bestChord2[i]!), openNow: this.openNow(best[i]!, f) });
    return found;
  }
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const opening = ascii('{"items":[');
const closing = ascii(']}');
const distanceKey = ascii('{"distanceM":');
const openTrue = ascii(',"openNow":true,');
const openFalse = ascii(',"openNow":false,');
const maxHead = 1 + distanceKey.length + 10 + openFalse.length + 1;

/** A non-negative integer's decimal digits, written in place (no string in between). */
function writeDigits(out: Buffer, value: number, at: number): number {
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  for (let i = digits - 1, v = value; i >= 0; i--, v = Math.floor(v / 10)) out[at + i] = 0x30 + (v % 10);
  return at + digits;
}

export interface NearbyQuery {
  lat: number;
  lng: number;
  type?: string | undefined;
  openNowOnly: boolean;
  limit: number;
  moment: ShanghaiMoment;
}

/** Logs a failed background check (the app's logger). */
export interface IndexLogger {
  warn(obj: object, msg: string): void;
}

/** One per app (`ctx.state`, slot of stations.state.ts). */
export class StationIndex {
  private grid: Grid | null = null;
  private readonly scratch: Scratch = { chord2: new Float64Array(100), stations: new Int32Array(100) };
  private closed = false;
  private loading: Promise<void> | null = null;
  /** The background check for other processes' writes under way (and the reload it started), if any. */
  private checking: Promise<void> | null = null;
  /** Generations: every invalidation asks for a newer one; a load serves the generation it started at. */
  private wanted = 1;
  private loaded = 0;
  private lastCheck = 0;
  /** A reload for others' writes is queued behind the work under way and has not started. */
  private reloadQueued = false;
  private signature = '';

  constructor(
    private readonly database: Database,
    private readonly log: IndexLogger,
    private readonly refreshMs = 5000,
  ) {}

  /** No background check starts after this; a load under way is waited for (the database is closed next). */
  async close(): Promise<void> {
    this.closed = true;
    await this.checking;
    await this.loading?.catch(() => undefined);
  }

  /** Settles when the background check under way (if any), and the reload it started, are done; never rejects. */
  async backgroundWork(): Promise<void> {
    await this.checking;
  }

  /** Settles once the index is loaded (loading it if no query has yet): start-up and readiness wait for this. */
  async warm(): Promise<void> {
    await this.current();
  }

  /** A write in this process: the next query waits for a load that began after it. */
  invalidate(): void {
    this.wanted++;
  }

  /**
   * A write told by the change feed (any process, this one too): reload in the background, answering from the
   * current grid meanwhile. Chained after a load under way, which may have read before the write.
   */
  changedElsewhere(): void {
    if (this.closed) return;
    // Not loaded yet: the load under way may have read before the write, so the next query waits for a newer one.
    if (this.grid === null) {
      this.invalidate();
      return;
    }
    // A reload queued and not started yet will read this write too: many notifications (an import's batches) make
    // one reload, not one each.
    if (this.reloadQueued) return;
    this.reloadQueued = true;
    const previous = this.checking ?? Promise.resolve();
    const work: Promise<void> = previous
      .then(() => this.loading?.catch(() => undefined))
      .then(() => {
        this.reloadQueued = false;
        return this.closed ? undefined : this.reload();
      })
      .catch((error: unknown) => {
        // The old grid keeps answering; the periodic check tries again.
        this.log.warn({ err: error, work: 'stations.index_reload' }, 'station index reload failed');
        this.lastCheck = 0;
      })
      .finally(() => {
        if (this.checking === work) this.checking = null;
      });
    this.checking = work;
  }

  private async signatureNow(): Promise<string> {
    const row = await indexSignature(this.database);
    return `${row?.n ?? 0}/${row?.latest ?? ''}`;
  }

  private async load(): Promise<void> {
    const generation = this.wanted;
    const signature = await this.signatureNow();
    const rows = await stationsForIndex(this.database);
    this.grid = new Grid(rows);
    this.signature = signature;
    this.loaded = Math.max(this.loaded, generation);
    // Elapsed time, not the time of day: a monotonic clock.
    this.lastCheck = performance.now();
  }

  private reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** The grid to answer from: fresh after this process's writes; others' writes are checked for in the background. */
  private async current(): Promise<Grid> {
    const target = this.wanted;
    // A load already under way may have read before the write: wait for one that started after it.
    while (this.loaded < target) await this.reload();
    if (performance.now() - this.lastCheck > this.refreshMs && !this.loading && !this.checking && !this.closed) {
      this.lastCheck = performance.now();
      const check: Promise<void> = this.signatureNow()
        .then((s) => {
          // Others' writes: reload in the background, answering from the old grid meanwhile.
          if (s !== this.signature) return this.reload();
        })
        .catch((error: unknown) => {
          // The old grid keeps answering; the next query after refreshMs tries again.
          this.log.warn(
            { err: error, work: 'stations.index_refresh', retryInMs: this.refreshMs },
            'station index refresh failed',
          );
        })
        .finally(() => {
          if (this.checking === check) this.checking = null;
        });
      this.checking = check;
    }
    return this.grid!;
  }

  private search(grid: Grid, q: NearbyQuery): Found[] {
    const filter: NearbyFilter = {
      typeIndex: q.type ? stationTypes.indexOf(q.type as StationType) : -1,
      openNowOnly: q.openNowOnly,
      day: dayNumber(q.moment.date),
      isoWeekday: q.moment.isoWeekday,
      second: q.moment.second,
    };
    return grid.nearest(q.lat, q.lng, q.limit, filter, this.scratch);
  }

  /**
   * The nearby answer (`{ items: [...] }` as API.md has it), already as JSON text: each station's fixed fields were
   * serialised when the grid was built, so a request only writes its distances and open flags.
   */
  async nearbyJson(q: NearbyQuery): Promise<Buffer> {
    const grid = await this.current();
    const found = this.search(grid, q);
    const { textStart } = grid;
    const text = grid.textBytes;
    // Per station only `{"distanceM":…,"openNow":…,` is new; its fixed bytes are copied as they are.
    // Sized for the longest head (a 10-digit distance, "false"), trimmed to what was written.
    let room = opening.length + closing.length;
    for (const f of found) room += maxHead + textStart[f.station + 1]! - textStart[f.station]!;
    const out = Buffer.allocUnsafe(room);
    out.set(opening, 0);
    let at = opening.length;
    for (let i = 0; i < found.length; i++) {
      const { station, distanceM, openNow } = found[i]!;
      if (i > 0) out[at++] = 0x2c; // ,
      out.set(distanceKey, at);
      at = writeDigits(out, Math.round(distanceM), at + distanceKey.length);
      const flag = openNow ? openTrue : openFalse;
      out.set(flag, at);
      at += flag.length;
      out.set(text.subarray(textStart[station]!, textStart[station + 1]!), at);
      at += textStart[station + 1]! - textStart[station]!;
      out[at++] = 0x7d; // }
    }
    out.set(closing, at);
    return out.subarray(0, at + closing.length);
  }
}
