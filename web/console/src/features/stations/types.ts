export const stationTypes = ['rest_station', 'mother_baby_room', 'cooling_bus', 'breakfast_shop'] as const;

export type { StaffStation, StationStats } from './queries';
