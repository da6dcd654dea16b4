import type { Database } from '../../kernel/db/client.js';
import { sql } from '../../kernel/db/client.js';
import { compileHours, openAtSecond, stationTypes, type Hours, type ShanghaiMoment, type StationType } from './stations.hours.js';

/**
 * An in-memory grid over all active stations, for the one query every worker's phone makes:
 * "nearest to me". PostgreSQL's GiST KNN answers the same query (and serves while this loads);
 * this answers it without a database round trip. Local writes invalidate it at once; writes by
 * other server processes are picked up within `refreshMs`.
 */
interface LoadedRow extends Hours {
  code: string;
  name: string;
  lat: number;
  lng: number;
  address: string;
  services: string[];
}

/**
 * One grid cell, packed: what the search reads for every candidate (position as a unit vector,
 * type, hours) sits in typed arrays side by side, so a search touches a few contiguous arrays
 * rather than one object per station; the answer text is read only for the winners.
 */
interface Cell {
  /** x, y, z, x, y, z, … */
  xyz: Float64Array;
  typeIndex: Uint8Array;
  alwaysOpen: Uint8Array;
  dayMask: Uint8Array;
  /** Seconds since midnight, -1 without hours. */
  opens: Int32Array;
  closes: Int32Array;
  /** Cooling buses: the day (as YYYYMMDD) their position is for; 0 for fixed stations, -1 unscheduled. */
  serviceDay: Int32Array;
  /**
   * `"code":…,"name":…,…,"services":[…]` — each station's fixed answer fields, serialised and
   * UTF-8 encoded once, back to back; station i's bytes end at `textEnd[i]`.
   */
  text: Buffer;
  textEnd: Uint32Array;
}

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
  cell: Cell;
  slot: number;
  distanceM: number;
  openNow: boolean;
}

// earthdistance's earth(): the sphere radius earth_distance() uses, so both paths agree to the metre.
const earthRadiusM = 6378168;
const cellDeg = 0.5;
const latCells = 180 / cellDeg;
const lngCells = 360 / cellDeg;
const toRad = Math.PI / 180;

