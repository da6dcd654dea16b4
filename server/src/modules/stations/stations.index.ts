import type { Database } from '../../kernel/db/client.js';
import { sql } from '../../kernel/db/client.js';
import { isOpenAt, type Hours, type ShanghaiMoment } from './stations.hours.js';
import type { NearbyRow } from './stations.repository.js';

/**
 * An in-memory grid over all active stations, for the one query every worker's phone makes:
 * "nearest to me". PostgreSQL's GiST KNN answers the same query (and serves while this loads);
 * this answers it without a database round trip. Local writes invalidate it at once; writes by
 * other server processes are picked up within `refreshMs`.
 */
interface Entry extends Hours {
  code: string;
  name: string;
  lat: number;
  lng: number;
  address: string;
  services: string[];
}

/** An entry with its position as a unit vector: comparing squared chords needs no trigonometry per candidate. */
interface Point {
  entry: Entry;
  x: number;
  y: number;
  z: number;
}

function unitVector(lat: number, lng: number): [number, number, number] {
  const cosLat = Math.cos(lat * toRad);
  return [cosLat * Math.cos(lng * toRad), cosLat * Math.sin(lng * toRad), Math.sin(lat * toRad)];
}

// earthdistance's earth(): the sphere radius earth_distance() uses, so both paths agree to the metre.
const earthRadiusM = 6378168;
const cellDeg = 0.5;
const toRad = Math.PI / 180;

function key(latCell: number, lngCell: number): number {
  return latCell * 4096 + lngCell;
}

/** Chord length on the unit sphere → great-circle metres. */
function chordToMetres(chord: number): number {
  return 2 * earthRadiusM * Math.asin(Math.min(1, chord / 2));
}

class Grid {
  readonly cells = new Map<number, Point[]>();
  constructor(entries: Entry[]) {
    for (const e of entries) {
      const k = key(Math.floor((e.lat + 90) / cellDeg), Math.floor((e.lng + 180) / cellDeg));
      const [x, y, z] = unitVector(e.lat, e.lng);
      const point = { entry: e, x, y, z };
      const list = this.cells.get(k);
      if (list) list.push(point);
      else this.cells.set(k, [point]);
    }
  }

  nearest(lat: number, lng: number, limit: number, accept: (e: Entry) => boolean): { entry: Entry; distanceM: number }[] {
    const [qx, qy, qz] = unitVector(lat, lng);
    // Kept sorted by squared chord, which orders exactly as great-circle distance does.
    const best: { entry: Entry; chord2: number; distanceM: number }[] = [];
    const consider = (p: Point) => {
      const dx = p.x - qx;
      const dy = p.y - qy;
      const dz = p.z - qz;
      const chord2 = dx * dx + dy * dy + dz * dz;
      if (best.length === limit && chord2 >= best[limit - 1]!.chord2) return;
      if (!accept(p.entry)) return;
      let i = best.length;
      while (i > 0 && best[i - 1]!.chord2 > chord2) i--;
      best.splice(i, 0, { entry: p.entry, chord2, distanceM: 0 });
      if (best.length > limit) best.pop();
      if (best.length === limit) best[limit - 1]!.distanceM = chordToMetres(Math.sqrt(best[limit - 1]!.chord2));
    };
    const visited = new Set<number>();
    const latCell = Math.floor((lat + 90) / cellDeg);
    const lngCell = Math.floor((lng + 180) / cellDeg);
    const maxRing = Math.ceil(360 / cellDeg);
    for (let r = 0; r <= maxRing; r++) {
      if (best.length === limit) {
        // Nothing in ring r can be nearer than (r - 1) whole cells, measured where cells are narrowest.
        const widestLat = Math.min(89.9, Math.abs(lat) + (r + 1) * cellDeg);
        // 0.95: a great circle is a little shorter than the parallel it is measured along here.
        const bound = 0.95 * (r - 1) * cellDeg * toRad * earthRadiusM * Math.cos(widestLat * toRad);
        if (bound > best[limit - 1]!.distanceM) break;
      }
      for (let dy = -r; dy <= r; dy++) {
        const y = latCell + dy;
        if (y < 0 || y >= 180 / cellDeg) continue;
        const edge = Math.abs(dy) === r;
        for (let dx = -r; dx <= r; dx += edge ? 1 : 2 * r) {
          const x = (((lngCell + dx) % (360 / cellDeg)) + 360 / cellDeg) % (360 / cellDeg);
          const k = key(y, x);
          if (!visited.has(k)) {
            visited.add(k);
            const list = this.cells.get(k);
            if (list) for (const p of list) consider(p);
          }
          if (r === 0) break;
        }
      }
    }
    return best.map((b) => ({ entry: b.entry, distanceM: chordToMetres(Math.sqrt(b.chord2)) }));
  }
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
    const rows = await this.database.prepared<Entry>(
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

  async nearby(q: { lat: number; lng: number; type?: string | undefined; openNowOnly: boolean; limit: number; moment: ShanghaiMoment }): Promise<NearbyRow[]> {
    const grid = await this.current();
    const found = grid.nearest(q.lat, q.lng, q.limit, (e) => {
      if (e.type === 'cooling_bus' && e.scheduleDate !== q.moment.date) return false;
      if (q.type && e.type !== q.type) return false;
      return !q.openNowOnly || isOpenAt(e, q.moment);
    });
    return found.map(({ entry: e, distanceM }) => ({
      code: e.code,
      name: e.name,
      type: e.type,
      lat: e.lat,
      lng: e.lng,
      distanceM: Math.round(distanceM),
      openNow: isOpenAt(e, q.moment),
      address: e.address,
      services: e.services,
    }));
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
