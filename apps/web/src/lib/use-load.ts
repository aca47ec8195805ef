import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from '../api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  setData(v: T | ((prev: T | undefined) => T | undefined)): void;
}

/** GETs `path` (null: nothing yet) and again whenever it changes; an answer for an older path is dropped. */
export function useLoad<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (path === null) return;
    const n = ++latest.current;
    const ctrl = new AbortController();
    setLoading(true);
    get<T>(path, ctrl.signal).then(
      (d) => {
        if (n !== latest.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e) => {
        if (n !== latest.current || (e as Error).name === 'AbortError') return;
        setError(e instanceof ApiError ? e : new ApiError(0, '加载失败，请重试。', {}, String(e)));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}

/** Runs one action at a time: `busy` disables the button, `error` feeds the form. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (running.current) return undefined; // a double click sends once
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        return await fn(...args);
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError(0, '操作失败，请重试。', {}, String(e)));
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [fn],
  );
  return { run, busy, error, setError };
}
