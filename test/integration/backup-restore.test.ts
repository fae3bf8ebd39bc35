import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb } from '../../db/client';
import { withDatabase } from '../../db/embedded';
import { SYSTEM_VIEWER } from '../../lib/auth/viewer';
import { listRankings } from '../../lib/data/rankings';
import { createTestDatabase, serverUrl, type TestDatabase } from '../helpers/db';
import { loadRankingFixture } from './ranking-fixture';

// docs/operations.md promises: a pg_dump restored into an empty database gives the same ranking.
// pg_dump must be at least the server's version, so this runs against the machine's
// PostgreSQL (TEST_DATABASE_URL), whose client tools match it.
const toolsMatch = (() => {
  try {
    const client = /(\d+)\./.exec(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }))?.[1];
    return Boolean(process.env.TEST_DATABASE_URL) && Boolean(client);
  } catch {
    return false;
  }
})();

describe.runIf(toolsMatch)('backup and restore', () => {
  let t: TestDatabase;
  const restoredName = `podium_restore_${process.pid}`;
  const dumpFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'podium-dump-')), 'podium.dump');

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadRankingFixture(t.db);
  });
  afterAll(async () => {
    await t?.drop();
    const c = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
    await c.connect();
    await c.query(`drop database if exists ${restoredName} with (force)`);
    await c.end();
    fs.rmSync(path.dirname(dumpFile), { recursive: true, force: true });
  });

  it('pg_dump → pg_restore into an empty database reproduces the ranking', async () => {
    const input = { period: 'month' as const, date: '2026-10', network: 'all' as const };
    const before = await listRankings(t.db, SYSTEM_VIEWER, input, { today: '2026-11-15' });

    execFileSync('pg_dump', ['--format=custom', `--file=${dumpFile}`, t.url]);
    const c = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
    await c.connect();
    await c.query(`create database ${restoredName}`);
    await c.end();
    const restoredUrl = withDatabase(serverUrl(), restoredName);
    execFileSync('pg_restore', ['--no-owner', `--dbname=${restoredUrl}`, dumpFile]);

    const restored = createDb(restoredUrl, { max: 2 });
    try {
      // Recompute from the restored metrics rather than reading the restored snapshot.
      await restored.deleteFrom('ranking_snapshot_row').execute();
      await restored.deleteFrom('ranking_snapshot').execute();
      const after = await listRankings(restored, SYSTEM_VIEWER, input, { today: '2026-11-15' });
      const strip = (r: typeof before) => ({ ...r, freshness: { ...r.freshness, computedAt: '' } });
      expect(strip(after)).toEqual(strip(before));
      expect(after.rows.length).toBeGreaterThan(3);
      const snapshots = await sql<{ n: number }>`select count(*)::int as n from ranking_snapshot`.execute(restored);
      expect(snapshots.rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await restored.destroy();
    }
  });
});
