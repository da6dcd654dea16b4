import type { OrgRef } from '../../api';

export const stationTypes = ['rest_station', 'mother_baby_room', 'cooling_bus', 'breakfast_shop'] as const;

export interface StaffStation {
  id: string;
  code: string;
  name: string;
  type: string;
  regionCode: string;
  address: string;
  lat: number;
  lng: number;
  hours: { alwaysOpen: boolean; openDays: number[]; opensAt: string | null; closesAt: string | null; scheduleDate: string | null };
  openNow: boolean;
  services: string[];
  supplies: string | null;
  phone: string | null;
  org: OrgRef;
  status: 'active' | 'retired';
  rating: { average: number | null; count: number };
  usage30d: { views: number; qrScans: number };
  memberAppUrl: string;
  photos: string[];
}

export interface StationStats {
  days: { day: string; views: number; qrScans: number; ratings: number; averageScore: number | null }[];
  totals: { views: number; qrScans: number; ratings: number; averageScore: number | null };
  recentComments: { score: number; comment: string; ratedOn: string }[];
}
