// npm run collect – collect accounts now, or import a CSV of daily metrics.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { dayInZone } from '../ranking/period';
import { EnvError, parseEnv } from '../env';
import { HttpClient } from '../http/client';
import { PgRateLimiter } from '../http/pg-rate-limiter';
import { ImportError, importAccountCsv, MAX_IMPORT_BYTES } from '../import/csv';
import { parseDay } from '../import/csv';
import { isoDay } from '../api/schemas';
import { clip, excerpt } from '../format/excerpt';
import { collectNow, resolveTargets, TargetError } from '../jobs/run-now';
import { logger } from '../log';
import { refreshRollups } from '../rollups';
import { warmAfterRefresh } from '../data/ranking-warm';
import { fail, openDatabase } from './database';

const USAGE = `usage:
  npm run collect -- --account <id|handle> | --branch <slug> | --network <name> | --all  [--since YYYY-MM-DD] [--concurrency n]
  npm run collect -- --import <file.csv> --account <id|handle>`;

const usage = (message: string): never => fail(`${message}\n${USAGE}`, 2);

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        account: { type: 'string' },
        branch: { type: 'string' },
        network: { type: 'string' },
        all: { type: 'boolean' },
        since: { type: 'string' },
        import: { type: 'string' },
        concurrency: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return usage(clip(e instanceof Error ? e.message : String(e), 90));
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const env = parseEnv(process.env);
  const today = dayInZone(new Date(), env.PODIUM_TIMEZONE);
  if (values.import !== undefined) {
    if (!values.account) usage('--import needs --account <id|handle>');
    if (values.all || values.branch || values.network || values.since) usage('--import takes only --account');
    if (!fs.existsSync(values.import) || !fs.statSync(values.import).isFile()) usage(`--import: no such file ${excerpt(values.import)}`);
    if (fs.statSync(values.import).size > MAX_IMPORT_BYTES)
      usage(`--import: ${excerpt(values.import)} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  } else {
    const selectors = [values.account, values.branch, values.network, values.all].filter((v) => v !== undefined).length;
    if (selectors === 0) usage('say what to collect');
    if (values.all && selectors > 1) usage('--all cannot be combined with --account, --branch or --network');
  }
  let since: string | undefined;
  if (values.since !== undefined) {
    since = parseDay(values.since) ?? usage(`--since must be a date YYYY-MM-DD (got ${excerpt(values.since)})`);
    // The API's calendar bounds (lib/api/schemas.ts).
    const bounded = isoDay.safeParse(since);
    if (!bounded.success) usage(`--since ${since}: ${bounded.error.issues[0]?.message ?? 'not a valid day'}`);
    if (since > today) usage(`--since ${since} is in the future`);
  }
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    usage(`--concurrency must be a whole number from 1 to 64 (got ${excerpt(values.concurrency)})`);

  const handle = await openDatabase(env);
  const db = createDb(handle.url, { max: concurrency * 3 + 2, applicationName: 'podium-collect' });
  let exitCode = 0;
  try {
    await migrateToLatest(db);
    const targets = await resolveTargets(db, { account: values.account, branch: values.branch, network: values.network, all: values.all });
    if (values.import !== undefined) {
      try {
        const s = await importAccountCsv(db, targets[0].id, fs.readFileSync(values.import), { timeZone: env.PODIUM_TIMEZONE });
        await warmAfterRefresh(db, await refreshRollups(db), (err) => console.error(`warming rankings failed: ${String(err)}`));
        console.log(`imported ${s.rowsRead} rows (${s.encoding}) into account #${s.accountId}; ${s.rowsWritten} written`);
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        console.error(`import rejected, nothing written: ${e.message}`);
        for (const i of e.issues.slice(1)) console.error(`  line ${i.line}${i.column ? `, column "${i.column}"` : ''}: ${i.reason}`);
        exitCode = 1;
      }
      return exitCode;
    }
    if (targets.length === 0) {
      console.log('nothing to collect');
      return exitCode;
    }
    // The limiter lives in the database: a worker running beside this command shares each credential's ceiling.
    const http = new HttpClient({ logger }, new PgRateLimiter(db));
    const results = await collectNow(db, targets, {
      http,
      env,
      since,
      concurrency,
      logger: logger.child({}, { level: 'warn' }),
      onResult: (t, s) => {
        const detail = s.errorMessage ? `  ${s.errorClass ? `[${s.errorClass}] ` : ''}${s.errorMessage}` : '';
        console.log(
          `#${t.id} ${t.network} ${t.label} (${t.branch}): ${s.status} calls=${s.apiCalls} rows=${s.rowsWritten} ${(s.durationMs / 1000).toFixed(1)}s${detail}`,
        );
      },
    });
    const by = (st: string) => results.filter((r) => r.status === st).length;
    console.log(`${results.length} accounts: ${by('ok')} ok, ${by('partial')} partial, ${by('skipped')} skipped, ${by('failed')} failed`);
    if (by('failed') > 0) exitCode = 1;
  } catch (e) {
    if (e instanceof TargetError) {
      exitCode = 2;
      console.error(`podium: ${e.message}`);
    } else throw e;
  } finally {
    await db.destroy();
    await handle.stop();
  }
  return exitCode;
}

// An explicit exit: a library's exit hook must not turn a failure into 0.
main().then(
  (code) => process.exit(code),
  (err: unknown) => fail(err instanceof EnvError ? err.message : err instanceof Error ? err.message : String(err)),
);
