export { stationTypes } from '../../../../../shared/labels.js';

export type { NearbyStation, Station } from './queries';

export function formatDistance(m: number): string {
  return m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`;
}

/** A link that opens the phone's map app (AMap's universal link works in browsers and in the app). */
export function navigationUrl(s: { lat: number; lng: number; name: string }): string {
  return `https://uri.amap.com/marker?position=${s.lng},${s.lat}&name=${encodeURIComponent(s.name)}&coordinate=wgs84&callnative=1`;
}

/** Xi'an Bell Tower: where the map starts when the phone will not tell its position. */
export const fallbackPosition = { lat: 34.2611, lng: 108.9423 };
