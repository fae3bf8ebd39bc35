import { request as undiciRequest, type Dispatcher } from 'undici';
import type { Logger } from '../log';
import { EMPTY_ALLOW, urlRefusal, type AllowList } from './address-policy';
import { readCappedText } from './body';
import {
  BadResponseError,
  CollectError,
  ConfigError,
  CredentialError,
  FetchRefusedError,
  NetworkError,
  QuotaError,
  RetryableError,
  scrubSecrets,
} from './errors';
import { guardedDispatcher, operatorDispatcher, systemResolver, trustingDispatcher, type Resolver } from './guarded-dispatcher';
import { RateLimiter, type Limiter, type RateLimit } from './rate-limiter';

export interface HttpClientOptions {
  /** Per-attempt timeout, headers and body included. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited out: it becomes a quota pause of the credential. */
  maxRetryAfterMs?: number;
  /** Overrides of DEFAULT_LIMITS by bucket name (vk, telegram_bot, ...). */
  limits?: Record<string, RateLimit>;
  logger?: Pick<Logger, 'debug' | 'warn'>;
  /** Hosts and ranges a URL from users or branch data may reach beyond the public internet (PODIUM_FETCH_ALLOW). */
  allow?: AllowList;
  /** Body cap of every answer, in bytes (PODIUM_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Redirects followed per request, each hop checked again. */
  maxRedirects?: number;
  /** Name resolution for URLs under the address filter; tests inject one that answers private addresses. */
  resolve?: Resolver;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpRequest {
  /** Label for errors and logs, e.g. "vk wall.get". Never the URL: it may hold a token. */
  what: string;
  url: string | URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Rate-limit bucket, e.g. "vk:credential:12"; one bucket per credential. */
  limitKey: string;
  rate: RateLimit;
  /** Strings scrubbed from every message this request produces. */
  secrets?: readonly (string | undefined)[];
  /**
   * Network-specific reading of an answer (VK errors inside HTTP 200, Telegram
   * retry_after, quotaExceeded). Return an error to throw or retry, or null to
   * fall through to the generic status handling.
   */
  classify?: (res: HttpResponse) => CollectError | null;
  redirect?: 'follow' | 'manual';
  /**
   * The operator-configured API base (an env *_API_URL) this URL was built
   * from. A URL on that origin skips the address filter; any other URL — one
   * from users or branch data, or a redirect off the base — goes through it
   * (docs/operations.md, "Outbound fetches and SSRF").
   */
  base?: string;
  /**
   * Extra roots to trust for the operator's base (e.g. MAX's Russian Trusted
   * Root CA from MAX_CA_FILE), added to Node's bundled ones; verification is
   * never turned off. A certificate that still cannot be verified is a
   * ConfigError naming `setting`.
   */
  trust?: { pem?: string; setting: string };
}

const DEFAULTS = {
  timeoutMs: 15_000,
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  maxResponseBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Flattens undici's header record into a Headers object (repeated headers joined). */
function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) h.append(k, x);
  }
  return h;
}

/** The low-level cause of a failed connection, for the logs (never for users). */
function describeCause(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 4; x = x.cause, depth++) {
    const code = (x as NodeJS.ErrnoException).code;
    parts.push(`${x.name}${code ? ` ${code}` : ''}: ${x.message}`);
  }
  return parts.join(' <- ') || String(e);
}

/** The FetchRefusedError a connector raised, however undici wrapped it. */
function refusalIn(e: unknown): FetchRefusedError | undefined {
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 4; x = x.cause, depth++) {
    if (x instanceof FetchRefusedError) return x;
  }
  return undefined;
}

/** OpenSSL's verdicts on a certificate chain that mean "not trusted as configured". */
const TLS_TRUST_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The certificate-verification code in an error's cause chain, if any. */
export function tlsTrustCode(e: unknown): string | undefined {
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 5; x = x.cause, depth++) {
    const code = (x as NodeJS.ErrnoException).code;
    if (code && TLS_TRUST_CODES.has(code)) return code;
  }
  return undefined;
}

/** Seconds or an HTTP date, per RFC 9110; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now);
}

/** Exponential backoff with full jitter, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The one HTTP layer every collector uses. A client made with session()
 * shares the rate limiter but counts its own calls, so a job can report the
 * API calls of one run even when the collector throws.
 */
export class HttpClient {
  readonly opts: Required<Omit<HttpClientOptions, 'logger' | 'limits' | 'allow' | 'resolve'>> &
    Pick<HttpClientOptions, 'logger' | 'limits' | 'allow' | 'resolve'>;
  calls = 0;

  constructor(
    opts: HttpClientOptions = {},
    readonly limiter: Limiter = new RateLimiter(),
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** A client sharing this one's limiter; `overrides` (e.g. the fetch policy of an env) replace options. */
  session(overrides: Pick<HttpClientOptions, 'allow' | 'maxResponseBytes'> = {}): HttpClient {
    return new HttpClient({ ...this.opts, ...overrides }, this.limiter);
  }

  /** The configured limit for a bucket name, else the given default. */
  rate(bucket: string, fallback: RateLimit): RateLimit {
    return this.opts.limits?.[bucket] ?? fallback;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const { maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs } = this.opts;
    for (let attempt = 0; ; attempt++) {
      let error: CollectError;
      try {
        return await this.attempt(req);
      } catch (e) {
        if (!(e instanceof CollectError)) throw e;
        error = e;
      }
      if (!(error instanceof RetryableError) || attempt >= maxRetries) {
        if (error instanceof RetryableError && attempt > 0) {
          // Same error (class and log detail kept), message completed.
          error.message = `${error.message} (gave up after ${attempt + 1} attempts)`;
        }
        throw error;
      }
      if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) {
        // Told to wait longer than is worth holding a slot (Telegram can say
        // hours): pause the credential until then instead.
        throw new QuotaError(
          `${error.message}; asked to wait ${Math.round(error.retryAfterMs / 1000)} s`,
          new Date(Date.now() + error.retryAfterMs),
        );
      }
      const delay = error.retryAfterMs ?? backoffDelay(attempt, baseDelayMs, maxDelayMs);
      this.opts.logger?.debug(
        { what: req.what, attempt: attempt + 1, delayMs: delay, reason: error instanceof NetworkError ? error.detail : error.message },
        'retrying',
      );
      await sleep(delay);
    }
  }

