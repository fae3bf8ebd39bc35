// npm run worker – a standalone job worker (collection cron and tasks).
import { parseArgs } from 'node:util';
import { createDb } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { EnvError, parseEnv } from '../env';
import { logger } from '../log';
import { startWorker } from '../jobs/worker';
import { fail, openDatabase } from './database';
import { clip, excerpt } from '../format/excerpt';

const USAGE = 'usage: npm run worker [-- --concurrency <n, default 8>] [--no-schedule]';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { concurrency: { type: 'string' }, 'no-schedule': { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail(`${clip(e instanceof Error ? e.message : String(e), 90)}\n${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const concurrency = values.concurrency === undefined ? 8 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    fail(`--concurrency must be a whole number from 1 to 64 (got ${excerpt(values.concurrency)})`, 2);
  const env = parseEnv(process.env);
  const handle = await openDatabase(env, (l) => logger.debug(l));
  // Podium's own tables (graphile-worker migrates its schema itself).
  const db = createDb(handle.url, { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  const worker = await startWorker({ connectionString: handle.url, concurrency, schedule: !values['no-schedule'], logger, env });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping worker');
    await worker.stop();
    await handle.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => fail(err instanceof EnvError ? err.message : err instanceof Error ? err.message : String(err)));
