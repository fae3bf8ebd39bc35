import type { CronItem, Task } from 'graphile-worker';
import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { authSecret } from '../auth/config';
import type { Env } from '../env';
import type { Logger } from '../log';
import { EmailChannel } from '../notify/channels/email';
import { TelegramBot } from '../notify/channels/telegram';
import { notifyConfig, type NotifyConfig } from '../notify/config';
import { deliverRound, type Senders } from '../notify/deliver';
import { pollTelegram } from '../notify/link';
import { checkRanking, checkStale, queueDigests } from '../notify/watch';

// The worker's side of alerts and digests (docs/notifications.md): checks
// after every rollup refresh and every hour, the outbox drained every minute
// (and soon after anything is queued), the bot's messages read every minute.

export const TASK_NOTIFY_DELIVER = 'podium_notify_deliver';
export const TASK_NOTIFY_WATCH = 'podium_notify_watch';
export const TASK_NOTIFY_POLL = 'podium_notify_telegram_poll';

export interface NotifyDeps {
  db: DB;
  env: Env;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Tests pass their own (a fake clock, another base URL). */
  config?: NotifyConfig;
}

/** Queues a delivery round soon; many callers collapse into one job. */
export async function scheduleDelivery(
  addJob: (task: string, payload: unknown, spec: object) => Promise<unknown>,
  delayMs = 2_000,
): Promise<void> {
  await addJob(
    TASK_NOTIFY_DELIVER,
    {},
    { jobKey: 'notify-deliver', jobKeyMode: 'preserve_run_at', runAt: new Date(Date.now() + delayMs), maxAttempts: 3 },
  );
}

export function createNotifyTasks(deps: NotifyDeps): Record<string, Task> {
  const cfg = () => deps.config ?? notifyConfig(deps.env);
  let senders: Senders | undefined;
  const getSenders = (): Senders => {
    if (senders) return senders;
    const c = cfg();
    senders = {
      ...(c.email ? { email: new EmailChannel(c.email.url, c.email.from) } : {}),
      ...(c.telegram ? { telegram: new TelegramBot(c.telegram.token, c.telegram.apiUrl) } : {}),
    };
    return senders;
  };
  return {
    [TASK_NOTIFY_DELIVER]: async () => {
      const c = cfg();
      if (!c.email && !c.telegram) return;
      await deliverRound(deps.db, c, getSenders(), { secret: authSecret(), log: deps.logger });
    },
    [TASK_NOTIFY_WATCH]: async (_payload, helpers) => {
      const c = cfg();
      if (!c.email && !c.telegram) return;
      const stale = await checkStale(deps.db, c);
      const ranking = await checkRanking(deps.db, c);
      const digests = await queueDigests(deps.db, c);
      if (stale + ranking.flags + ranking.ranks + digests > 0) await scheduleDelivery(helpers.addJob);
    },
    [TASK_NOTIFY_POLL]: async () => {
      const c = cfg();
      const bot = getSenders().telegram;
      if (!c.telegram || !bot) return;
      await pollTelegram(deps.db, c, bot, deps.logger);
    },
  };
}

/** Cron entries; none of them does anything while no channel is configured. */
export const NOTIFY_CRON: CronItem[] = [
  {
    task: TASK_NOTIFY_WATCH,
    match: '7 * * * *',
    identifier: 'podium_notify_watch',
    options: { maxAttempts: 1, jobKey: 'notify-watch', jobKeyMode: 'preserve_run_at' },
  },
  {
    task: TASK_NOTIFY_DELIVER,
    match: '* * * * *',
    identifier: 'podium_notify_deliver',
    options: { maxAttempts: 1, jobKey: 'notify-deliver', jobKeyMode: 'preserve_run_at' },
  },
  {
    task: TASK_NOTIFY_POLL,
    match: '* * * * *',
    identifier: 'podium_notify_poll',
    options: { maxAttempts: 1, jobKey: 'notify-poll', jobKeyMode: 'preserve_run_at' },
  },
];

/**
 * Queues a job from outside the worker (a server action) through
 * graphile-worker's SQL API. Without a worker yet (its schema missing) there
 * is nothing to queue on; the cron catches up once one runs.
 */
export async function enqueueFromApp(db: DB, task: string, runAt: Date): Promise<boolean> {
  try {
    await sql`select graphile_worker.add_job(${task}, '{}'::json, run_at => ${runAt}, max_attempts => 1)`.execute(db);
    return true;
  } catch {
    return false;
  }
}
