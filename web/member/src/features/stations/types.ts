export const stationTypes = ['rest_station', 'mother_baby_room', 'cooling_bus', 'breakfast_shop'] as const;

export interface NearbyStation {
  code: string;
  name: string;
  type: string;
  lat: number;
  lng: number;
  distanceM: number;
  openNow: boolean;
  address: string;
  services: string[];
}

export interface Station {
  code: string;
  name: string;
  type: string;
  address: string;
  lat: number;
  lng: number;
  hours: { alwaysOpen: boolean; openDays: number[]; opensAt: string | null; closesAt: string | null; scheduleDate: string | null };
  openNow: boolean;
  services: string[];
  supplies: string | null;
  phone: string | null;
  org: { id: string; name: string };
  photos: string[];
  status: 'active' | 'retired';
  rating: { average: number | null; count: number };
}

export function formatDistance(m: number): string {
  return m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`;
}

/** A link that opens the phone's map app (AMap's universal link works in browsers and in the app). */
export function navigationUrl(s: { lat: number; lng: number; name: string }): string {
  return `https://uri.amap.com/marker?position=${s.lng},${s.lat}&name=${encodeURIComponent(s.name)}&coordinate=wgs84&callnative=1`;
}

/** Xi'an Bell Tower: where the map starts when the phone will not tell its position. */
export const fallbackPosition = { lat: 34.2611, lng: 108.9423 };
