export { stationRoutes } from './stations.routes.js';
