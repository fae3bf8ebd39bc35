import type { JobHelpers, TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { DB } from '../../db/client';
import { COLLECTORS } from '../collectors';
import { addDays, dayInZone } from '../ranking/period';
import type { Env } from '../env';
import type { HttpClient } from '../http/client';
import type { Logger } from '../log';
import type { Network } from '../networks';
import { refreshRollups } from '../rollups';
import { warmAfterRefresh } from '../data/ranking-warm';
import { collectAccount } from './collect-account';
import { meetingPackTask } from './meeting-pack';
import { TASK_MEETING_PACK } from '../pack/store';
import { TASK_NOTIFY_WATCH, createNotifyTasks, scheduleDelivery } from './notify-tasks';

export const TASK_COLLECT_ALL = 'podium_collect_all';
export const TASK_COLLECT_ACCOUNT = 'podium_collect_account';
export const TASK_REFRESH_ROLLUPS = 'podium_refresh_rollups';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const collectAllPayload = z.object({ network: z.string().optional(), since: day.optional() }).passthrough().nullish();
export const collectAccountPayload = z.object({ accountId: z.number().int().positive(), since: day.optional() });

export interface TaskDeps {
  db: DB;
  http: HttpClient;
  env: Env;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Delay before the collapsed rollup refresh runs, so one refresh serves many accounts. */
  rollupDelayMs?: number;
  /** A collection that has not settled by then is abandoned and retried by the queue. */
  jobDeadlineMs?: number;
}

export const DEFAULT_JOB_DEADLINE_MS = 120_000;

/** Rejects when `work` has not settled in `ms`: a job must never hold its slot forever. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s; retried later`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Accounts a round collects: active, on a network with an API. */
export async function listCollectableAccounts(
  db: DB,
  filter: { network?: string } = {},
): Promise<{ id: number; network: Network; credential_id: number | null }[]> {
  let q = db
    .selectFrom('account')
    .innerJoin('branch', 'branch.id', 'account.branch_id')
    .select(['account.id', 'account.network', 'account.credential_id'])
    .where('account.status', '=', 'active')
    .where('branch.archived_at', 'is', null)
    .where('account.network', 'in', Object.keys(COLLECTORS) as Network[]);
  if (filter.network) q = q.where('account.network', '=', filter.network as Network);
  return q.orderBy('account.id').execute();
}

/**
 * One job per account; the key collapses an account that is already queued.
 * Jobs sharing a rate-limit budget (a credential, or a tokenless network) run
 * one at a time in their own queue, so a slow 1/s network can hold at most one
 * worker slot and never starves the others.
 */
export async function enqueueAccounts(
  helpers: Pick<JobHelpers, 'addJob'>,
  accounts: readonly { id: number; network?: Network; credential_id?: number | null }[],
  since?: string,
): Promise<void> {
  for (const a of accounts) {
    await helpers.addJob(
      TASK_COLLECT_ACCOUNT,
      { accountId: a.id, ...(since ? { since } : {}) },
      {
        jobKey: `collect-account:${a.id}`,
        jobKeyMode: 'preserve_run_at',
        maxAttempts: 3,
        ...(a.network ? { queueName: `collect:${a.network}:${a.credential_id ?? 'shared'}` } : {}),
      },
    );
  }
}

export function createTaskList(deps: TaskDeps): TaskList {
  return {
    [TASK_COLLECT_ALL]: async (payload, helpers) => {
      const p = collectAllPayload.parse(payload) ?? {};
      const accounts = await listCollectableAccounts(deps.db, { network: p.network });
      await enqueueAccounts(helpers, accounts, p.since);
      deps.logger?.info({ accounts: accounts.length }, 'collection round queued');
    },
    [TASK_COLLECT_ACCOUNT]: async (payload, helpers) => {
      const p = collectAccountPayload.parse(payload);
      const now = new Date();
      const to = dayInZone(now, deps.env.PODIUM_TIMEZONE);
      const window = p.since ? { from: p.since, to } : { from: addDays(to, -29), to };
      const summary = await withDeadline(
        collectAccount(deps.db, p.accountId, { http: deps.http, env: deps.env, now, window, logger: deps.logger }),
        deps.jobDeadlineMs ?? DEFAULT_JOB_DEADLINE_MS,
        `collection of account ${p.accountId}`,
      );
      if (summary.rowsWritten > 0) {
        await helpers.addJob(
          TASK_REFRESH_ROLLUPS,
          {},
          {
            jobKey: 'refresh-rollups',
            jobKeyMode: 'preserve_run_at',
            runAt: new Date(Date.now() + (deps.rollupDelayMs ?? 5_000)),
            maxAttempts: 5,
          },
        );
      }
      // A transient failure is retried by the queue with its own backoff; the
      // failed run is already recorded. Other classes are final for this round.
      if (summary.notified) await scheduleDelivery(helpers.addJob);
      if (summary.status === 'failed' && summary.errorClass === 'retryable') {
        throw new Error(`account ${p.accountId}: ${summary.errorMessage ?? 'retryable failure'}`);
      }
    },
    [TASK_REFRESH_ROLLUPS]: async (_payload, helpers) => {
      const refreshed = await refreshRollups(deps.db);
      // The refresh dropped the rankings it changed: compute the common periods now, not on first view.
      await warmAfterRefresh(deps.db, refreshed, (err) => deps.logger?.warn({ err }, 'warming rankings after the refresh failed'));
      // New data can mean new flags and new ranks: look, soon, once.
      await helpers.addJob(
        TASK_NOTIFY_WATCH,
        {},
        { jobKey: 'notify-watch', jobKeyMode: 'preserve_run_at', runAt: new Date(Date.now() + 10_000), maxAttempts: 1 },
      );
    },
    [TASK_MEETING_PACK]: meetingPackTask(deps),
    ...createNotifyTasks(deps),
  };
}
