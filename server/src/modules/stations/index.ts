import type { AppModule } from '../../kernel/module.js';
import { stationRoutes } from './stations.routes.js';
import { followStationChanges, registerStationsState } from './stations.state.js';

export const stationsModule: AppModule = {
  name: 'stations',
  register: registerStationsState,
  start: followStationChanges,
  routes: stationRoutes,
};
export { insertNewStation, type StationInput } from './stations.service.js';
export { stations } from './stations.tables.js';
