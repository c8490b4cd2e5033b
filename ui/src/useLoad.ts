import { useCallback, useEffect, useState } from 'react';
import { apiRequest, failureOf, type Failure } from './api';

export interface Loaded<T> {
  /** The last answer that could be understood; kept while a new URL loads. */
  data: T | null;
  setData(update: (data: T | null) => T | null): void;
  /** Why the last load failed, in plain words; null after a success. */
  failure: Failure | null;
  /** A load (the first, a new URL or a reload) is under way. */
  loading: boolean;
  reload(): void;
}

/** For `check`: the answer as a list, or null when it is not one. */
export function asList<T>(data: unknown): T[] | null {
  return Array.isArray(data) ? (data as T[]) : null;
}

/**
 * GETs `url` (nothing while it is null) and again whenever it changes or reload() is called.
 * `check` turns the answer into T, or null when it cannot be understood; `action` names the
 * load in messages ("Loading members is not possible right now: …").
 */
export function useLoad<T>(url: string | null, action: string, check: (data: unknown) => T | null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [version, setVersion] = useState(0);
  // Which request last finished; loading while it is not the current one.
  const [settled, setSettled] = useState<string | null>(null);
  const current = url === null ? null : `${version} ${url}`;

  useEffect(() => {
    if (url === null) return;
    let live = true;
    const key = `${version} ${url}`;
    void apiRequest<unknown>('GET', url).then((result) => {
      if (!live) return;
      const checked = result.kind === 'ok' ? check(result.data) : null;
      if (checked !== null) {
        setData(checked);
        setFailure(null);
      } else if (result.kind === 'ok') {
        setFailure({ field: null, message: `${action} is not possible right now: the server’s answer could not be understood.` });
      } else {
        setFailure(failureOf(result, action));
      }
      setSettled(key);
    });
    return () => {
      live = false;
    };
    // `check` is a pure parser: a new function each render must not reload.
  }, [url, action, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, setData, failure, loading: current !== null && settled !== current, reload };
}
