// Hostile arguments for every command-line entry point in package.json (run as
// real processes): exit code 2 with a short message naming the argument, before
// any work — never a stack trace, a raw database error or the whole input back.
// `npm run podium` is fuzzed option by option in fuzz-podium-cli.test.ts.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LONG = 'q'.repeat(100_000); // near the kernel's limit for one argument
const scripts = Object.values(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
)
  .map((s) => /^tsx (lib\/cli\/[a-z-]+\.ts)/.exec(s)?.[1])
  .filter((s): s is string => Boolean(s));

// Per entry point: argument lists that must be refused, and what the message must name.
const CASES: Record<string, [string[], RegExp][] | 'in-process'> = {
  'lib/cli/podium.ts': 'in-process',
  'lib/cli/start.ts': [
    [[`--${LONG}`], /unknown argument/],
    [['--port', '1e30'], /unknown argument/],
  ],
  'lib/cli/web.ts': [
    [[`--${LONG}`], /unknown argument/],
    [['--port', '1e30'], /unknown argument/],
  ],
  'lib/cli/worker.ts': [
    [['--concurrency', '1e30'], /--concurrency/],
    [['--concurrency', '9223372036854775808'], /--concurrency/],
    [['--concurrency', LONG], /--concurrency/],
    [[`--${LONG}`], /Unknown option/],
  ],
  'lib/cli/migrate.ts': [[[LONG], /takes no arguments/]],
  'lib/cli/seed.ts': [
    [['--demo', '--end', '2026-02-30'], /--end/],
    [['--demo', '--end', '1000-01-01'], /--end 1000-01-01: year must be between 2000 and 2100/],
    [['--demo', '--end', LONG], /--end/],
  ],
  'lib/cli/method-compare.ts': [
    [['--month', '2026-13'], /--month must be YYYY-MM/],
    [['--month', '1000-01'], /--month 1000-01: year must be between 2000 and 2100/],
    [['--month', LONG], /--month must be YYYY-MM \(got "q+…" \(100000 characters\)\)/],
    [['--a', LONG], /--a: expected a method version/],
    [['--b', "podium-v2'; drop table branch; --"], /--b: expected a method version/],
    [[`--${LONG}`], /Unknown option/],
  ],
  'lib/cli/collect.ts': [
    [['--all', '--since', '2026-02-30'], /--since/],
    [['--all', '--since', '1000-01-01'], /--since 1000-01-01: year must be between 2000 and 2100/],
    [['--all', '--concurrency', '1e30'], /--concurrency/],
    [['--all', '--concurrency', '-9223372036854775809'], /--concurrency/],
    [['--network', LONG], /--network: unknown network "q+…" \(100000 characters\)/],
    [['--branch', LONG], /--branch: no branch/],
    [['--account', '99999999999999999999'], /--account: no account/],
    [[`--${LONG}`], /Unknown option/],
  ],
};

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

function run(script: string, args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), script, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: t.url, PODIUM_SECRET_KEY: 'd'.repeat(64), LOG_LEVEL: 'warn' },
        timeout: 90_000,
        maxBuffer: 10 * 1024 * 1024,
      },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('command-line entry points', () => {
  it('found them in package.json', () =>
    expect(scripts).toEqual(expect.arrayContaining(['lib/cli/start.ts', 'lib/cli/collect.ts', 'lib/cli/podium.ts'])));

  it.each([...new Set(scripts)])(
    '%s refuses hostile arguments with exit code 2 and a short message',
    { timeout: 300_000 },
    async (script) => {
      const cases = CASES[script];
      expect(cases, `add hostile-argument cases for ${script} to test/integration/cli-args-fuzz.test.ts`).toBeDefined();
      if (cases === 'in-process' || !cases) return;
      const failures: string[] = [];
      // Two at a time: each is a whole Node process.
      for (let i = 0; i < cases.length; i += 2) {
        await Promise.all(
          cases.slice(i, i + 2).map(async ([args, message]) => {
            const label = `${script} ${args.map((a) => (a.length > 30 ? `${a.slice(0, 12)}…(${a.length})` : a)).join(' ')}`;
            const r = await run(script, args);
            if (r.code !== 2) failures.push(`${label}: exit ${r.code} ${r.stderr.slice(0, 300)}`);
            if (!message.test(r.stderr))
              failures.push(`${label}: message ${JSON.stringify(r.stderr.slice(0, 300))} does not match ${message}`);
            if (r.stderr.length > 2000 || r.stderr.includes('q'.repeat(81)))
              failures.push(`${label}: ${r.stderr.length}-character message quotes the input`);
            if (/\n\s+at /.test(r.stderr)) failures.push(`${label}: stack trace`);
          }),
        );
      }
      expect(failures).toEqual([]);
    },
  );
});
