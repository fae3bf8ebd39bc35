import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { TEST_KEY_HEX, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';

let t: TestDatabase;
let fakes: AllFakes;
let tmp: string;
let dzenId: number;

const ROOT = path.resolve(import.meta.dirname, '../..');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: t.url,
    PODIUM_SECRET_KEY: TEST_KEY_HEX,
    LOG_LEVEL: 'warn',
    VK_API_URL: fakes.env.VK_API_URL,
    TELEGRAM_BOT_API_URL: fakes.env.TELEGRAM_BOT_API_URL,
    TELEGRAM_WEB_URL: fakes.env.TELEGRAM_WEB_URL,
    OK_API_URL: fakes.env.OK_API_URL,
    YOUTUBE_API_URL: fakes.env.YOUTUBE_API_URL,
    RUTUBE_API_URL: fakes.env.RUTUBE_API_URL,
    METRICA_API_URL: fakes.env.METRICA_API_URL,
  };
  // Async: the fakes live in this process and must keep answering.
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['lib/cli/collect.ts', ...args],
      { cwd: ROOT, env, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-cli-'));
  const branchId = await insertBranch(t.db, 'test-branch');
  fakes.vk.groups.set(61, { id: 61, screen_name: 'club61', name: 'g', members_count: 61, posts: [] });
  fakes.vk.tokens.set('vk-cli-token', 'service');
  const cred = await insertCredential(t.db, 'vk', 'vk-cli-token');
  await insertAccount(t.db, { branchId, network: 'vk', externalId: '61', handle: 'club61', credentialId: cred });
  fakes.rutube.users.set('71', { name: 'r', subscribers_count: 71, videos: [] });
  await insertAccount(t.db, { branchId, network: 'rutube', externalId: '71' });
  dzenId = await insertAccount(t.db, { branchId, network: 'dzen', externalId: 'dzen-cli' });
}, 60_000);

afterAll(async () => {
  await fakes?.close();
  await t?.drop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run collect', () => {
  it('rejects bad arguments with exit code 2 and a clear message', async () => {
    fs.writeFileSync(path.join(tmp, 'any.csv'), 'day,views\n2026-01-01,1\n');
    const results = await Promise.all([
      cli([]),
      cli(['--bogus']),
      cli(['--network', 'myspace']),
      cli(['--all', '--since', '2026-13-01']),
      cli(['--import', 'x.csv']),
      cli(['--branch', 'no-such-branch']),
      cli(['--account', '99999999999999999999']),
      cli(['--all', '--since', '1000-01-01']),
      cli(['--account', `x${'y'.repeat(100_000)}`]),
      cli(['--import', path.join(tmp, 'any.csv'), '--account', '99999999999999999999']),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    // An id past the 4-byte range is no account (not a raw database error).
    expect(results[6].stderr).toMatch(/--account: no account "99999999999999999999"/);
    expect(results[6].stderr).not.toMatch(/out of range|integer/);
    expect(results[7].stderr).toMatch(/--since 1000-01-01: year must be between 2000 and 2100/);
    // A 100 KB argument (near the kernel's limit for one) is quoted by a short prefix only.
    expect(results[8].stderr).toMatch(/--account: no account "xy+…" \(100001 characters\)/);
    expect(results[8].stderr.length).toBeLessThan(500);
    expect(results[9].stderr).toMatch(/--account: no account/);
    expect(results[5].stderr).toMatch(/no branch with slug "no-such-branch"/);
    expect(results[0].stderr).toMatch(/say what to collect/);
    expect(results[1].stderr).toMatch(/bogus/);
    expect(results[2].stderr).toMatch(/unknown network "myspace"/);
    expect(results[3].stderr).toMatch(/--since must be a date/);
    expect(results[4].stderr).toMatch(/--import needs --account/);
  }, 60_000);

  it('collects --all with a per-account summary; a failure exits 1', async () => {
    const ok = await cli(['--all']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/vk club61 \(test-branch\): ok/);
    expect(ok.stdout).toMatch(/2 accounts: 2 ok/);
    const days = await t.db.selectFrom('account_day').select('followers').where('followers', 'is not', null).execute();
    expect(days.map((d) => d.followers).sort()).toEqual([61, 71]);

    const one = await cli(['--branch', 'test-branch', '--network', 'rutube']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/1 accounts: 1 ok/);

    fakes.vk.tokens.set('vk-cli-token', 'expired');
    const bad = await cli(['--account', 'club61']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/failed .*\[credential\]/);
    expect(bad.stdout + bad.stderr).not.toContain('vk-cli-token');
  }, 60_000);

  it('imports a CSV for an account; a bad file exits 1 naming the line', async () => {
    const good = path.join(tmp, 'good.csv');
    fs.writeFileSync(good, 'day;views\n2026-01-01;5\n');
    const r = await cli(['--import', good, '--account', String(dzenId)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/imported 1 rows/);
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, 'day,views\n2026-01-02,5\n2026-01-03,x\n');
    const b = await cli(['--import', bad, '--account', String(dzenId)]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/line 3, column "views"/);
    // A huge file is refused before it is read (a sparse 51 MB file costs no disk).
    const huge = path.join(tmp, 'huge.csv');
    fs.writeFileSync(huge, 'day,views\n');
    fs.truncateSync(huge, 51 * 1024 * 1024);
    const h = await cli(['--import', huge, '--account', String(dzenId)]);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/larger than 50 MB/);
    const days = await t.db.selectFrom('account_day').select('day').where('account_id', '=', dzenId).execute();
    expect(days).toHaveLength(1);
  }, 60_000);
});
