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
