import fs from 'node:fs';
import { z } from 'zod';
import { parseTrustedProxies } from './auth/client-address';
import { AllowListError, parseAllowList } from './http/address-policy';

const url = z.url({ protocol: /^https?$/ });

/** Why a CA bundle path cannot be used, or null when it holds PEM certificates. */
export function caFileProblem(path: string): string | null {
  if (path.includes('\0')) return 'must be a file path (it contains a NUL byte)';
  let text: string;
  try {
    const st = fs.statSync(path);
    if (!st.isFile()) return `${JSON.stringify(path.slice(0, 200))} is not a file`;
    if (st.size > 1024 * 1024) return `${JSON.stringify(path.slice(0, 200))} is larger than 1 MB: not a CA bundle`;
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    return `cannot read ${JSON.stringify(path.slice(0, 200))} (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text))
    return `${JSON.stringify(path.slice(0, 200))} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`;
  return null;
}

// Every setting Podium reads from the environment, validated once.
export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PODIUM_DATA_DIR: z.string().min(1).default('.data'),
  /** As root only: home of the embedded server's relocated binaries and cluster (db/pg-install.ts). */
  PODIUM_PG_HOME: z
    .string()
    .regex(/^\/[^\0]*$/, 'must be an absolute path')
    .default('/var/lib/podium'),
  PODIUM_DEMO: z.enum(['0', '1']).default('1'),
  PODIUM_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  PODIUM_TIMEZONE: z.string().min(1).default('Europe/Moscow'),
  /** Crontab spec of the collection round (graphile-worker syntax). */
  PODIUM_COLLECT_CRON: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, 'must be a 5-field crontab spec, e.g. "0 */6 * * *"')
    .default('0 */6 * * *'),
  /** Chromium that renders the meeting pack's PDF and PNG (playwright-core; no browser is downloaded). */
  PODIUM_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** Reverse proxies whose X-Forwarded-For is believed (docs/access.md, "Client address"). */
  PODIUM_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      const r = parseTrustedProxies(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    }),
  /** `off`: no memo of the warm ranking lookup and no listening connection (docs/operations.md, "Warm rankings without a round trip"). */
  PODIUM_CHANGE_FEED: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VK_API_URL: url.default('https://api.vk.com/method'),
  TELEGRAM_BOT_API_URL: url.default('https://api.telegram.org'),
  TELEGRAM_WEB_URL: url.default('https://t.me'),
  OK_API_URL: url.default('https://api.ok.ru/fb.do'),
  YOUTUBE_API_URL: url.default('https://www.googleapis.com/youtube/v3'),
  RUTUBE_API_URL: url.default('https://rutube.ru/api'),
  METRICA_API_URL: url.default('https://api-metrika.yandex.net'),
  /** MAX Bot API base (docs/collectors.md, "MAX"). */
  MAX_API_URL: url.default('https://platform-api2.max.ru'),
  /**
   * PEM file of the CA that issued the MAX API's certificate (the Russian
   * Trusted Root CA), trusted for MAX only, beside Node's own roots.
   */
  MAX_CA_FILE: z
    .string()
    .max(4096)
    .superRefine((v, ctx) => {
      const problem = caFileProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** Hosts (host, host:port, *.domain) and CIDR ranges a URL from branch data may reach beyond the public internet (docs/operations.md). */
  PODIUM_FETCH_ALLOW: z
    .string()
    .max(4000)
    .superRefine((v, ctx) => {
      try {
        parseAllowList(v);
      } catch (e) {
        if (!(e instanceof AllowListError)) throw e;
        ctx.addIssue({ code: 'custom', message: e.message });
      }
    })
    .optional(),
  /** Largest answer body read from any network, in bytes. */
  PODIUM_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int('must be a whole number of bytes')
    .min(1024, 'must be at least 1024 bytes')
    .max(1024 * 1024 * 1024, 'must be at most 1073741824 bytes (1 GB)')
    .default(10 * 1024 * 1024),
  /** Outgoing mail for alerts and digests (docs/notifications.md); unset: no e-mail is sent. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  PODIUM_MAIL_FROM: z
    .string()
    .max(320)
    .regex(/^[^\r\n\0]*@[^\r\n\0]*$/, 'must be an e-mail address, optionally with a name: "Podium <podium@example.org>"')
    .default('Podium <podium@localhost>'),
  /** The organization's bot for Telegram alerts (docs/notifications.md); unset: nothing is sent there. */
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'must be a bot token as BotFather gives it: 123456:ABC…')
    .optional(),
  /** When the weekly digest goes out, in the method's time zone: weekday and time. */
  PODIUM_DIGEST_AT: z
    .string()
    .regex(/^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d$/, 'must be a weekday and a time, e.g. "mon 09:00"')
    .default('mon 09:00'),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as a shell `VAR=` usually means.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
