import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { TileConfig } from './queries';
import type { NearbyStation } from './types';

export type { TileConfig } from './queries';

const typeColour: Record<string, string> = {
  rest_station: '#d4380d',
  mother_baby_room: '#eb2f96',
  cooling_bus: '#1677ff',
  breakfast_shop: '#fa8c16',
};

/**
 * Leaflet puts a string tooltip in as HTML; a station name is typed by staff (or imported), so it goes in
 * as a text node and can never become markup.
 */
function textLabel(text: string): HTMLElement {
  const label = document.createElement('span');
  label.textContent = text;
  return label;
}

/** Leaflet with circle markers (no image assets), the tile server from the server's configuration. */
export function StationMap({
  tiles,
  center,
  stations,
  onPick,
}: {
  tiles: TileConfig;
  center: { lat: number; lng: number };
  stations: NearbyStation[];
  onPick(code: string): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    if (!box.current || map.current) return;
    map.current = L.map(box.current, { zoomControl: false }).setView([center.lat, center.lng], 14);
    L.tileLayer(tiles.mapTileUrl, { attribution: tiles.mapAttribution, maxZoom: 19 }).addTo(map.current);
    layer.current = L.layerGroup().addTo(map.current);
    return () => {
      map.current?.remove();
      map.current = null;
    };
  }, [tiles, center.lat, center.lng]);

  useEffect(() => {
    map.current?.setView([center.lat, center.lng]);
  }, [center.lat, center.lng]);

  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    L.circleMarker([center.lat, center.lng], {
      radius: 7,
      color: '#fff',
      weight: 2,
      fillColor: '#1677ff',
      fillOpacity: 1,
    }).addTo(group);
    for (const s of stations) {
      L.circleMarker([s.lat, s.lng], {
        radius: 9,
        color: '#fff',
        weight: 2,
        fillColor: typeColour[s.type] ?? '#d4380d',
        fillOpacity: s.openNow ? 1 : 0.45,
      })
        .bindTooltip(textLabel(s.name))
        .on('click', () => onPick(s.code))
        .addTo(group);
    }
  }, [stations, center.lat, center.lng, onPick]);

  return <div ref={box} style={{ height: 260, width: '100%' }} data-testid="station-map" />;
}
