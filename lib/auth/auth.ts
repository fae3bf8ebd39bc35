import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { sql, type Kysely } from 'kysely';
import { getDb } from '@/db/client';
import type { Database } from '@/db/schema';
import { recordAudit, requestOrigin } from '@/lib/audit';
import {
  LOCKOUT_MINUTES,
  MAX_FAILED_SIGN_INS,
  MIN_PASSWORD_LENGTH,
  SESSION_EXPIRES_SECONDS,
  SESSION_UPDATE_AGE_SECONDS,
  authBaseUrl,
  authSecret,
  oidcConfig,
  trustedOrigins,
  type OidcConfig,
} from './config';

const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;

export interface CreateAuthOptions {
  secret: string;
  baseURL: string;
  trustedOrigins?: string[];
  oidc?: OidcConfig | null;
  /** Sign-in attempts per IP per minute. */
  signInRateLimit?: number;
  /**
   * Failed sign-ins per minute across all addresses before every sign-in is
   * refused for a while (0 = off). Client IPs can be forged when no reverse
   * proxy overwrites X-Forwarded-For, so the per-IP limit alone cannot stop
   * credential stuffing.
   */
  globalFailureLimit?: number;
  sessionExpiresIn?: number;
}

function normEmail(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim().toLowerCase() : null;
}

const invalidCredentials = () =>
  new APIError('UNAUTHORIZED', { message: 'Invalid email or password', code: 'INVALID_EMAIL_OR_PASSWORD' });

/**
 * The better-auth instance: email + password, sessions in Postgres, our table
 * names, lockout and audit in hooks, optional OIDC single sign-on.
 */
