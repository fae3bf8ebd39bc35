import { EventEmitter } from 'node:events';
import { Logger as GraphileLogger, parseCronItems, run, type LogLevel, type WorkerEvents } from 'graphile-worker';
import { createDb } from '../../db/client';
import { env as loadEnv, type Env } from '../env';
import { PgRateLimiter } from '../http/pg-rate-limiter';
import { HttpClient, type HttpClientOptions } from '../http/client';
import { logger as defaultLogger, type Logger } from '../log';
import { Liveness } from './liveness';
import { PatientPool } from './patient-pool';
import { NOTIFY_CRON } from './notify-tasks';
import { TASK_COLLECT_ALL, createTaskList } from './tasks';

export const DEFAULT_COLLECT_CRON = '0 */6 * * *';

export interface StartWorkerOptions {
  connectionString: string;
  concurrency?: number;
  /** Register the collection cron (default true). */
  schedule?: boolean;
  logger?: Logger;
  /** Crontab time spec; default PODIUM_COLLECT_CRON or every 6 hours. */
  cron?: string;
  env?: Env;
  http?: HttpClientOptions;
  pollIntervalMs?: number;
  rollupDelayMs?: number;
  /** How often live workers look for the jobs of dead ones (default 60 s). */
  reclaimIntervalMs?: number;
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger((scope) => (level: LogLevel, message: string, meta?: unknown) => {
    const obj = {
      scope: { label: scope.label, taskIdentifier: scope.taskIdentifier, jobId: scope.jobId },
      ...(meta && typeof meta === 'object' ? { meta } : {}),
    };
    // Graphile's info lines (every job start/finish) are debug noise for us.
    if (level === 'error') log.error(obj, message);
    else if (level === 'warning') log.warn(obj, message);
    else log.debug(obj, message);
  });
}

/**
 * Runs a graphile-worker pool (it migrates its own schema) with the
 * collection tasks and, unless schedule is false, the collection cron with
 * backfill of missed runs. stop() drains running jobs and closes every pool.
 */
