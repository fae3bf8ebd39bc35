import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import type { Kysely } from 'kysely';
import { getDb } from '@/db/client';
import type { Database } from '@/db/schema';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { addressFromHeaders, addressKey } from './client-address';
import { allowedAuthPaths, endpointAllowlist } from './endpoints';
import { checkSignInInput, MAX_PASSWORD_LENGTH } from './sign-in-input';
import { clearPairFailures, recordSignInFailure, throttleRefusal, type ThrottlePolicy } from './throttle';
import {
  ADDRESS_FAILURES,
  GLOBAL_FAILURES_PER_MINUTE,
  PAIR_FAILURES,
  THROTTLE_WINDOW_MINUTES,
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
  /** Sign-in attempts per client address per minute. */
  signInRateLimit?: number;
  /**
   * Failed sign-ins per minute across all addresses that engage the global
   * brake (0 = off): while it holds, addresses with a recent failure are
   * refused; addresses without one still sign in.
   */
  globalFailureLimit?: number;
  /** Wraps better-auth's own scrypt hash/verify (tests count the work done per answer). */
  password?: { hash: (password: string) => Promise<string>; verify: (data: { hash: string; password: string }) => Promise<boolean> };
  /** Overrides of the throttle's other numbers (tests). */
  throttle?: Partial<Omit<ThrottlePolicy, 'globalFailuresPerMinute'>>;
  sessionExpiresIn?: number;
}

const signInThrottled = () =>
  new APIError('TOO_MANY_REQUESTS', {
    message: `Too many failed sign-ins; try again in ${THROTTLE_WINDOW_MINUTES} minutes`,
    code: 'SIGN_IN_THROTTLED',
  });

const invalidCredentials = () => new APIError('UNAUTHORIZED', { message: 'Invalid email or password', code: 'INVALID_EMAIL_OR_PASSWORD' });

/**
 * The better-auth instance: email + password, sessions in Postgres, our table
 * names, lockout and audit in hooks, optional OIDC single sign-on.
 */
export function createAuth(db: Kysely<Database>, opts: CreateAuthOptions) {
  const secure = opts.baseURL.startsWith('https://');
  const throttle: ThrottlePolicy = {
    windowMinutes: THROTTLE_WINDOW_MINUTES,
    pairFailures: PAIR_FAILURES,
    addressFailures: ADDRESS_FAILURES,
    ...opts.throttle,
    globalFailuresPerMinute: opts.globalFailureLimit ?? GLOBAL_FAILURES_PER_MINUTE,
  };
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
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      ...(opts.password ? { password: opts.password } : {}),
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
        // Checked before anything touches the database (a NUL byte was a 500).
        const input = checkSignInInput(ctx.body);
        if (!input.ok) throw new APIError('BAD_REQUEST', { message: input.problem.message, code: input.problem.code });
        const address = addressKey(addressFromHeaders(ctx.headers));
        const refusal = await throttleRefusal(db, input.email, address, throttle);
        if (!refusal) return;
        // One answer whether the e-mail belongs to anyone: no "this account is locked".
        await recordAudit(db, {
          action: 'auth.sign_in_failed',
          target: input.email,
          detail: { reason: 'throttled', rule: refusal },
          ...requestOrigin(ctx.headers),
        });
        throw signInThrottled();
      }),
      after: createAuthMiddleware(async (ctx) => {
        const origin = requestOrigin(ctx.headers);
        if (ctx.path === '/sign-in/email') {
          const returned = ctx.context.returned;
          const input = checkSignInInput(ctx.body);
          // Only a refused password counts; bad input (400) and refusals by the throttle (429) do not.
          if (isAPIError(returned) && returned.statusCode === 401 && input.ok) {
            const user = await db.selectFrom('app_user').select('deactivated_at').where('email', '=', input.email).executeTakeFirst();
            await recordSignInFailure(db, input.email, addressKey(addressFromHeaders(ctx.headers)));
            await recordAudit(db, {
              action: 'auth.sign_in_failed',
              target: input.email,
              detail: { reason: !user ? 'unknown_user' : user.deactivated_at ? 'deactivated' : 'bad_password' },
              ...origin,
            });
            return;
          }
        }
        const created = ctx.context.newSession;
        if (created && (ctx.path === '/sign-in/email' || ctx.path.startsWith('/callback/'))) {
          await db.updateTable('app_user').set({ last_sign_in_at: new Date() }).where('id', '=', created.user.id).execute();
          if (ctx.path === '/sign-in/email') await clearPairFailures(db, created.user.email, addressKey(addressFromHeaders(ctx.headers)));
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
      // Over HTTP, only the endpoints the UI uses.
      endpointAllowlist(allowedAuthPaths(opts.oidc?.providerId ?? null)),
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
