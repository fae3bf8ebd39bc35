import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/lib/cli/database';
import { parseEnv } from '@/lib/env';
import { postgresProcessesFor } from '../helpers/app';
import { waitFor } from '../helpers/wait';

// `npm start` owns its embedded PostgreSQL: when that server dies, it is started
// again on the same port with the same data, and the app reconnects by itself.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-supervise-'));
fs.chmodSync(dir, 0o755);
let handle: DatabaseHandle | undefined;

afterAll(async () => {
  await handle?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

describe('embedded PostgreSQL under npm start', () => {
  it('is started again after it crashes, keeping its data; stop() then leaves no server behind', async () => {
    const lines: string[] = [];
    handle = await openDatabase(parseEnv({ PODIUM_DATA_DIR: dir }), () => {}, {
      supervise: { say: (l) => lines.push(l), active: () => true },
    });
    const c = new pg.Client({ connectionString: handle.url });
    await c.connect();
    await c.query('create table kept (v int); insert into kept values (42)');
    await c.end();

    // SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, crash recovery on the next start.
    const pid = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGQUIT');
    await waitFor(() => lines.some((l) => l.includes('exited unexpectedly')), 30_000);
    await waitFor(() => lines.some((l) => l.includes('running again')), 60_000);
    expect(await answers(handle.url)).toBe(true);
    const again = new pg.Client({ connectionString: handle.url });
    await again.connect();
    expect((await again.query('select v from kept')).rows).toEqual([{ v: 42 }]);
    await again.end();

    // SIGKILL leaves postmaster.pid behind and, for a moment, backends without a
    // postmaster: postgres itself must judge the lock file, and the restart waits.
    const holding = new pg.Client({ connectionString: handle.url });
    await holding.connect();
    holding.on('error', () => {});
    const pid2 = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    lines.length = 0;
    process.kill(pid2, 'SIGKILL');
    await waitFor(() => lines.some((l) => l.includes('running again')), 90_000);
    const third = new pg.Client({ connectionString: handle.url });
    await third.connect();
    expect((await third.query('select v from kept')).rows).toEqual([{ v: 42 }]);
    await third.end();
    await holding.end().catch(() => {});

    await handle.stop();
    handle = undefined;
    expect(postgresProcessesFor(dir)).toEqual([]);
  }, 180_000);
});