export async function startWorker(opts: StartWorkerOptions): Promise<WorkerHandle> {
  const log = opts.logger ?? defaultLogger;
  const env = opts.env ?? loadEnv();
  // Collection queues are serial per credential: leave a slot for each network.
  const concurrency = opts.concurrency ?? 8;
  const cron = opts.cron ?? env.PODIUM_COLLECT_CRON ?? DEFAULT_COLLECT_CRON;
  const parsedCronItems =
    opts.schedule === false
      ? []
      : parseCronItems([
          {
            task: TASK_COLLECT_ALL,
            match: cron,
            identifier: 'podium_collect_all',
            // A round missed while no worker ran is made up once at start.
            options: { backfillPeriod: 6 * 3600_000, maxAttempts: 1, jobKey: 'collect-all', jobKeyMode: 'preserve_run_at' },
          },
          ...NOTIFY_CRON,
        ]);
  const db = createDb(opts.connectionString, { max: concurrency + 2, applicationName: 'podium-worker' });
  // Rate limits held across processes (docs/collectors.md, "Rate limits").
  const http = new HttpClient({ ...opts.http, logger: opts.http?.logger ?? log }, new PgRateLimiter(db));
  const liveness = await Liveness.open(opts.connectionString);
  const events: WorkerEvents = new EventEmitter();
  const registered: Promise<void>[] = [];
  // Ids the current runner locks jobs with, so a dead runner's jobs can be freed.
  const ownIds = new Set<string>();
  const remember = (id: string) => {
    ownIds.add(id);
    registered.push(liveness.register(id).catch((e: unknown) => log.warn({ err: e }, 'worker liveness not recorded')));
  };
  // Jobs are locked by the pool's id (local queue) or a worker's id.
  events.on('pool:create', ({ workerPool }) => remember(workerPool.id));
  events.on('worker:create', ({ worker }) => remember(worker.workerId));
  // graphile-worker's own pool: each connection attempt times out (its default
  // waits forever), and a checkout waits through a database restart instead of failing.
  const makePool = () =>
    new PatientPool({
      connectionString: opts.connectionString,
      max: concurrency + 4,
      connectionTimeoutMillis: 10_000,
      application_name: 'podium-worker-queue',
      onWait: (err) => log.warn({ err: String(err) }, 'job queue is waiting for the database'),
      onBack: () => log.warn('job queue reached the database again'),
    });
  let queuePool = makePool();
  const startRunner = () =>
    run({
      pgPool: queuePool,
      concurrency,
      taskList: createTaskList({ db, http, env, logger: log, rollupDelayMs: opts.rollupDelayMs }),
      parsedCronItems,
      noHandleSignals: true,
      pollInterval: opts.pollIntervalMs ?? 2000,
      logger: graphileLogger(log),
      events,
      // Batched, a job's outcome that cannot be written reaches the 'pool:fatalError'
      // handler below; unbatched it is an unhandled rejection that ends the process.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
  let runner: Awaited<ReturnType<typeof run>>;
  try {
    runner = await startRunner();
  } catch (e) {
    await liveness.close();
    await queuePool.end().catch(() => {});
    await db.destroy();
    throw e;
  }
  let stopping = false;
  let restarting = false;
  // The patient pool carries the queue through a database restart. Should
  // graphile-worker still fail to record a job's outcome (the database went away
  // between checkout and write, or stayed away past the pool's patience), it
  // shuts that runner down and the job stays locked: replace the whole runner once
  // the database answers again, after freeing the jobs the old one still holds.
  const restart = async (reason: string): Promise<void> => {
    if (stopping || restarting) return;
    restarting = true;
    log.error({ reason }, 'job runner lost a worker; restarting it when the database answers');
    const old = runner;
    const oldIds = [...ownIds];
    ownIds.clear();
    // The old runner's outcome writes must not wait for the database on its behalf.
    queuePool.stopWaiting();
    await Promise.race([old.stop().catch(() => {}), new Promise((res) => setTimeout(res, 15_000).unref())]);
    for (let attempt = 0; !stopping; attempt++) {
      await new Promise((res) => setTimeout(res, Math.min(30_000, 500 * 2 ** attempt)));
      if (stopping) break;
      try {
        await liveness.forceUnlock(oldIds);
        void queuePool.end().catch(() => {});
        queuePool = makePool();
        runner = await startRunner();
        watch(runner);
        log.warn({ freed: oldIds.length }, 'job runner restarted');
        break;
      } catch (e) {
        log.warn({ err: e, attempt }, 'job runner restart failed; retrying');
      }
    }
    restarting = false;
  };
  const watch = (r: typeof runner) => {
    const ended = () => {
      if (r === runner) void restart('runner ended');
    };
    r.promise.then(ended, ended);
  };
  // Only the current runner's failures count: a replaced runner that fails late
  // (its pool already ended) must not tear down the healthy one.
  events.on('worker:fatalError', ({ worker }) => {
    if (ownIds.has(worker.workerId)) void restart('worker:fatalError');
  });
  events.on('pool:fatalError', ({ workerPool }) => {
    if (ownIds.has(workerPool.id)) void restart('pool:fatalError');
  });
  watch(runner);
  await Promise.all(registered);
  const reclaim = async () => {
    try {
      const ids = await liveness.reclaim();
      if (ids.length) log.warn({ workers: ids }, 'unlocked the jobs of dead workers');
    } catch (e) {
      log.warn({ err: e }, 'reclaiming jobs of dead workers failed');
    }
  };
  await reclaim();
  const timer = setInterval(() => void reclaim(), opts.reclaimIntervalMs ?? 60_000);
  timer.unref();
  log.info({ concurrency, cron: opts.schedule === false ? null : cron }, 'worker started');
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(timer);
        // Stopping while the database is away must not wait out the pool's patience.
        queuePool.stopWaiting();
        await runner.stop().catch((e: unknown) => log.warn({ err: e }, 'job runner was already stopped'));
        await queuePool.end().catch(() => {});
        await liveness.close();
        await db.destroy();
        log.info('worker stopped');
      })();
      return stopped;
    },
  };
}
