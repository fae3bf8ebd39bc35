// Hostile input on every input path: every route handler under app/api and
// every server action (both found on disk, so a new one cannot escape) and
// every `npm run podium` command (found in its help text). NUL bytes, 200 KB
// strings, numbers past 2^63, impossible dates, a field given twice: never a
// 5xx or a thrown action, and no answer quotes more than a short prefix.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createAuth, setAuthForTests, type Auth } from '../../lib/auth/auth';
import { insertUser } from '../../lib/auth/users';
import { HELP, runPodium } from '../../lib/cli/podium/index';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadRankingFixture } from './ranking-fixture';
import { asRequest, BASE, PASSWORD, signedInCookie } from './auth-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const ROOT = path.resolve(import.meta.dirname, '../..');
const HUGE = 'q'.repeat(200 * 1024);
/** A run this long of the huge input in an answer means more than the 80-character prefix was echoed. */
const ECHO = 'q'.repeat(81);

// Each value replaces one field at a time; "twice" sends the field two times.
const FUZZ: string[] = [
  'a\0b',
  '\0',
  HUGE,
  '1e30',
  '9223372036854775808', // 2^63
  '-9223372036854775809',
  '99999999999999999999',
  '-1',
  '0',
  'NaN',
  '2026-02-30',
  '0000-00-00',
  '1000-01-01',
  '9999-12-31',
  '2026-W99',
  '',
  '\uFFFD\u202E',
  '../../etc/passwd',
  "' or 1=1 --",
];
const TWICE = Symbol('twice');
type Fuzz = string | typeof TWICE;
const ALL_FUZZ: Fuzz[] = [...FUZZ, TWICE];
const show = (v: Fuzz) => (v === TWICE ? '(given twice)' : JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v));

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p, out);
    } else out.push(p);
  }
  return out;
}
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
const routeFiles = walk(path.join(ROOT, 'app/api'))
  .filter((p) => /(^|\/)route\.(ts|tsx|js)$/.test(p))
  .map(rel)
  .sort();
