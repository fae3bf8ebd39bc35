import crypto from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Viewer } from '../auth/viewer';
import { newNonce } from '../security/headers';
import { acceptsGzip, deflatePieces, gzipJoined, joinAt, splitAt } from './body-pieces';
import type { RequestHandler } from './server';

/**
 * A render cache for the two pages many people open at once: the rankings
 * page and a branch page (docs/benchmarks.md, "Web under load";
 * docs/operations.md, "Page render cache"). A stored page is served again
 * only to a request that would render exactly the same bytes:
 *
 * - the same URL, cookies (session, language), Accept-Language and host;
 * - the same viewer (user, role, branch, name) as read from the database now,
 *   so a deactivated user or changed role never gets an old page;
 * - the same database state: the key holds PostgreSQL's current snapshot
 *   (`pg_current_snapshot()`), which changes whenever any write transaction
 *   starts or ends. Two equal snapshots see the same committed data, and a
 *   page is stored only if the snapshot read after its render equals the one
 *   read before it, so the render saw exactly that state;
 * - the same 10-second slot of the clock (pages show "now"; a slot never
 *   spans a midnight, so "this month" cannot change inside it).
 *
 * Every answer gets a fresh CSP nonce: the stored page's nonce is replaced
 * in the body and in every header (the CSP, Next.js's Link preloads).
 */
export interface PageCacheDeps {
  /** The signed-in viewer for these request headers, or null. */
  viewer(headers: Headers): Promise<Viewer | null>;
  /** The database's current snapshot as text (equal text: equal visible data). */
  version(): Promise<string>;
  now?: () => number;
}

export const SLOT_MS = 10_000;
const MAX_ENTRIES = 100;
/** Headers a render may read besides the URL; anything else in a page request is not shown on the page. */
const KEY_HEADERS = ['host', 'cookie', 'accept-language', 'x-forwarded-proto', 'x-forwarded-host'] as const;
/** Requests from the client router (RSC payloads, prefetches, actions) are never cached. */
const ROUTER_HEADERS = [
  'rsc',
  'next-router-prefetch',
  'next-router-state-tree',
  'next-router-segment-prefetch',
  'next-action',
  'next-url',
] as const;
/** Set anew for each answer, never copied from the kept one. */
const PER_ANSWER_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);
const CACHED_PATH = /^\/(?:branches\/[a-z0-9-]{1,80})?$/;

interface Entry {
  slot: number;
  status: number;
  headers: OutgoingHttpHeaders;
  /** The nonce of the render, replaced in every header value (CSP, Link preloads) per answer. */
  nonce: string;
  /** The body's UTF-8 bytes split at its nonce: joined with a fresh one per answer (no re-encoding). */
  parts: Buffer[];
  /** The parts deflated, made on the first answer to a client that accepts gzip (lib/web/body-pieces.ts). */
  deflated?: Buffer[];
}

/** The pathname when this request may use the cache, else null. */
export function cacheablePath(req: IncomingMessage): string | null {
  if (req.method !== 'GET' || !req.url || !req.headers.cookie) return null;
  if (ROUTER_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  const url = new URL(req.url, 'http://x');
  if (url.searchParams.has('_rsc') || !CACHED_PATH.test(url.pathname)) return null;
  return url.pathname;
}

function nonceOf(csp: unknown): string | null {
  return typeof csp === 'string' ? (/'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? null) : null;
}

function toHeaders(req: IncomingMessage): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') h.set(k, v);
    else if (Array.isArray(v)) for (const x of v) h.append(k, x);
  }
  return h;
}

export function createPageCache(handle: RequestHandler, deps: PageCacheDeps): RequestHandler {
  const now = deps.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry | null>>();

  function serve(e: Entry, req: IncomingMessage, res: ServerResponse): void {
    const nonce = newNonce();
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    let body: Buffer;
    if (gzip) {
      e.deflated ??= deflatePieces(e.parts);
      body = gzipJoined(e.parts, e.deflated, Buffer.from(nonce));
    } else body = joinAt(e.parts, Buffer.from(nonce));
    res.statusCode = e.status;
    for (const [k, v] of Object.entries(e.headers)) {
      if (v === undefined || PER_ANSWER_HEADERS.has(k)) continue;
      const swap = (x: string | number) => String(x).split(e.nonce).join(nonce);
      res.setHeader(k, Array.isArray(v) ? v.map(swap) : swap(v));
    }
    // Either encoding may be answered to the same URL: caches must keep them apart.
    const vary = String(res.getHeader('vary') ?? '');
    if (!/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) res.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.setHeader('content-length', body.length);
    res.setHeader('x-podium-page-cache', 'hit');
    res.end(body);
  }

  function store(key: string, e: Entry): void {
    for (const [k, old] of entries) if (old.slot !== e.slot) entries.delete(k);
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, e);
  }

  /** Lets Next render, passing the answer through and keeping a copy. */
  async function renderAndKeep(req: IncomingMessage, res: ServerResponse, slot: number, before: string): Promise<Entry | null> {
    // Stored bytes must be plain to carry a new nonce; these pages answer uncompressed.
    delete req.headers['accept-encoding'];
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as typeof res.end;
    const finished = new Promise<boolean>((resolve) => {
      res.on('finish', () => resolve(true));
      res.on('close', () => resolve(res.writableFinished));
    });
    await handle(req, res);
    if (!(await finished)) return null;
    const headers = res.getHeaders();
    const nonce = nonceOf(headers['content-security-policy']);
    const html = String(headers['content-type'] ?? '').startsWith('text/html');
    if (res.statusCode !== 200 || !nonce || !html || headers['set-cookie'] !== undefined || headers['content-encoding'] !== undefined)
      return null;
    const after = await deps.version().catch(() => null);
    if (after !== before || Math.floor(now() / SLOT_MS) !== slot) return null;
    return { slot, status: res.statusCode, headers, nonce, parts: splitAt(Buffer.concat(chunks), Buffer.from(nonce)) };
  }

  return async (req, res) => {
    if (!cacheablePath(req)) return handle(req, res);
    let viewer: Viewer | null;
    let version: string;
    try {
      viewer = await deps.viewer(toHeaders(req));
      version = await deps.version();
    } catch {
      return handle(req, res); // Next answers (the 503 page while the database is away)
    }
    if (!viewer) return handle(req, res); // the sign-in redirect
    const slot = Math.floor(now() / SLOT_MS);
    const key = crypto
      .createHash('sha256')
      .update(JSON.stringify([req.url, KEY_HEADERS.map((h) => req.headers[h] ?? null), viewer, version, slot]))
      .digest('base64');
    const hit = entries.get(key);
    if (hit) return serve(hit, req, res);
    const inFlight = pending.get(key);
    if (inFlight) {
      // Same page being rendered for someone else: wait for it rather than render it again.
      const e = await inFlight.catch(() => null);
      return e ? serve(e, req, res) : handle(req, res);
    }
    const p = renderAndKeep(req, res, slot, version);
    pending.set(key, p);
    try {
      const e = await p;
      if (e) store(key, e);
    } finally {
      pending.delete(key);
    }
  };
}