function key(latCell: number, lngCell: number): number {
  return latCell * lngCells + lngCell;
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

function packCell(rows: LoadedRow[]): Cell {
  const cell: Cell = {
    xyz: new Float64Array(rows.length * 3),
    typeIndex: new Uint8Array(rows.length),
    alwaysOpen: new Uint8Array(rows.length),
    dayMask: new Uint8Array(rows.length),
    opens: new Int32Array(rows.length),
    closes: new Int32Array(rows.length),
    serviceDay: new Int32Array(rows.length),
    text: Buffer.alloc(0),
    textEnd: new Uint32Array(rows.length),
  };
  const texts: Buffer[] = [];
  let end = 0;
  rows.forEach((row, i) => {
    const cosLat = Math.cos(row.lat * toRad);
    cell.xyz[3 * i] = cosLat * Math.cos(row.lng * toRad);
    cell.xyz[3 * i + 1] = cosLat * Math.sin(row.lng * toRad);
    cell.xyz[3 * i + 2] = Math.sin(row.lat * toRad);
    const h = compileHours(row);
    cell.typeIndex[i] = stationTypes.indexOf(row.type as StationType);
    cell.alwaysOpen[i] = h.alwaysOpen ? 1 : 0;
    cell.dayMask[i] = h.dayMask;
    cell.opens[i] = h.opens;
    cell.closes[i] = h.closes;
    cell.serviceDay[i] = row.type === 'cooling_bus' ? dayNumber(row.scheduleDate) : 0;
    const answer = { code: row.code, name: row.name, type: row.type, lat: row.lat, lng: row.lng, address: row.address, services: row.services };
    const text = Buffer.from(JSON.stringify(answer).slice(1, -1));
    texts.push(text);
    end += text.length;
    cell.textEnd[i] = end;
  });
  cell.text = Buffer.concat(texts);
  return cell;
}

function openNowIn(cell: Cell, i: number, f: NearbyFilter): boolean {
  return openAtSecond(cell.alwaysOpen[i] === 1, cell.dayMask[i]!, cell.opens[i]!, cell.closes[i]!, f.isoWeekday, f.second);
}

// Scratch space shared by all searches: a search runs to its end without yielding.
let scratchChord2 = new Float64Array(100);
const scratchCells: Cell[] = [];
const scratchSlots: number[] = [];

class Grid {
  /** Every cell of the globe by key, most of them empty: an array index is cheaper than a map lookup. */
  private readonly cells: (Cell | undefined)[] = new Array<Cell | undefined>(latCells * lngCells).fill(undefined);

  constructor(rows: LoadedRow[]) {
    const grouped = new Map<number, LoadedRow[]>();
    for (const row of rows) {
      const k = key(Math.floor((row.lat + 90) / cellDeg), Math.floor((row.lng + 180) / cellDeg));
      const list = grouped.get(k);
      if (list) list.push(row);
      else grouped.set(k, [row]);
    }
    for (const [k, list] of grouped) this.cells[k] = packCell(list);
  }

  nearest(lat: number, lng: number, limit: number, f: NearbyFilter): Found[] {
    const cosLat = Math.cos(lat * toRad);
    const qx = cosLat * Math.cos(lng * toRad);
    const qy = cosLat * Math.sin(lng * toRad);
    const qz = Math.sin(lat * toRad);
    // The best so far, sorted by squared chord (which orders exactly as great-circle distance does).
    if (scratchChord2.length < limit) scratchChord2 = new Float64Array(limit);
    const bestChord2 = scratchChord2;
    const bestCells = scratchCells;
    const bestSlots = scratchSlots;
    const { typeIndex: wantedType, openNowOnly, day } = f;
    let n = 0;
    const latCell = Math.floor((lat + 90) / cellDeg);
    const lngCell = Math.floor((lng + 180) / cellDeg);
    // Rings wider than the globe would meet themselves across the date line: only then remember visits.
    let visited: Set<number> | null = null;
    for (let r = 0; r <= lngCells / 2; r++) {
      if (n === limit && r > 0 && outsideBlockMetres(lat, lng, latCell, lngCell, r) > chord2ToMetres(bestChord2[limit - 1]!)) break;
      const wraps = 2 * r + 1 >= lngCells;
      for (let dy = -r; dy <= r; dy++) {
        const y = latCell + dy;
        if (y < 0 || y >= latCells) continue;
        const edge = dy === -r || dy === r;
        for (let dx = -r; dx <= r; dx += edge || r === 0 ? 1 : 2 * r) {
          let x = lngCell + dx;
          if (x < 0 || x >= lngCells) x = ((x % lngCells) + lngCells) % lngCells;
          const k = key(y, x);
          if (wraps) {
            visited ??= new Set<number>();
            if (visited.has(k)) continue;
            visited.add(k);
          }
          const cell = this.cells[k];
          if (!cell) continue;
          const { xyz, typeIndex, serviceDay } = cell;
          for (let i = 0, j = 0; i < typeIndex.length; i++, j += 3) {
            const ex = xyz[j]! - qx;
            const ey = xyz[j + 1]! - qy;
            const ez = xyz[j + 2]! - qz;
            const chord2 = ex * ex + ey * ey + ez * ez;
            if (n === limit && chord2 >= bestChord2[limit - 1]!) continue;
            if (wantedType >= 0 && typeIndex[i] !== wantedType) continue;
            if (serviceDay[i] !== 0 && serviceDay[i] !== day) continue;
            if (openNowOnly && !openNowIn(cell, i, f)) continue;
            let at = n < limit ? n++ : limit - 1;
            while (at > 0 && bestChord2[at - 1]! > chord2) {
              bestChord2[at] = bestChord2[at - 1]!;
              bestCells[at] = bestCells[at - 1]!;
              bestSlots[at] = bestSlots[at - 1]!;
              at--;
            }
            bestChord2[at] = chord2;
            bestCells[at] = cell;
            bestSlots[at] = i;
          }
        }
      }
    }
    const found: Found[] = [];
    for (let i = 0; i < n; i++) {
      const cell = bestCells[i]!;
      const slot = bestSlots[i]!;
      found.push({ cell, slot, distanceM: chord2ToMetres(bestChord2[i]!), openNow: openNowIn(cell, slot, f) });
    }
    bestCells.length = 0;
    return found;
  }
}

const opening = '{"items":[';
const closing = ']}';

export interface NearbyQuery {
  lat: number;
  lng: number;
  type?: string | undefined;
  openNowOnly: boolean;
  limit: number;
  moment: ShanghaiMoment;
}

export class StationIndex {
  private grid: Grid | null = null;
  private loading: Promise<void> | null = null;
  /** Generations: every invalidation asks for a newer one; a load serves the generation it started at. */
  private wanted = 1;
  private loaded = 0;
  private lastCheck = 0;
  private signature = '';

  constructor(
    private readonly database: Database,
    private readonly refreshMs = 5000,
  ) {}

  /** A write in this process: the next query waits for a load that began after it. */
  invalidate(): void {
    this.wanted++;
  }

  private async signatureNow(): Promise<string> {
    const [row] = await this.database.prepared<{ n: number; latest: string | null }>(
      'stations_index_signature',
      sql`select count(*)::int as n, max(updated_at)::text as latest from stations`,
    );
    return `${row?.n ?? 0}/${row?.latest ?? ''}`;
  }

  private async load(): Promise<void> {
    const generation = this.wanted;
    const signature = await this.signatureNow();
    const rows = await this.database.prepared<LoadedRow>(
      'stations_index_load',
      sql`select code, name, type, lat, lng, address, services, always_open as "alwaysOpen", open_days as "openDays",
          to_char(opens_at, 'HH24:MI') as "opensAt", to_char(closes_at, 'HH24:MI') as "closesAt", schedule_date::text as "scheduleDate"
          from stations where status = 'active'`,
    );
    this.grid = new Grid(rows);
    this.signature = signature;
    this.loaded = Math.max(this.loaded, generation);
    this.lastCheck = Date.now();
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
    if (Date.now() - this.lastCheck > this.refreshMs && !this.loading) {
      this.lastCheck = Date.now();
      void this.signatureNow()
        .then((s) => {
          // Others' writes: reload in the background, answering from the old grid meanwhile.
          if (s !== this.signature) return this.reload();
        })
        .catch(() => undefined);
    }
    return this.grid!;
  }

  private async search(q: NearbyQuery): Promise<Found[]> {
    const grid = await this.current();
    const filter: NearbyFilter = {
      typeIndex: q.type ? stationTypes.indexOf(q.type as StationType) : -1,
      openNowOnly: q.openNowOnly,
      day: dayNumber(q.moment.date),
      isoWeekday: q.moment.isoWeekday,
      second: q.moment.second,
    };
    return grid.nearest(q.lat, q.lng, q.limit, filter);
  }

  /**
   * The nearby answer (`{ items: [...] }` as API.md has it), already as JSON text: each station's fixed fields were
   * serialised when the grid was built, so a request only writes its distances and open flags.
   */
  async nearbyJson(q: NearbyQuery): Promise<Buffer> {
    const found = await this.search(q);
    // Per station only `{"distanceM":…,"openNow":…,` is new; its fixed bytes are copied as they are.
    const heads = found.map((f, i) => `${i === 0 ? '' : ','}{"distanceM":${Math.round(f.distanceM)},"openNow":${f.openNow},`);
    let length = opening.length + closing.length;
    found.forEach(({ cell, slot }, i) => {
      length += heads[i]!.length + cell.textEnd[slot]! - (slot === 0 ? 0 : cell.textEnd[slot - 1]!) + 1;
    });
    const out = Buffer.allocUnsafe(length);
    let at = out.write(opening, 0, 'latin1');
    found.forEach(({ cell, slot }, i) => {
      at += out.write(heads[i]!, at, 'latin1');
      at += cell.text.copy(out, at, slot === 0 ? 0 : cell.textEnd[slot - 1]!, cell.textEnd[slot]!);
      out[at++] = 0x7d; // }
    });
    out.write(closing, at, 'latin1');
    return out;
  }
}

const indexes = new WeakMap<Database, StationIndex>();

export function stationIndexFor(database: Database): StationIndex {
  let index = indexes.get(database);
  if (!index) {
    index = new StationIndex(database);
    indexes.set(database, index);
  }
  return index;
}