const actionFiles = ['app', 'lib', 'components']
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter((p) => /\.(ts|tsx)$/.test(p) && /^\s*['"]use server['"]/.test(fs.readFileSync(p, 'utf8')))
  .map(rel)
  .sort();

interface RouteCase {
  method: 'GET' | 'POST';
  path: string;
  /** Query parameters, each fuzzed in turn (plus one unknown parameter). */
  query: Record<string, string>;
  /** Dynamic segments, each fuzzed in turn. */
  params?: Record<string, string | string[]>;
  /** A JSON body whose fields are fuzzed in turn. */
  body?: Record<string, string>;
}

// A valid request per route; a route on disk without one fails the test.
const ROUTES: Record<string, RouteCase[]> = {
  'app/api/health/route.ts': [{ method: 'GET', path: '/api/health', query: {} }],
  'app/api/auth/[...all]/route.ts': [{ method: 'GET', path: '/api/auth/get-session', query: {}, params: { all: ['get-session'] } }],
  'app/api/rankings/route.ts': [{ method: 'GET', path: '/api/rankings', query: { period: 'month', date: '2026-10', network: 'all', district: 'volga', method: 'podium-v1' } }],
  'app/api/branches/[slug]/summary/route.ts': [{ method: 'GET', path: '/api/branches/alpha/summary', query: { period: 'month', date: '2026-10' }, params: { slug: 'alpha' } }],
  'app/api/branches/[slug]/series/route.ts': [
    { method: 'GET', path: '/api/branches/alpha/series', query: { metric: 'views', from: '2026-10-01', to: '2026-10-31', granularity: 'week', network: 'vk' }, params: { slug: 'alpha' } },
  ],
  'app/api/compare/route.ts': [{ method: 'GET', path: '/api/compare', query: { branches: 'alpha,bravo', metric: 'views', from: '2026-10-01', to: '2026-10-31', granularity: 'day' } }],
  'app/api/export/rankings/route.ts': [{ method: 'GET', path: '/api/export/rankings', query: { period: 'custom', from: '2026-10-01', to: '2026-10-31', format: 'csv', delimiter: 'semicolon', lang: 'en' } }],
  'app/api/export/audit/route.ts': [{ method: 'GET', path: '/api/export/audit', query: { from: '2026-01-01', to: '2026-12-31', action: 'export.', actor: 'admin@f.test', format: 'csv' } }],
  'app/api/export/compare/route.ts': [{ method: 'GET', path: '/api/export/compare', query: { branches: 'alpha,bravo', metric: 'views', from: '2026-10-01', to: '2026-10-31', format: 'xlsx' } }],
  'app/api/export/branches/[slug]/route.ts': [
    { method: 'GET', path: '/api/export/branches/alpha', query: { from: '2026-10-01', to: '2026-10-31', granularity: 'month', format: 'csv' }, params: { slug: 'alpha' } },
  ],
};

let t: TestDatabase;
let auth: Auth;
let adminCookie: string;
let dummyUserId: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-fuzz-'));

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.PODIUM_SECRET_KEY ??= 'f'.repeat(64);
  await loadRankingFixture(t.db);
  await insertUser(t.db, { email: 'admin@f.test', role: 'admin', password: PASSWORD });
  dummyUserId = await insertUser(t.db, { email: 'dummy@f.test', role: 'central', password: PASSWORD });
  auth = createAuth(t.db, { secret: 'fuzz-secret-'.padEnd(40, 'x'), baseURL: BASE, signInRateLimit: 100_000 });
  setAuthForTests(auth);
  adminCookie = await signedInCookie(auth, 'admin@f.test');
});
afterAll(async () => {
  const { getDb } = await import('../../db/client');
  await getDb().destroy();
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** What an answer must never be: a quote of the huge input, or a raw database message. */
function checkText(label: string, text: string, failures: string[]) {
  if (text.includes(ECHO)) failures.push(`${label}: echoes the 200 KB input`);
  const raw = /invalid byte sequence|out of range for type|violates .* constraint|invalid input syntax/.exec(text);
  if (raw) failures.push(`${label}: shows a raw database message (${raw[0]})`);
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

async function callRoute(file: string, c: RouteCase, query: URLSearchParams, params: Record<string, string | string[]>, body?: Record<string, string>): Promise<Response> {
  const mod = (await import(path.join(ROOT, file))) as Record<string, Handler | undefined>;
  const handler = mod[c.method]!;
  const url = `${BASE}${c.path}${query.size ? `?${query}` : ''}`;
  asRequest(adminCookie);
  const init: RequestInit = { method: c.method, headers: { cookie: adminCookie, origin: BASE, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.5' } };
  if (body) init.body = JSON.stringify(body);
  return handler(new Request(url, init), { params: Promise.resolve(params) });
}

describe('every input path is covered', () => {
  it('found the files', () => {
    expect(routeFiles.length).toBeGreaterThan(5);
    expect(actionFiles).toContain('app/admin/actions.ts');
  });
  it.each(routeFiles)('route %s has a fuzz case', (f) => expect(ROUTES[f]?.length, `add a valid request for ${f} to ROUTES in test/integration/fuzz-inputs.test.ts`).toBeGreaterThan(0));
});

describe('route handlers', () => {
  const cases = routeFiles.flatMap((f) => (ROUTES[f] ?? []).map((c) => [f, c] as const));
  it.each(cases)('%s never answers 5xx', { timeout: 300_000 }, async (file, c) => {
    const base = new URLSearchParams(c.query);
    const ok = await callRoute(file, c, base, c.params ?? {}, c.body);
    expect(ok.status, `${file} with its valid request`).toBeLessThan(400);
    const failures: string[] = [];
    const check = async (label: string, res: Response) => {
      const text = await res.text();
      if (res.status >= 500) failures.push(`${label}: ${res.status} ${text.slice(0, 200)}`);
      checkText(label, text, failures);
    };
    for (const key of [...Object.keys(c.query), 'unknown_param']) {
      for (const v of ALL_FUZZ) {
        const q = new URLSearchParams(base);
        if (v === TWICE) q.append(key, q.get(key) ?? 'x');
        else q.set(key, v);
        await check(`${file} ?${key}=${show(v)}`, await callRoute(file, c, q, c.params ?? {}, c.body));
      }
    }
    // Hostile parameter names too: a huge one, one with NUL.
    for (const key of [HUGE, 'a\0b']) {
      const q = new URLSearchParams(base);
      q.set(key, '1');
      await check(`${file} ?${show(key)}=1`, await callRoute(file, c, q, c.params ?? {}, c.body));
    }
    for (const key of Object.keys(c.params ?? {})) {
      for (const v of FUZZ) {
        const params = { ...c.params, [key]: Array.isArray(c.params![key]) ? [v] : v };
        await check(`${file} [${key}]=${show(v)}`, await callRoute(file, c, base, params, c.body));
      }
    }
    expect(failures).toEqual([]);
  });
});

// Plausible values for every form field an action reads; ids name no row, so
// a fuzzed field is the only thing wrong and nothing slow (a test fetch) runs.
function baseFields(): Record<string, string> {
  return {
    id: '2147483000',
    userId: dummyUserId,
    credential: '',
    email: `fuzz-${Math.random().toString(36).slice(2)}@f.test`,
    name: 'Fuzz',
    role: 'central',
    branch: 'alpha',
    password: 'long-enough-password',
    confirm: 'long-enough-password',
    mode: 'reactivate',
    slug: `fz-${Math.random().toString(36).slice(2, 10)}`,
    name_en: 'Fuzz',
    region_code: 'RU-ZZ',
    federal_district: 'volga',
    population: '1000',
    url: 'https://vk.com/club1',
    network: 'vk',
    title: 'Fuzz',
    label: 'fuzz',
    token: 'fuzz-token-123456',
    config: 'counter_id=1',
    key: 'fuzz',
    definition: '{"weights":{"views_per_100k":1}}',
    notes: 'fuzz',
  };
}

/** A FormData that notes which fields an action reads. */
class RecordingFormData extends FormData {
  constructor(readonly seen: Set<string>) {
    super();
  }
  override get(name: string) {
    this.seen.add(name);
    return super.get(name);
  }
  override getAll(name: string) {
    this.seen.add(name);
    return super.getAll(name);
  }
  override has(name: string) {
    this.seen.add(name);
    return super.has(name);
  }
}

type Action = (prev: unknown, d: FormData) => Promise<{ ok: boolean; message?: string; field?: string }>;

async function callAction(fn: Action, fields: Record<string, string | string[]>): Promise<{ ok: boolean; message?: string } | { threw: string }> {
  const d = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) d.append(k, x);
  asRequest(adminCookie);
  try {
    return await fn({ ok: true }, d);
  } catch (e) {
    const digest = String((e as { digest?: string }).digest ?? '');
    // A redirect is a normal answer of an action (e.g. after set-up).
    if (digest.startsWith('NEXT_REDIRECT')) return { ok: true, message: 'redirect' };
    return { threw: `${(e as Error).message}`.slice(0, 300) };
  }
}

describe('server actions', () => {
  it.each(actionFiles)('%s: every field of every action, never a thrown error', { timeout: 600_000 }, async (file) => {
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const actions = Object.entries(mod).filter(([, v]) => typeof v === 'function') as [string, Action][];
    expect(actions.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let calls = 0;
    for (const [name, fn] of actions) {
      const seen = new Set<string>();
      asRequest(adminCookie);
      try {
        await fn({ ok: true }, new RecordingFormData(seen));
      } catch {
        // only the field names matter here
      }
      expect(seen.size, `${file}#${name} reads no field`).toBeGreaterThan(0);
      for (const key of seen) {
        for (const v of [...ALL_FUZZ, 'file' as const]) {
          const fields: Record<string, string | string[]> = {};
          for (const k of seen) fields[k] = baseFields()[k] ?? '';
          let r;
          if (v === 'file') {
            const d = new FormData();
            for (const [k, x] of Object.entries(fields)) if (k !== key) d.append(k, x as string);
            d.append(key, new Blob(['x']), 'x.txt');
            asRequest(adminCookie);
            r = await fn({ ok: true }, d).catch((e: unknown) => ({ threw: String((e as Error).message).slice(0, 300) }));
          } else {
            fields[key] = v === TWICE ? [String(fields[key]), String(fields[key])] : v;
            r = await callAction(fn, fields);
          }
          calls++;
          const label = `${file}#${name} ${key}=${v === 'file' ? '(a file)' : show(v)}`;
          if ('threw' in r) failures.push(`${label}: threw ${r.threw}`);
          else checkText(label, JSON.stringify(r), failures);
        }
      }
    }
    expect(calls).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});

// `users create --email <e> …` lines of the CLI's help: every command and its options.
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
    // A fuzzed --out is a relative file name: written in a scratch directory, not the repository.
    const cwd = process.cwd();
    process.chdir(tmp);
    onTestFinished(() => process.chdir(cwd));
    const commands = cliCommands();
    expect(commands.map((c) => c.argv.join(' '))).toEqual(expect.arrayContaining(['users create', 'branches create', 'accounts add', 'credentials add', 'export rankings']));
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
                openDb: async () => t.db,
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
