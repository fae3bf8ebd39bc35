// Shared by the fuzz tests (not a test file): hostile values, how to show
// them, how to find the input paths on disk, one set-up with an admin session.
import fs from 'node:fs';
import path from 'node:path';
import { createAuth, setAuthForTests } from '../../lib/auth/auth';
import { insertUser } from '../../lib/auth/users';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadRankingFixture } from './ranking-fixture';
import { BASE, PASSWORD, signedInCookie } from './auth-support';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const HUGE = 'q'.repeat(200 * 1024);
/** A run this long of the huge input in an answer means more than the 80-character prefix was echoed. */
export const ECHO = 'q'.repeat(81);

// Each value replaces one field at a time; "twice" sends the field two times.
export const FUZZ: string[] = [
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
export const TWICE = Symbol('twice');
export type Fuzz = string | typeof TWICE;
export const ALL_FUZZ: Fuzz[] = [...FUZZ, TWICE];
export const show = (v: Fuzz) => (v === TWICE ? '(given twice)' : JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v));

export function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p, out);
    } else out.push(p);
  }
  return out;
}
export const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
export const routeFiles = walk(path.join(ROOT, 'app/api'))
  .filter((p) => /(^|\/)route\.(ts|tsx|js)$/.test(p))
  .map(rel)
  .sort();
export const actionFiles = ['app', 'lib', 'components']
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter((p) => /\.(ts|tsx)$/.test(p) && /^\s*['"]use server['"]/.test(fs.readFileSync(p, 'utf8')))
  .map(rel)
  .sort();

/** What an answer must never be: a quote of the huge input, or a raw database message. */
export function checkText(label: string, text: string, failures: string[]) {
  if (text.includes(ECHO)) failures.push(`${label}: echoes the 200 KB input`);
  const raw = /invalid byte sequence|out of range for type|violates .* constraint|invalid input syntax/.exec(text);
  if (raw) failures.push(`${label}: shows a raw database message (${raw[0]})`);
}

export interface FuzzFixture {
  t: TestDatabase;
  adminCookie: string;
  dummyUserId: string;
}

/** A database with the ranking fixture, an admin signed in and a spare user to act on. */
export async function setUpFuzz(): Promise<FuzzFixture> {
  const t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.PODIUM_SECRET_KEY ??= 'f'.repeat(64);
  await loadRankingFixture(t.db);
  await insertUser(t.db, { email: 'admin@f.test', role: 'admin', password: PASSWORD });
  const dummyUserId = await insertUser(t.db, { email: 'dummy@f.test', role: 'central', password: PASSWORD });
  const auth = createAuth(t.db, { secret: 'fuzz-secret-'.padEnd(40, 'x'), baseURL: BASE, signInRateLimit: 100_000 });
  setAuthForTests(auth);
  return { t, adminCookie: await signedInCookie(auth, 'admin@f.test'), dummyUserId };
}

export async function tearDownFuzz(f: FuzzFixture | undefined): Promise<void> {
  const { getDb } = await import('../../db/client');
  await getDb().destroy();
  await f?.t.drop();
}
