// npm run podium -- <command> – users, branches, accounts and credentials from the shell.
import { createDb, type DB } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { authBaseUrl } from '../auth/config';
import { secretKey } from '../crypto/secrets';
import { EnvError, parseEnv } from '../env';
import { fail, openDatabase, type DatabaseHandle } from './database';
import { runPodium } from './podium/index';
import { readSecret } from './secret-input';

function readStdin(): Promise<string> {
  // At a terminal the token is typed or pasted at a prompt that does not echo it (one line).
  if (process.stdin.isTTY) return readSecret('Paste the token and press Enter (it is not shown): ');
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => (data += c));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

async function main(): Promise<void> {
  let handle: DatabaseHandle | undefined;
  let db: DB | undefined;
  const code = await runPodium(
    process.argv.slice(2),
    {
      out: (l) => console.log(l),
      readStdin,
      readSecret: (prompt) => readSecret(prompt),
      secretKey,
      baseUrl: authBaseUrl(),
      openDb: async () => {
        handle = await openDatabase(parseEnv(process.env));
        db = createDb(handle.url, { max: 2, applicationName: 'podium-cli' });
        await migrateToLatest(db);
        return db;
      },
    },
    (l) => process.stderr.write(`${l}\n`),
  ).finally(async () => {
    await db?.destroy();
    await handle?.stop();
  });
  process.exit(code);
}

main().catch((err: unknown) => fail(err instanceof EnvError ? err.message : err instanceof Error ? err.message : String(err)));
