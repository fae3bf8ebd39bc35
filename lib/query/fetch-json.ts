export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Query string from a flat object, skipping empty values, in a stable key order. */
export function toSearch(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const k of Object.keys(params).sort()) {
    const v = params[k];
    if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/**
 * GET one of our own JSON endpoints. The body is typed by the response shape of
 * lib/api/schemas.ts, which the route handlers build and the API tests parse;
 * it is not parsed again in the browser, where the schema library alone would
 * add about 30 KB (gzipped) to every page (docs/benchmarks.md).
 */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) {
    let message = res.statusText;
    try {
      const body = (await res.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = body.error;
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}
