import type { AppContext } from '../../kernel/context.js';
import { stateSlot } from '../../kernel/module.js';
import { StationIndex } from './stations.index.js';

/** The stations module's per-app state (`ctx.state`): the nearby index over this app's database. */
export interface StationsState {
  index: StationIndex;
}

export const stationsState = stateSlot<StationsState>('stations');

export function registerStationsState(ctx: AppContext): void {
  ctx.state.provide(stationsState, { index: new StationIndex(ctx.database, ctx.log) }, (state) => state.index.close());
}

/** The change-feed topic of station writes (kernel/changes.ts). */
export const stationsTopic = 'stations';

/** Every process's index follows station writes made by any process. */
export async function followStationChanges(ctx: AppContext): Promise<void> {
  const index = stationIndexOf(ctx);
  await ctx.changes.subscribe(stationsTopic, () => index.changedElsewhere());
}

/** This app's nearby index. */
export function stationIndexOf(ctx: AppContext): StationIndex {
  return ctx.state.get(stationsState).index;
}

/**
 * At start: the nearby index loads in the background (the first map query need not wait for it), and the app is not
 * ready (GET /api/health/ready) until it has loaded. With STATION_INDEX=sql there is no index to wait for.
 */
export async function startStationIndex(ctx: AppContext): Promise<void> {
  if (ctx.config.stationIndex !== 'memory') return;
  const index = stationIndexOf(ctx);
  ctx.readiness.require('stations.index', () => index.warm());
  ctx.background.run('stations.index_load', () => index.warm());
}
