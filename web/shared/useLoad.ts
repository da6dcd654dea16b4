import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  /** True from the moment `load` changes until its answer is in: the data shown may be the previous one. */
  loading: boolean;
  /** Loads again (a retry button, or after a change). */
  reload(): void;
  setData(data: T): void;
}

/**
 * One read behind a page: the data, or the error it failed with, never a spinner that waits forever.
 * `load` should be memoised (useCallback): a new function loads again.
 */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(true);
  // Which `load` the shown answer came from: a new one is loading even before its effect has run.
  const [answered, setAnswered] = useState<(() => Promise<T>) | null>(null);
  const generation = useRef(0);

  const run = useCallback(async () => {
    const mine = ++generation.current;
    setRunning(true);
    setError(null);
    try {
      const result = await load();
      if (mine === generation.current) setData(() => result);
    } catch (e) {
      if (mine === generation.current) setError(e ?? new Error('failed'));
    } finally {
      if (mine === generation.current) {
        setRunning(false);
        setAnswered(() => load);
      }
    }
  }, [load]);

  useEffect(() => {
    void run();
  }, [run]);

  return { data, error, loading: running || answered !== load, reload: () => void run(), setData: (d: T) => setData(() => d) };
}
