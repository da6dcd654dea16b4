export { stationRoutes } from './stations.routes.js';
export { insertNewStation, type StationInput } from './stations.service.js';
export { stations } from './stations.tables.js';
