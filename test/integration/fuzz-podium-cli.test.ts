// Hostile values for every option of every `npm run podium` command (found in
// its help text), run in-process: exit code 0 or 2, never a thrown error, and
// no message quotes more than a short prefix of what was sent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { HELP, runPodium } from '../../lib/cli/podium/index';
import { BASE } from './auth-support';
import { ALL_FUZZ, checkText, FUZZ, setUpFuzz, show, tearDownFuzz, TWICE, type FuzzFixture } from './fuzz-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-fuzz-'));
let f: FuzzFixture;
beforeAll(async () => {
  f = await setUpFuzz();
});
afterAll(async () => {
  await tearDownFuzz(f);
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cliCommands(): { argv: string[]; options: string[] }[] {
  const out: { argv: string[]; options: string[] }[] = [];
  for (const line of HELP.split('\n').slice(1)) {
    for (const part of line.trim().split(' | ')) {
      const m = /^([a-z]+) ([a-z-]+)(.*)$/.exec(part.trim());
      if (!m) continue;
      const opts = [...m[3]!.matchAll(/--([a-z-]+)/g)].map((x) => x[1]!);
      out.push({ argv: [m[1]!, m[2]!], options: [...new Set(opts)] });
    }
  }
  return out;
}

function cliBase(): Record<string, string> {
  return {
    email: `cli-${Math.random().toString(36).slice(2)}@f.test`,
    role: 'central',
    name: 'Fuzz',
    slug: 'alpha',
    'name-en': 'Fuzz',
    region: 'RU-ZY',
    district: 'volga',
    population: '1000',
    branch: 'alpha',
    url: 'https://vk.com/club2',
    network: 'vk',
    id: '2147483000',
    label: 'fuzz',
    'token-file': path.join(tmp, 'token.txt'),
    config: 'counter_id=1',
    period: '2026-10',
    format: 'csv',
    delimiter: 'comma',
    lang: 'en',
    out: path.join(tmp, 'out.csv'),
    from: '2026-10-01',
    to: '2026-10-31',
    granularity: 'week',
    title: 'Fuzz',
  };
}

describe('npm run podium', () => {
  it('every command and option: exit code 0 or 2, never a throw, no long echo', { timeout: 600_000 }, async () => {
    fs.writeFileSync(path.join(tmp, 'token.txt'), 'fuzz-token-123456');
    // A fuzzed --out or --token-file is a relative path, '../../etc/passwd' among them: it must
    // resolve inside the scratch directory, never to a system file (run as root, an export written
    // to /etc/passwd replaced the machine's user list). Work four levels down in it.
    const cwd = process.cwd();
    const deep = path.join(tmp, 'a', 'b', 'c', 'd');
    fs.mkdirSync(deep, { recursive: true });
    process.chdir(deep);
    onTestFinished(() => process.chdir(cwd));
    for (const v of FUZZ) {
      if (typeof v === 'string' && v.includes('..'))
        expect(path.resolve(deep, v).startsWith(tmp + path.sep), `${v} stays in the scratch directory`).toBe(true);
    }
    const commands = cliCommands();
    expect(commands.map((c) => c.argv.join(' '))).toEqual(
      expect.arrayContaining(['users create', 'branches create', 'accounts add', 'credentials add', 'export rankings']),
    );
    const failures: string[] = [];
    for (const c of commands) {
      // Boolean flags (e.g. --password) take no value: fuzzing them means a stray value.
      for (const opt of c.options) {
        for (const v of ALL_FUZZ) {
          const base = cliBase();
          const argv = [...c.argv];
          for (const o of c.options) {
            if (o === 'password') continue;
            if (o === opt) {
              if (v === TWICE) argv.push(`--${o}`, base[o] ?? 'x', `--${o}`, base[o] ?? 'x');
              else argv.push(`--${o}`, v);
            } else if (base[o] !== undefined) argv.push(`--${o}`, base[o]!);
          }
          const out: string[] = [];
          const err: string[] = [];
          const label = `podium ${c.argv.join(' ')} --${opt} ${show(v)}`;
          try {
            const code = await runPodium(
              argv,
              {
                out: (l) => out.push(l),
                readStdin: async () => 'fuzz-token-123456',
                readSecret: async () => 'long-enough-password',
                secretKey: () => Buffer.alloc(32, 3),
                baseUrl: BASE,
                openDb: async () => f.t.db,
              },
              (l) => err.push(l),
            );
            if (code !== 0 && code !== 2) failures.push(`${label}: exit ${code}`);
          } catch (e) {
            failures.push(`${label}: threw ${String((e as Error).message).slice(0, 300)}`);
          }
          checkText(label, [...out, ...err].join('\n'), failures);
          if (err.join('\n').length > 2000) failures.push(`${label}: a ${err.join('\n').length}-character error`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
