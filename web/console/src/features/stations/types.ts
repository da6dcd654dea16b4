export { stationTypes } from '../../../../../shared/labels.js';

export type { StaffStation, StationStats } from './queries';
