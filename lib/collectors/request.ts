import type { z } from 'zod';
import { parseJson, type HttpRequest, type HttpResponse } from '../http/client';
import { parseResponse } from '../http/errors';
import { DEFAULT_LIMITS, type RateLimit } from '../http/rate-limiter';
import type { CollectContext } from './types';

// The one request wrapper of the collectors (docs/collectors.md, "HTTP layer"):
// each API call goes through the shared HTTP layer under its rate-limit bucket,
// and a JSON answer is checked against its zod schema.

/** A collector's request: the HTTP layer's, with the rate named by its bucket. */
export interface ApiRequest extends Omit<HttpRequest, 'rate'> {
  /** Rate-limit bucket name (vk, ok, max, …): its configured limit, else `fallback`. */
  bucket: string;
  /** The limit when none is configured for the bucket; DEFAULT_LIMITS[bucket] if omitted. */
  fallback?: RateLimit;
}

/** An API address: the operator's base (an env *_API_URL, trailing slash dropped), a path and query parameters. */
export function apiUrl(base: string, path: string, params: Record<string, string> = {}): URL {
  const url = new URL(`${base.replace(/\/$/, '')}${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url;
}

/** Sends one request through `ctx.http` at its bucket's rate. */
export function apiRequest(ctx: CollectContext, { bucket, fallback, ...req }: ApiRequest): Promise<HttpResponse> {
  return ctx.http.request({ ...req, rate: ctx.http.rate(bucket, fallback ?? DEFAULT_LIMITS[bucket]) });
}

/** Sends one request and reads its answer as JSON of `schema`; anything else is a bad_response naming `what`. */
export async function apiJson<S extends z.ZodType>(ctx: CollectContext, req: ApiRequest, schema: S): Promise<z.infer<S>> {
  const res = await apiRequest(ctx, req);
  return parseResponse(schema, parseJson(res, req.what), req.what);
}