export function createAuth(db: Kysely<Database>, opts: CreateAuthOptions) {
  const secure = opts.baseURL.startsWith('https://');
  const options = {
    appName: 'Podium',
    secret: opts.secret,
    baseURL: opts.baseURL,
    basePath: '/api/auth',
    trustedOrigins: opts.trustedOrigins ?? [new URL(opts.baseURL).origin],
    database: { db, type: 'postgres' },
    telemetry: { enabled: false },
    // Failed sign-ins are audited; better-auth's own warnings would repeat them.
    logger: { level: 'error' },
    user: {
      modelName: 'app_user',
      fields: { emailVerified: 'email_verified', ...timestamps },
      additionalFields: {
        role: { type: 'string', required: false, input: false, defaultValue: 'central' },
        branchId: { type: 'number', required: false, input: false, fieldName: 'branch_id' },
        deactivatedAt: { type: 'date', required: false, input: false, fieldName: 'deactivated_at' },
      },
    },
    session: {
      modelName: 'auth_session',
      fields: { expiresAt: 'expires_at', ipAddress: 'ip_address', userAgent: 'user_agent', userId: 'user_id', ...timestamps },
      expiresIn: opts.sessionExpiresIn ?? SESSION_EXPIRES_SECONDS,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
      // No cookie cache: a deactivated user or revoked session stops at once.
      cookieCache: { enabled: false },
    },
    account: {
      modelName: 'auth_account',
      fields: {
        accountId: 'account_id',
        providerId: 'provider_id',
        userId: 'user_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        ...timestamps,
      },
      // SSO may attach to a user an admin created with the same e-mail.
      accountLinking: { enabled: true, trustedProviders: ['oidc'] },
    },
    verification: {
      modelName: 'auth_verification',
      fields: { expiresAt: 'expires_at', ...timestamps },
    },
    emailAndPassword: {
      enabled: true,
      // Accounts are made by admins (UI, CLI, /setup), never by sign-up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'auth_rate_limit',
      fields: { lastRequest: 'last_request' },
      window: 60,
      max: 300,
      customRules: { '/sign-in/email': { window: 60, max: opts.signInRateLimit ?? 20 } },
    },
    advanced: {
      cookiePrefix: 'podium',
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
    },
    databaseHooks: {
      session: {
        create: {
          // Covers every way in (password, SSO): a deactivated user gets no session.
          before: async (session) => {
            const u = await db.selectFrom('app_user').select('deactivated_at').where('id', '=', session.userId).executeTakeFirst();
            if (!u || u.deactivated_at) throw invalidCredentials();
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = normEmail((ctx.body as { email?: unknown } | undefined)?.email);
        if (!email) return;
        const globalLimit = opts.globalFailureLimit ?? 120;
        if (globalLimit > 0) {
          const recent = await db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'auth.sign_in_failed')
            .where('at', '>', sql<Date>`now() - interval '1 minute'`)
            .executeTakeFirstOrThrow();
          if (Number(recent.n) >= globalLimit) {
            throw new APIError('TOO_MANY_REQUESTS', { message: 'Too many failed sign-ins; try again in a minute', code: 'SIGN_IN_THROTTLED' });
          }
        }
        const user = await db
          .selectFrom('app_user')
          .select(['id', 'deactivated_at', 'locked_until'])
          .where('email', '=', email)
          .executeTakeFirst();
        if (!user) return;
        const origin = requestOrigin(ctx.headers);
        if (user.deactivated_at) {
          await recordAudit(db, { action: 'auth.sign_in_failed', target: email, detail: { reason: 'deactivated' }, ...origin });
          throw invalidCredentials();
        }
        if (user.locked_until && user.locked_until > new Date()) {
          await recordAudit(db, { action: 'auth.sign_in_failed', target: email, detail: { reason: 'locked' }, ...origin });
          throw new APIError('TOO_MANY_REQUESTS', {
            message: `Too many failed attempts; this account is locked for up to ${LOCKOUT_MINUTES} minutes`,
            code: 'ACCOUNT_LOCKED',
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const origin = requestOrigin(ctx.headers);
        if (ctx.path === '/sign-in/email') {
          const email = normEmail((ctx.body as { email?: unknown } | undefined)?.email);
          const returned = ctx.context.returned;
          const failed = isAPIError(returned) || returned instanceof Error || !ctx.context.newSession;
          if (failed) {
            if (!email) return;
            const row = await db
              .updateTable('app_user')
              .set({
                failed_sign_ins: sql<number>`failed_sign_ins + 1`,
                locked_until: sql<Date>`case when failed_sign_ins + 1 >= ${MAX_FAILED_SIGN_INS}
                  then now() + make_interval(mins => ${LOCKOUT_MINUTES}) else locked_until end`,
              })
              .where('email', '=', email)
              .returning(['failed_sign_ins', 'locked_until'])
              .executeTakeFirst();
            await recordAudit(db, {
              action: 'auth.sign_in_failed',
              target: email,
              detail: { reason: row ? 'bad_password' : 'unknown_user', failures: row?.failed_sign_ins ?? null, locked: Boolean(row?.locked_until && row.locked_until > new Date()) },
              ...origin,
            });
            return;
          }
        }
        const created = ctx.context.newSession;
        if (created && (ctx.path === '/sign-in/email' || ctx.path.startsWith('/callback/'))) {
          await db
            .updateTable('app_user')
            .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: new Date() })
            .where('id', '=', created.user.id)
            .execute();
          await recordAudit(db, {
            action: 'auth.sign_in',
            actor: { userId: created.user.id, email: created.user.email },
            target: created.user.email,
            detail: { method: ctx.path === '/sign-in/email' ? 'password' : 'oidc' },
            ...origin,
          });
        }
      }),
    },
    plugins: [
      ...(opts.oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: opts.oidc.providerId,
                  discoveryUrl: opts.oidc.discoveryUrl,
                  clientId: opts.oidc.clientId,
                  clientSecret: opts.oidc.clientSecret,
                  scopes: ['openid', 'email', 'profile'],
                  pkce: true,
                  // Only people an admin already created may come in through SSO.
                  disableSignUp: true,
                },
              ],
            }),
          ]
        : []),
      // Lets server actions that call auth.api set and clear cookies.
      nextCookies(),
    ],
  } satisfies BetterAuthOptions;
  return betterAuth(options);
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { podiumAuth?: Auth };

/** The server process's auth instance, on the shared pool. */
export function getAuth(): Auth {
  if (!globalForAuth.podiumAuth) {
    const baseURL = authBaseUrl();
    globalForAuth.podiumAuth = createAuth(getDb(), {
      secret: authSecret(),
      baseURL,
      trustedOrigins: trustedOrigins(baseURL),
      oidc: oidcConfig(),
      signInRateLimit: Number(process.env.PODIUM_SIGNIN_RATE_LIMIT) || undefined,
      globalFailureLimit: process.env.PODIUM_SIGNIN_GLOBAL_FAILURES ? Number(process.env.PODIUM_SIGNIN_GLOBAL_FAILURES) : undefined,
    });
  }
  return globalForAuth.podiumAuth;
}

/** For tests: use this instance instead of building one from the environment. */
export function setAuthForTests(auth: Auth | undefined): void {
  globalForAuth.podiumAuth = auth;
}
