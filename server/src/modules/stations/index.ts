import type { AppModule } from '../../kernel/module.js';
import { stationRoutes } from './stations.routes.js';
import { followStationChanges, registerStationsState, startStationIndex } from './stations.state.js';

export const stationsModule: AppModule = {
  name: 'stations',
  register: registerStationsState,
  start: async (ctx) => {
    await startStationIndex(ctx);
    await followStationChanges(ctx);
  },
  routes: stationRoutes,
};
export { insertNewStation, type StationInput } from './stations.service.js';
export { stations } from './stations.tables.js';
