import { keepPreviousData, useMutation, useQuery, useQueryClient, type Updater } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { ApiError, get } from './client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  /** a request for this path is under way (the first one, or a reload) */
  loading: boolean;
  reload(): void;
  setData(v: Updater<T | undefined, T | undefined>): void;
}

const asApiError = (e: unknown, fallback: string): ApiError => (e instanceof ApiError ? e : new ApiError(0, fallback, {}, String(e)));

/**
 * GETs `path` through react-query's cache (null: nothing yet); again whenever it changes. While a new path loads,
 * the previous answer stays on screen (a filter change does not blank the table).
 *
 * `fresh`: only an answer fetched since this page opened counts — for pages that fill a form from it (editing a
 * draft must never start from the copy cached an hour ago).
 */
export function useApiQuery<T>(path: string | null, opts: { fresh?: boolean; refetchInterval?: number } = {}): Loaded<T> {
  const client = useQueryClient();
  const q = useQuery<T, ApiError>({
    queryKey: ['api', path],
    queryFn: async ({ signal }) => {
      try {
        return await get<T>(path!, signal);
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        throw asApiError(e, '加载失败，请重试。');
      }
    },
    enabled: path !== null,
    placeholderData: opts.fresh ? undefined : keepPreviousData,
    refetchOnMount: 'always',
    refetchInterval: opts.refetchInterval,
  });
  const reload = useCallback(() => void client.invalidateQueries({ queryKey: ['api', path], exact: true }), [client, path]);
  const setData = useCallback((v: Updater<T | undefined, T | undefined>) => client.setQueryData<T>(['api', path], v), [client, path]);
  const usable = !opts.fresh || q.isFetchedAfterMount;
  return { data: usable ? q.data : undefined, error: q.error, loading: q.isFetching, reload, setData };
}

/**
 * Runs one action at a time through react-query's useMutation: `busy` disables the button, `error` feeds the
 * form. A second call while one runs is dropped (a double click sends once), which useMutation alone would send.
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const running = useRef(false);
  const m = useMutation<R, ApiError, A>({
    mutationFn: async (args) => {
      try {
        return await fn(...args);
      } catch (e) {
        throw asApiError(e, '操作失败，请重试。');
      }
    },
  });
  const { mutateAsync } = m;
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      try {
        return await mutateAsync(args);
      } catch {
        return undefined; // the error is in m.error for the form
      } finally {
        running.current = false;
      }
    },
    [mutateAsync],
  );
  return { run, busy: m.isPending, error: m.error ?? null };
}