  private async attempt(req: HttpRequest): Promise<HttpResponse> {
    // The slot is held until the answer is in: the server saw the request
    // somewhere between our start and that moment (docs/collectors.md, "Rate limits").
    const release = await this.limiter.begin(req.limitKey, req.rate, this.opts.timeoutMs);
    this.calls++;
    try {
      return await this.attemptHeld(req);
    } finally {
      await release();
    }
  }

  private async attemptHeld(req: HttpRequest): Promise<HttpResponse> {
    const scrub = (s: string) => scrubSecrets(s, req.secrets ?? []);
    let res: HttpResponse;
    try {
      res = await this.fetchFollowing(req, AbortSignal.timeout(this.opts.timeoutMs));
    } catch (e) {
      const tls = req.trust ? tlsTrustCode(e) : undefined;
      if (tls) {
        throw new ConfigError(
          `${req.what}: the server's TLS certificate was not accepted (${tls}); check that ${req.trust?.setting} holds the CA that issued it (docs/operations.md)`,
        );
      }
      if (e instanceof CollectError) {
        e.message = scrub(e.message);
        if (e.stack) e.stack = scrub(e.stack);
        throw e;
      }
      const refusal = refusalIn(e);
      if (refusal) throw new FetchRefusedError(refusal.kind, scrub(refusal.detail), req.what, false);
      const name = e instanceof Error ? e.name : '';
      const detail = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${this.opts.timeoutMs} ms` : describeCause(e);
      // One text for every low-level failure: users see no port-scan oracle.
      this.opts.logger?.debug({ what: req.what, detail: scrub(detail) }, 'network failure');
      throw new NetworkError(req.what, scrub(detail));
    }
    const special = req.classify?.(res);
    if (special) {
      // The stack was captured with the raw message: scrub both.
      special.message = scrub(special.message);
      if (special.stack) special.stack = scrub(special.stack);
      throw special;
    }
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    if (res.status === 429 || res.status === 420) throw new RetryableError(`${req.what}: HTTP ${res.status} too many requests`, retryAfter);
    if (res.status >= 500) throw new RetryableError(`${req.what}: HTTP ${res.status}`, retryAfter);
    if (res.status === 401) throw new CredentialError(`${req.what}: HTTP 401, the token was rejected`);
    if (res.status >= 400) throw new BadResponseError(`${req.what}: HTTP ${res.status}`);
    return res;
  }

  /**
   * One request with its redirects followed by hand: every hop off the
   * operator's base is checked (https, public address, allow-list) before it
   * is connected to, and the hop count is capped. Headers given by the caller
   * (credentials among them) never cross to another origin.
   */
  private async fetchFollowing(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    const allow = this.opts.allow ?? EMPTY_ALLOW;
    const baseOrigin = req.base ? new URL(req.base).origin : null;
    const plain = { 'user-agent': 'Podium', accept: '*/*' };
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new FetchRefusedError('invalid', 'unparsable URL', req.what);
    }
    let method: 'GET' | 'POST' = req.method ?? 'GET';
    let body = req.body;
    let headers: Record<string, string> = { ...plain, ...req.headers };
    for (let hop = 0; ; hop++) {
      const trusted = baseOrigin !== null && url.origin === baseOrigin;
      if (!trusted) {
        const refusal = urlRefusal(allow, url);
        if (refusal) throw new FetchRefusedError(refusal.kind, refusal.detail, req.what, hop > 0);
      }
      let r: Dispatcher.ResponseData;
      try {
        r = await undiciRequest(url, {
          method,
          headers,
          body,
          signal,
          dispatcher: trusted
            ? req.trust?.pem
              ? trustingDispatcher(req.trust.pem)
              : operatorDispatcher()
            : guardedDispatcher(allow, this.opts.resolve ?? systemResolver),
        });
      } catch (e) {
        const refusal = refusalIn(e);
        if (refusal) throw new FetchRefusedError(refusal.kind, refusal.detail, req.what, hop > 0);
        throw e;
      }
      const location = r.headers.location;
      if (REDIRECTS.has(r.statusCode) && typeof location === 'string' && req.redirect !== 'manual') {
        // Read off (at most dump's 128 KB, then the socket is dropped) so the connection can be reused.
        await r.body.dump().catch(() => {});
        if (hop >= this.opts.maxRedirects)
          throw new FetchRefusedError('redirects', `more than ${this.opts.maxRedirects} redirects`, req.what, true);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new BadResponseError(`${req.what}: HTTP ${r.statusCode} with an unreadable Location`, 'location');
        }
        if (next.origin !== url.origin) headers = { ...plain };
        if (r.statusCode === 303 || ((r.statusCode === 301 || r.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      const text = await readCappedText(r.body, r.headers, this.opts.maxResponseBytes, req.what);
      return { status: r.statusCode, headers: toHeaders(r.headers), text };
    }
  }
}

/** Parses a JSON body; a truncated or malformed body is a bad response. */
export function parseJson(res: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new BadResponseError(`${what}: the body is not valid JSON (${res.text.length} bytes)`, '(body)');
  }
}
