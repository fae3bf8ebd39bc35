// npm run db:migrate – apply pending migrations to DATABASE_URL (or the embedded server).
import { createDb } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { EnvError, parseEnv } from '../env';
import { fail, openDatabase } from './database';
import { clip } from '../format/excerpt';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 0) fail(`db:migrate takes no arguments (got: ${clip(args.join(' '))})`, 2);
  const env = parseEnv(process.env);
  const handle = await openDatabase(env);
  const db = createDb(handle.url, { max: 2 });
  try {
    const res = await migrateToLatest(db);
    const applied = res.results?.map((r) => r.migrationName) ?? [];
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
  } finally {
    await db.destroy();
    await handle.stop();
  }
}

main().catch((err: unknown) => fail(err instanceof EnvError ? err.message : err instanceof Error ? err.message : String(err)));
