import { lazy, type ComponentType } from 'react';

/** A page exported by name, as its own chunk: loaded when first rendered (inside a Suspense). */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
