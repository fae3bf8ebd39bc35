import type { Logger } from '../log';
import {
  BadResponseError,
  CollectError,
  CredentialError,
  QuotaError,
  RetryableError,
  scrubSecrets,
} from './errors';
import { RateLimiter, type RateLimit } from './rate-limiter';

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
}

const DEFAULTS = {
  timeoutMs: 15_000,
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

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
  readonly opts: Required<Omit<HttpClientOptions, 'logger' | 'limits'>> & Pick<HttpClientOptions, 'logger' | 'limits'>;
  calls = 0;

  constructor(
    opts: HttpClientOptions = {},
    readonly limiter = new RateLimiter(),
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  session(): HttpClient {
    return new HttpClient(this.opts, this.limiter);
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
        if (error instanceof RetryableError && attempt >= maxRetries) {
          throw new RetryableError(`${error.message} (gave up after ${attempt + 1} attempts)`, error.retryAfterMs);
        }
        throw error;
      }
      if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) {
        // Told to wait longer than is worth holding a slot (Telegram can say
        // hours): pause the credential until then instead.
        throw new QuotaError(`${error.message}; asked to wait ${Math.round(error.retryAfterMs / 1000)} s`, new Date(Date.now() + error.retryAfterMs));
      }
      const delay = error.retryAfterMs ?? backoffDelay(attempt, baseDelayMs, maxDelayMs);
      this.opts.logger?.debug({ what: req.what, attempt: attempt + 1, delayMs: delay, reason: error.message }, 'retrying');
      await sleep(delay);
    }
  }

  private async attempt(req: HttpRequest): Promise<HttpResponse> {
    await this.limiter.acquire(req.limitKey, req.rate);
    this.calls++;
    const scrub = (s: string) => scrubSecrets(s, req.secrets ?? []);
    let res: HttpResponse;
    try {
      const r = await fetch(req.url, {
        method: req.method ?? 'GET',
        headers: req.headers,
        body: req.body,
        redirect: req.redirect ?? 'follow',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      res = { status: r.status, headers: r.headers, text: await r.text() };
    } catch (e) {
      const name = e instanceof Error ? e.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new RetryableError(`${req.what}: no answer within ${this.opts.timeoutMs} ms`);
      }
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
      throw new RetryableError(scrub(`${req.what}: connection failed (${cause})`));
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
}

/** Parses a JSON body; a truncated or malformed body is a bad response. */
export function parseJson(res: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new BadResponseError(`${what}: the body is not valid JSON (${res.text.length} bytes)`, '(body)');
  }
}
