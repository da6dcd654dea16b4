import { useEffect, type RefObject } from 'react';

/**
 * antd-mobile's uploader draws each thumbnail without alt text, and draws it late (after the image loads, after a
 * draft is restored): name each one after its file for screen readers, whenever an image appears in the box.
 */
export function useNamedThumbnails(
  box: RefObject<HTMLElement | null>,
  names: string[],
  fallback: string,
  /** Whether the box is drawn yet (a page showing its loading state first). */
  ready = true,
): void {
  const key = names.join('\n');
  useEffect(() => {
    const root = box.current;
    if (!root) return;
    const name = () =>
      root.querySelectorAll('img').forEach((img, i) => {
        const alt = key.split('\n')[i] || fallback;
        if (img.alt !== alt) img.alt = alt;
      });
    name();
    const observer = new MutationObserver(name);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [box, key, fallback, ready]);
}
