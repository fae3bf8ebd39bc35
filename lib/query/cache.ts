'use client';

import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { ApiError } from './fetch-json';

// The few parts of a query cache the dashboard uses, in place of a query
// library on every page (docs/benchmarks.md, first-load JavaScript): one
// entry per key shared by every component that asks for it, fresh for a
// minute, two retries unless the server answered 4xx, the previous key's data
// shown while the next one loads, and invalidation of a key family.

/** How long fetched data is fresh: a component that mounts later reuses it. */
const STALE_MS = 60_000;
/** Retries after a failed fetch; a 4xx will not heal by retrying. */
const RETRIES = 2;

type Key = readonly unknown[];

interface Entry {
  data: unknown;
  error: Error | null;
  updatedAt: number;
  fetching: Promise<void> | null;
  /** The latest fetch function a component gave for this key. */
  fn: () => Promise<unknown>;
  listeners: Set<() => void>;
  /** Changes on every update, for useSyncExternalStore. */
  version: number;
}

const entries = new Map<string, Entry>();

/** The same string for keys equal as JSON, whatever their objects' key order. */
function hashKey(key: Key): string {
  return JSON.stringify(key, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

function entryFor(hash: string, fn: () => Promise<unknown>): Entry {
  let e = entries.get(hash);
  if (!e) {
    e = { data: undefined, error: null, updatedAt: 0, fetching: null, fn, listeners: new Set(), version: 0 };
    // On the server every render starts empty: one process serves many viewers.
    if (typeof window !== 'undefined') entries.set(hash, e);
  }
  e.fn = fn;
  return e;
}

function update(e: Entry, patch: Partial<Entry>): void {
  Object.assign(e, patch, { version: e.version + 1 });
  for (const l of e.listeners) l();
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(e: Entry): Promise<void> {
  if (e.fetching) return e.fetching;
  const fn = e.fn;
  const p = (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        const data = await fn();
        update(e, { data, error: null, updatedAt: Date.now(), fetching: null });
        return;
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (attempt >= RETRIES || (error instanceof ApiError && error.status < 500)) {
          update(e, { error, fetching: null });
          return;
        }
        await delay(1000 * 2 ** attempt);
      }
    }
  })();
  update(e, { fetching: p });
  return p;
}

export interface QueryOptions<T> {
  queryKey: Key;
  queryFn: () => Promise<T>;
  /** Data the server rendered with; fresh from the first render. */
  initialData?: T;
  /** While a new key loads, keep showing the last data this component showed. */
  keepPrevious?: boolean;
  enabled?: boolean;
}

export type QueryResult<T> = ({ isError: true; error: Error } | { isError: false; error: null }) & {
  data: T | undefined;
  /** No data yet and none to show in its place. */
  isPending: boolean;
  isFetching: boolean;
  /** `data` belongs to the previous key while this one loads. */
  isPlaceholderData: boolean;
  refetch: () => Promise<void>;
};

export function useQuery<T>({ queryKey, queryFn, initialData, keepPrevious = false, enabled = true }: QueryOptions<T>): QueryResult<T> {
  const e = entryFor(hashKey(queryKey), queryFn);
  if (e.updatedAt === 0 && initialData !== undefined && e.data === undefined) {
    e.data = initialData;
    e.updatedAt = Date.now();
  }
  useSyncExternalStore(
    useCallback(
      (l: () => void) => {
        e.listeners.add(l);
        return () => e.listeners.delete(l);
      },
      [e],
    ),
    () => e.version,
    () => e.version,
  );
  useEffect(() => {
    if (enabled && !e.fetching && Date.now() - e.updatedAt > STALE_MS) void run(e);
  }, [e, enabled]);
  const shown = useRef<unknown>(undefined);
  const own = e.data as T | undefined;
  const placeholder = own === undefined && !e.error && keepPrevious && shown.current !== undefined;
  const data = own ?? (placeholder ? (shown.current as T) : undefined);
  useEffect(() => {
    if (own !== undefined) shown.current = own;
  });
  const refetch = useCallback(() => run(e), [e]);
  return {
    ...(e.error ? { isError: true as const, error: e.error } : { isError: false as const, error: null }),
    data,
    isPending: data === undefined && e.error === null,
    isFetching: e.fetching !== null,
    isPlaceholderData: placeholder,
    refetch,
  };
}

/** Marks every entry under `prefix` stale and refetches those on screen. */
export function invalidate(prefix: Key): void {
  const head = hashKey(prefix).slice(0, -1);
  for (const [hash, e] of entries) {
    if (hash !== `${head}]` && !hash.startsWith(`${head},`)) continue;
    e.updatedAt = 0;
    if (e.listeners.size > 0) void run(e);
  }
}
