import crypto from 'node:crypto';
import path from 'node:path';
import { loadOrCreateSecretFile } from '../crypto/secrets';

// Sign-in throttling (lib/auth/throttle.ts, docs/access.md): within the
// window, failures for one e-mail from one address, and from one address
// for any e-mails, before that pair / address is refused; failures per
// minute everywhere that engage the global brake.
export const THROTTLE_WINDOW_MINUTES = 15;
export const PAIR_FAILURES = 5;
export const ADDRESS_FAILURES = 20;
export const GLOBAL_FAILURES_PER_MINUTE = 120;
export const SESSION_EXPIRES_SECONDS = 60 * 60 * 12;
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60;
export const RESET_LINK_HOURS = 48;
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Session-signing secret: BETTER_AUTH_SECRET, else one generated once into the
 * data directory (like PODIUM_SECRET_KEY), so a fresh install needs no setup.
 */
export function loadOrCreateAuthSecret(envSecret: string | undefined, dataDir: string): string {
  if (envSecret) {
    if (envSecret.length < 32) throw new Error('BETTER_AUTH_SECRET must be at least 32 characters');
    return envSecret;
  }
  // Created exclusively and re-read, like the key file: lib/crypto/secrets.ts.
  return loadOrCreateSecretFile(
    path.resolve(dataDir, 'auth.secret'),
    () => crypto.randomBytes(32).toString('base64url'),
    (s) => s.length >= 32,
  );
}

export function authSecret(): string {
  return loadOrCreateAuthSecret(process.env.BETTER_AUTH_SECRET, process.env.PODIUM_DATA_DIR || '.data');
}

/** Public URL of the app: PODIUM_BASE_URL (or BETTER_AUTH_URL), else http://localhost:$PORT. */
export function authBaseUrl(): string {
  const explicit = process.env.PODIUM_BASE_URL || process.env.BETTER_AUTH_URL;
  if (explicit) return explicit.replace(/\/+$/, '');
  return `http://localhost:${process.env.PORT || 3000}`;
}

/** Origins allowed to post to the auth endpoints (CSRF check). */
export function trustedOrigins(baseUrl: string): string[] {
  const port = process.env.PORT || 3000;
  const extra = (process.env.PODIUM_TRUSTED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set([new URL(baseUrl).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`, ...extra])];
}

export interface OidcConfig {
  providerId: 'oidc';
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  label: string;
}

/** Single sign-on is on only when issuer, client id and secret are all set. */
export function oidcConfig(source: Record<string, string | undefined> = process.env): OidcConfig | null {
  const issuer = source.PODIUM_OIDC_ISSUER?.trim();
  const clientId = source.PODIUM_OIDC_CLIENT_ID?.trim();
  const clientSecret = source.PODIUM_OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  const discoveryUrl = issuer.includes('/.well-known/') ? issuer : `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  return { providerId: 'oidc', discoveryUrl, clientId, clientSecret, label: source.PODIUM_OIDC_LABEL?.trim() || 'SSO' };
}
