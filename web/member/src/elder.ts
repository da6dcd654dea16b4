import { useSyncExternalStore } from 'react';

/**
 * 适老化 (MIIT's guidelines for apps): larger text that still follows the phone's text size, bigger tap
 * targets, stronger contrast and a simpler home. A class on <html> switches the styles (theme.css);
 * the choice stays on the phone.
 */
const storageKey = 'su.elder';
const listeners = new Set<() => void>();

function stored(): boolean {
  try {
    return localStorage.getItem(storageKey) === '1';
  } catch {
    return false;
  }
}

let elder = stored();

export function applyElderMode(): void {
  document.documentElement.classList.toggle('elder', elder);
}

export function setElderMode(on: boolean): void {
  elder = on;
  try {
    if (on) localStorage.setItem(storageKey, '1');
    else localStorage.removeItem(storageKey);
  } catch {
    /* private mode: the choice lasts for this visit */
  }
  applyElderMode();
  listeners.forEach((l) => l());
}

export function useElderMode(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => elder,
  );
}
