// Shared set-up for the auth/admin/matrix integration tests (not a test file).
import { createAuth, setAuthForTests, type Auth } from '../../lib/auth/auth';
import { insertUser } from '../../lib/auth/users';
import type { DB } from '../../db/client';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

export const BASE = 'http://localhost:3000';
export const PASSWORD = 'correct-horse-battery';

let currentHeaders = new Headers();
const jar = new Map<string, string>();

/** Replacement for next/headers: the test decides which request is "current". */
export const nextHeadersMock = {
  headers: async () => currentHeaders,
  cookies: async () => ({
    get: (name: string) => {
      const v = cookieValue(currentHeaders.get('cookie') ?? '', name);
      return v === null ? undefined : { name, value: v };
    },
    getAll: () => [],
    has: (name: string) => cookieValue(currentHeaders.get('cookie') ?? '', name) !== null,
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
};

function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return rest.join('=');
  }
  return null;
}

export function asRequest(cookie: string | null, extra: Record<string, string> = {}): void {
  currentHeaders = new Headers({ ...(cookie ? { cookie } : {}), 'user-agent': 'vitest', 'x-forwarded-for': '203.0.113.9', ...extra });
}

export interface AuthFixture {
  t: TestDatabase;
  db: DB;
  auth: Auth;
  branchA: { id: number; slug: string };
  branchB: { id: number; slug: string };
  users: Record<'admin' | 'central' | 'coordA' | 'coordB', { id: string; email: string }>;
}

export async function setUpAuth(opts: { sessionExpiresIn?: number; signInRateLimit?: number } = {}): Promise<AuthFixture> {
  const t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.PODIUM_SECRET_KEY ??= 'a'.repeat(64);
  const db = t.db;
  const branchA = await db
    .insertInto('branch')
    .values({
      slug: 'karachay-cherkessia',
      name: 'Карачаево-Черкесия',
      name_en: 'Karachay-Cherkessia',
      region_code: 'RU-KC',
      federal_district: 'north_caucasian',
      population: 466_000,
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
  const branchB = await db
    .insertInto('branch')
    .values({
      slug: 'tatarstan',
      name: 'Татарстан',
      name_en: 'Tatarstan',
      region_code: 'RU-TA',
      federal_district: 'volga',
      population: 4_000_000,
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
  const mk = async (email: string, role: 'admin' | 'central' | 'coordinator', branchId: number | null = null) => ({
    id: await insertUser(db, { email, role, branchId, password: PASSWORD }),
    email,
  });
  const users = {
    admin: await mk('admin@test.local', 'admin'),
    central: await mk('central@test.local', 'central'),
    coordA: await mk('coord-a@test.local', 'coordinator', branchA.id),
    coordB: await mk('coord-b@test.local', 'coordinator', branchB.id),
  };
  const auth = createAuth(db, { secret: 'test-secret-'.padEnd(40, 'x'), baseURL: BASE, ...opts });
  setAuthForTests(auth);
  return { t, db, auth, branchA, branchB, users };
}

export async function signIn(auth: Auth, email: string, password: string, ip = '198.51.100.1'): Promise<Response> {
  return auth.handler(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE, 'x-forwarded-for': ip, 'user-agent': 'vitest' },
      body: JSON.stringify({ email, password }),
    }),
  );
}

/** "podium.session_token=…" from a sign-in response, ready for a Cookie header. */
export function sessionCookie(res: Response): string {
  const c = res.headers.getSetCookie().find((s) => s.includes('session_token='));
  if (!c) throw new Error(`no session cookie (status ${res.status})`);
  return c.split(';')[0];
}

export async function signedInCookie(auth: Auth, email: string): Promise<string> {
  return sessionCookie(await signIn(auth, email, PASSWORD));
}

/**
 * next-intl's server helpers for pages called as plain functions (no React Server
 * Components runtime): they translate with the real Russian messages. Use as
 * `vi.mock('next-intl/server', async (orig) => (await import('./auth-support')).nextIntlServerMock(orig))`.
 */
export async function nextIntlServerMock(importOriginal: <T>() => Promise<T>): Promise<Record<string, unknown>> {
  const real = await importOriginal<Record<string, unknown>>();
  const { createTranslator } = await import('next-intl');
  const messages = (await import('../../messages/ru.json')).default;
  return {
    ...real,
    getTranslations: async (namespace?: string) => createTranslator({ locale: 'ru', messages, namespace: namespace as never }),
    getLocale: async () => 'ru',
    getMessages: async () => messages,
  };
}
