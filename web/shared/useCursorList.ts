import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from './api';

/** A list behind `?limit=&cursor=`: the first page on load or when `url` changes, more on demand. */
export function useCursorList<T>(fetchPage: (url: string) => Promise<Page<T>>, url: string | null) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      if (!url) return;
      const mine = ++generation.current;
      setLoading(true);
      try {
        const sep = url.includes('?') ? '&' : '?';
        const page = await fetchPage(cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url);
        if (mine !== generation.current) return;
        setItems((old) => (cursor ? [...old, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        if (mine === generation.current) setError(e);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [url, fetchPage],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, loading, error, hasMore: nextCursor !== null, loadMore: () => load(nextCursor), reload: () => load(null) };
}
