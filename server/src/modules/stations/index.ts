import type { AppModule } from '../../kernel/module.js';
import { stationRoutes } from './stations.routes.js';
import { registerStationsState, startStationIndex } from './stations.state.js';

export const stationsModule: AppModule = {
  name: 'stations',
  register: registerStationsState,
  start: startStationIndex,
  routes: stationRoutes,
};
export { insertNewStation, type StationInput } from './stations.service.js';
export { stations } from './stations.tables.js';
