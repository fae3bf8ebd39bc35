import type { z } from 'zod';

// Each class has its own handling in lib/jobs (see docs/collectors.md).
export const ERROR_CLASSES = ['retryable', 'quota', 'credential', 'account', 'bad_response', 'refused', 'config'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export abstract class CollectError extends Error {
  abstract readonly errorClass: ErrorClass;
}

/** Worth trying again: 429, 5xx, VK 6/9/10, timeouts, connection resets. */
export class RetryableError extends CollectError {
  readonly errorClass = 'retryable';
  constructor(
    message: string,
    /** How long the server asked us to wait, when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const NETWORK_FAILURE = 'the server could not be reached or did not answer in time';

/**
 * The server could not be reached or did not answer in time. The message is
 * the same whatever went wrong underneath (refused, reset, closed, DNS, TLS,
 * not HTTP, timeout), so what users see is no port scanner; `detail` holds
 * the low-level cause for the logs only.
 */
export class NetworkError extends RetryableError {
  constructor(
    what: string,
    readonly detail: string,
  ) {
    super(`${what}: ${NETWORK_FAILURE}`);
  }
}

/** A daily or per-method quota is spent: pause the credential until resetAt. */
export class QuotaError extends CollectError {
  readonly errorClass = 'quota';
  constructor(
    message: string,
    readonly resetAt: Date,
  ) {
    super(message);
  }
}

/** The token is dead or lacks rights: mark the credential invalid. */
export class CredentialError extends CollectError {
  readonly errorClass = 'credential';
}

export type AccountProblem = 'not_found' | 'private';

/** The account itself is gone, private or banned: mark the account. */
export class AccountError extends CollectError {
  readonly errorClass = 'account';
  constructor(
    message: string,
    readonly problem: AccountProblem,
  ) {
    super(message);
  }
}

/** The answer does not match the documented shape: store nothing from it. */
export class BadResponseError extends CollectError {
  readonly errorClass = 'bad_response';
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** Why the fetch policy refused an address, in words users see. */
export const REFUSALS = {
  not_public: 'it is not a public internet address',
  scheme: 'only https is accepted',
  credentials: 'a user name or password in the URL is not accepted',
  redirects: 'too many redirects',
  invalid: 'the URL cannot be read',
} as const;
export type RefusalKind = keyof typeof REFUSALS;

/**
 * The fetch policy refused the address (docs/operations.md, "Outbound fetches
 * and SSRF"): decided before any connection, and not retried. The message
 * names one of a few stable reasons; `detail` (the address, its range) is for
 * the logs only.
 */
export class FetchRefusedError extends CollectError {
  readonly errorClass = 'refused';
  constructor(
    readonly kind: RefusalKind,
    readonly detail: string,
    what = 'fetch',
    readonly redirected = false,
  ) {
    super(`${what}: ${redirected ? 'redirected to an address that is not allowed' : 'the address is not allowed'}: ${REFUSALS[kind]}`);
  }
}

/**
 * Podium's own configuration is wrong for this network — e.g. the server's TLS
 * certificate chains to a root the configured CA bundle does not hold
 * (MAX_CA_FILE, docs/operations.md). Not retried: retrying cannot fix it.
 */
export class ConfigError extends CollectError {
  readonly errorClass = 'config';
}

/** The answer grew past the body cap (PODIUM_MAX_RESPONSE_BYTES); reading stopped there. */
export class ResponseTooLargeError extends BadResponseError {
  constructor(
    what: string,
    readonly limitBytes: number,
  ) {
    super(`${what}: the answer is larger than ${formatBytes(limitBytes)}; not read`, '(body)');
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function errorClassOf(err: unknown): ErrorClass | 'internal' {
  return err instanceof CollectError ? err.errorClass : 'internal';
}

/** Replaces every occurrence of each secret (and its URL-encoded form) with a mask. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined | null)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('[redacted]');
  }
  return out;
}

/** "response.groups[0].members_count" from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(root)';
}

/** Validates an API answer; a mismatch names the first offending path. */
export function parseResponse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = formatPath(issue.path);
  throw new BadResponseError(`${what}: unexpected response at ${path}: ${issue.message}`, path);
}
