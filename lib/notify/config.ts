import { authBaseUrl } from '../auth/config';
import type { Env } from '../env';
import { DEFAULT_METHOD } from '../ranking/method';

/** What the notification layer needs to know about its channels (docs/notifications.md). */
export interface NotifyConfig {
  email: { url: string; from: string } | null;
  telegram: { token: string; apiUrl: string; webUrl: string } | null;
  /** Public URL of the app, for links in messages. */
  baseUrl: string;
  /** The calendar alerts and digests speak in (the method's time zone). */
  timeZone: string;
  digestAt: { weekday: number; hour: number; minute: number };
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function notifyConfig(env: Env, baseUrl = authBaseUrl()): NotifyConfig {
  const [day, time] = env.PODIUM_DIGEST_AT.split(' ');
  const [hour, minute] = (time ?? '09:00').split(':').map(Number);
  return {
    email: env.SMTP_URL ? { url: env.SMTP_URL, from: env.PODIUM_MAIL_FROM } : null,
    telegram: env.TELEGRAM_BOT_TOKEN
      ? { token: env.TELEGRAM_BOT_TOKEN, apiUrl: env.TELEGRAM_BOT_API_URL, webUrl: env.TELEGRAM_WEB_URL }
      : null,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    timeZone: DEFAULT_METHOD.timeZone,
    digestAt: { weekday: Math.max(0, WEEKDAYS.indexOf(day ?? 'mon')), hour: hour ?? 9, minute: minute ?? 0 },
  };
}

export type Channel = 'email' | 'telegram';
export const CHANNELS: readonly Channel[] = ['email', 'telegram'];

export function channelConfigured(cfg: NotifyConfig, channel: Channel): boolean {
  return channel === 'email' ? cfg.email !== null : cfg.telegram !== null;
}
