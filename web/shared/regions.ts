import { useEffect, useState } from 'react';

/**
 * China's administrative divisions (GB/T 2260): province → city → county, from the maintained
 * @vant/area-data dataset (34 provinces, 369 cities, 3,479 counties), not a hand-typed list. The data
 * (≈160 KB) is loaded on first use, in its own chunk, so no page pays for it before it needs it.
 */
export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

export interface Regions {
  /** Provinces with their cities and counties, for cascading pickers. */
  tree: RegionOption[];
  /** Every code's name. */
  names: ReadonlyMap<string, string>;
}

interface AreaList {
  province_list: Record<string, string>;
  city_list: Record<string, string>;
  county_list: Record<string, string>;
}

/** The divisions as a tree: a city's code starts with its province's two digits, a county's with its city's four. */
export function buildRegions(areas: AreaList): Regions {
  const byPrefix = (list: Record<string, string>, digits: number) => {
    const groups = new Map<string, RegionOption[]>();
    for (const [value, label] of Object.entries(list).sort(([a], [b]) => a.localeCompare(b))) {
      const key = value.slice(0, digits);
      const group = groups.get(key) ?? [];
      group.push({ value, label });
      groups.set(key, group);
    }
    return groups;
  };
  const counties = byPrefix(areas.county_list, 4);
  const cities = byPrefix(areas.city_list, 2);
  const tree = Object.entries(areas.province_list)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, label]) => ({
      value,
      label,
      children: (cities.get(value.slice(0, 2)) ?? []).map((city) => ({
        ...city,
        children: counties.get(city.value.slice(0, 4)) ?? [],
      })),
    }));
  const names = new Map<string, string>([
    ...Object.entries(areas.province_list),
    ...Object.entries(areas.city_list),
    ...Object.entries(areas.county_list),
  ]);
  return { tree, names };
}

let loading: Promise<Regions> | null = null;

export function loadRegions(): Promise<Regions> {
  loading ??= import('@vant/area-data')
    .then(({ areaList }) => buildRegions(areaList))
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** The codes from the province down to `code`: 610104 → [610000, 610100, 610104]; 610000 → [610000]. */
export function regionPath(code: string | null | undefined): string[] {
  if (!code || !/^\d{6}$/.test(code)) return [];
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  if (code === province) return [province];
  if (code === city) return [province, city];
  return [province, city, code];
}

/** 610104 → 陕西省 / 西安市 / 莲湖区 (the code itself when the dataset does not know it). */
export function regionLabel(regions: Regions | null, code: string | null | undefined, separator = ' / '): string {
  if (!code) return '';
  const names = regionPath(code).map((c) => regions?.names.get(c));
  return names.every((n) => n !== undefined) && names.length > 0 ? names.join(separator) : code;
}

/** The divisions, once loaded (null until then, or if they could not be loaded). */
export function useRegions(): Regions | null {
  const [regions, setRegions] = useState<Regions | null>(null);
  useEffect(() => {
    let alive = true;
    loadRegions().then(
      (r) => alive && setRegions(r),
      () => alive && setRegions(null),
    );
    return () => {
      alive = false;
    };
  }, []);
  return regions;
}
