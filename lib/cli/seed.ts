// npm run db:seed -- --demo [--end YYYY-MM-DD] – load the demo data set into an empty database.
import { parseArgs } from 'node:util';
import { createDb } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { isoDay } from '../api/schemas';
import { clip, excerpt } from '../format/excerpt';
import { parseDay } from '../ranking/period';
import { seedDemo } from '../demo/seed';
import { EnvError, parseEnv } from '../env';
import { fail, openDatabase } from './database';

async function main(): Promise<void> {
  let values: { demo?: boolean; end?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { demo: { type: 'boolean' }, end: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(`${clip((err as Error).message, 90)}\nusage: npm run db:seed -- --demo [--end YYYY-MM-DD]`, 2);
  }
  if (values.help || !values.demo) {
    console.log(
      'usage: npm run db:seed -- --demo [--end YYYY-MM-DD]\n  Loads 13 months of deterministic demo data into an empty database.',
    );
    process.exit(values.help ? 0 : 2);
  }
  if (values.end !== undefined) {
    try {
      parseDay(values.end);
    } catch {
      fail(`--end must be a date YYYY-MM-DD (got ${excerpt(values.end)})`, 2);
    }
    // The API's calendar bounds (lib/api/schemas.ts).
    const bounded = isoDay.safeParse(values.end);
    if (!bounded.success) fail(`--end ${values.end}: ${bounded.error.issues[0]?.message ?? 'not a valid day'}`, 2);
  }
  const env = parseEnv(process.env);
  const handle = await openDatabase(env);
  const db = createDb(handle.url, { max: 4 });
  try {
    await migrateToLatest(db);
    const r = await seedDemo(db, { end: values.end });
    console.log(
      `Demo data ${r.start}…${r.end}: ${r.branches} branches, ${r.accounts} accounts, ${r.accountDays} account-days, ` +
        `${r.posts} posts, ${r.postDays} post snapshots in ${(r.ms / 1000).toFixed(1)} s (+ rollups ${(r.rollupMs / 1000).toFixed(1)} s)`,
    );
  } finally {
    await db.destroy();
    await handle.stop();
  }
}

main().catch((err: unknown) => fail(err instanceof EnvError ? err.message : err instanceof Error ? err.message : String(err)));
