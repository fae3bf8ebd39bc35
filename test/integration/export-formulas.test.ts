// Every export opened by a real spreadsheet (LibreOffice Calc, headless) with
// comma, semicolon and tab as the separator holds no formula cell, though
// branch names and an anonymous sign-in's User-Agent carry formula payloads.
// A pure reader-model check of the same files runs even where soffice is absent.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as exportRankingsGET } from '../../app/api/export/rankings/route';
import { GET as exportBranchGET } from '../../app/api/export/branches/[slug]/route';
import { GET as exportCompareGET } from '../../app/api/export/compare/route';
import { GET as exportAuditGET } from '../../app/api/export/audit/route';
import { createAuth, setAuthForTests, type Auth } from '../../lib/auth/auth';
import { insertUser } from '../../lib/auth/users';
import { refreshRollups } from '../../lib/rollups/index';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { CROSS_SEPARATOR_PAYLOADS, INJECTION_PAYLOADS, livePieces } from '../helpers/payloads';
import { loadRankingFixture } from './ranking-fixture';
import { asRequest, BASE, PASSWORD, signedInCookie } from './auth-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);

function findSoffice(): string | null {
  for (const bin of ['soffice', 'libreoffice']) {
    try {
      execFileSync('which', [bin], { stdio: 'pipe' });
      return bin;
    } catch {
      // not on PATH
    }
  }
  return null;
}
const SOFFICE = findSoffice();
if (!SOFFICE)
  console.warn(
    'export-formulas: LibreOffice (soffice) is not installed; the spreadsheet checks are skipped (apt-get install libreoffice-calc)',
  );

// PostgreSQL text cannot hold NUL; every other payload goes into the database as is.
const PAYLOADS = [...INJECTION_PAYLOADS, ...CROSS_SEPARATOR_PAYLOADS].filter((p) => !p.includes('\0'));
const SLUGS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

let t: TestDatabase;
let auth: Auth;
let cookies: { central: string; admin: string };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-formulas-'));

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.PODIUM_SECRET_KEY ??= 'e'.repeat(64);
  await loadRankingFixture(t.db);
  await insertUser(t.db, { email: 'central@x.test', role: 'central', password: PASSWORD });
  await insertUser(t.db, { email: 'admin@x.test', role: 'admin', password: PASSWORD });
  auth = createAuth(t.db, { secret: 'formula-secret-'.padEnd(40, 'x'), baseURL: BASE, signInRateLimit: 1000 });
  setAuthForTests(auth);
  cookies = { central: await signedInCookie(auth, 'central@x.test'), admin: await signedInCookie(auth, 'admin@x.test') };
  // Branch names in both languages: ranking rows, comparison headers, about sheets.
  for (const [i, slug] of SLUGS.entries()) {
    const pick = (k: number) => PAYLOADS[(i * 4 + k) % PAYLOADS.length]!;
    await t.db
      .updateTable('branch')
      .set({ name: pick(0), name_en: pick(1) })
      .where('slug', '=', slug)
      .execute();
  }
  await refreshRollups(t.db);
  // No account needed: a failed sign-in records its User-Agent in the audit log.
  // A header is Latin-1 without CR/LF; the rest of the payloads reach the log below.
  for (const ua of PAYLOADS.filter((p) => /^[\t\x20-\xff]+$/.test(p))) {
    const res = await auth.handler(
      new Request(`${BASE}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: BASE, 'x-forwarded-for': '198.51.100.7', 'user-agent': ua },
        body: JSON.stringify({ email: 'nobody@x.test', password: 'wrong-password-1' }),
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
  }
  // Whatever else a row can hold (stored by other paths: targets, details).
  await t.db
    .insertInto('audit_event')
    .values(PAYLOADS.map((p) => ({ action: 'test.payload', target: p, user_agent: p })))
    .execute();
});
afterAll(async () => {
  const { getDb } = await import('../../db/client');
  await getDb().destroy();
  await t?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Who = keyof typeof cookies;
const EXPORTS: { name: string; who: Who; path: string; handler: (req: Request) => Promise<Response> }[] = [
  { name: 'rankings-ru', who: 'central', path: '/api/export/rankings?period=month&date=2026-10&lang=ru', handler: exportRankingsGET },
  { name: 'rankings-en', who: 'central', path: '/api/export/rankings?period=month&date=2026-10&lang=en', handler: exportRankingsGET },
  {
    name: 'branch',
    who: 'central',
    path: '/api/export/branches/bravo?from=2026-10-01&to=2026-10-31&lang=ru',
    handler: (req) => exportBranchGET(req, { params: Promise.resolve({ slug: 'bravo' }) }),
  },
  {
    name: 'compare-ru',
    who: 'central',
    path: '/api/export/compare?branches=alpha,bravo,charlie,delta,echo&metric=views&granularity=week&from=2026-10-05&to=2026-10-25&lang=ru',
    handler: exportCompareGET,
  },
  {
    name: 'compare-en',
    who: 'central',
    path: '/api/export/compare?branches=alpha,bravo,charlie,delta,echo&metric=views&granularity=week&from=2026-10-05&to=2026-10-25&lang=en',
    handler: exportCompareGET,
  },
  { name: 'audit', who: 'admin', path: '/api/export/audit?lang=en', handler: exportAuditGET },
];

async function download(e: (typeof EXPORTS)[number], query: string): Promise<Buffer> {
  asRequest(cookies[e.who]);
  const res = await e.handler(new Request(`${BASE}${e.path}&${query}`));
  expect(res.status, `${e.name} ${query}`).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Writes every CSV export (both delimiters) to disk; returns the file paths. */
async function writeCsvFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const e of EXPORTS) {
    for (const delimiter of ['comma', 'semicolon']) {
      const file = path.join(dir, `${e.name}-${delimiter}.csv`);
      fs.writeFileSync(file, await download(e, `delimiter=${delimiter}`));
      files.push(file);
    }
  }
  return files;
}

/**
 * Opens files with LibreOffice and returns, per file, the formulas it holds.
 * CSV filter options: separator, quote ("), UTF-8, from line 1, default
 * formats, English, quoted fields not forced to text, special numbers
 * detected, …, all sheets, and (token 13) "evaluate formulas" on.
 */
function formulasSeenBySpreadsheet(files: string[], separator: number | null): { formulas: Map<string, string[]>; outDir: string } {
  const out = fs.mkdtempSync(path.join(dir, 'lo-'));
  const profile = `file://${fs.mkdtempSync(path.join(os.tmpdir(), 'podium-lo-profile-'))}`;
  const infilter = separator === null ? [] : [`--infilter=CSV:${separator},34,76,1,,1033,false,true,false,false,false,-1,true`];
  execFileSync(
    SOFFICE!,
    [`-env:UserInstallation=${profile}`, '--headless', '--norestore', ...infilter, '--convert-to', 'fods', '--outdir', out, ...files],
    {
      stdio: 'pipe',
      timeout: 240_000,
    },
  );
  const result = new Map<string, string[]>();
  for (const f of files) {
    const fods = path.join(out, `${path.basename(f).replace(/\.[^.]+$/, '')}.fods`);
    expect(fs.existsSync(fods), `LibreOffice converted ${path.basename(f)}`).toBe(true);
    const xml = fs.readFileSync(fods, 'utf8');
    result.set(
      path.basename(f),
      [...xml.matchAll(/table:formula="([^"]*)"/g)].map((m) => m[1]!),
    );
  }
  return { formulas: result, outDir: out };
}

describe('CSV exports with hostile names and user agents', () => {
  it('hold no formula for a reader that splits on comma, semicolon or tab (reader model)', async () => {
    const files = await writeCsvFiles();
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const sep of [',', ';', '\t']) expect(livePieces(text, sep), `${path.basename(f)} split on ${JSON.stringify(sep)}`).toEqual([]);
    }
    // The payloads really are in the files (the check is not vacuous).
    const audit = fs.readFileSync(path.join(dir, 'audit-comma.csv'), 'utf8');
    expect(audit).toContain("Alpha;'=1+1");
    expect(audit).toContain('auth.sign_in_failed');
    expect(fs.readFileSync(path.join(dir, 'compare-en-semicolon.csv'), 'utf8')).toContain("'=");
  });

  it.skipIf(!SOFFICE)(
    'hold no formula when LibreOffice opens them with comma, semicolon or tab as the separator',
    { timeout: 600_000 },
    async () => {
      const files = await writeCsvFiles();
      // Control: the same payloads written without protection do come out as formulas,
      // so a pass below means the exports are safe, not that the check is blind.
      const control = path.join(dir, 'control.csv');
      fs.writeFileSync(control, PAYLOADS.map((p) => `"x",${p.replace(/\r/g, '\n')}`).join('\r\n'));
      for (const sep of [44, 59, 9]) {
        const { formulas: seen, outDir } = formulasSeenBySpreadsheet([...files, control], sep);
        expect(seen.get('control.csv')!.length, `control file, separator ${sep}`).toBeGreaterThan(0);
        seen.delete('control.csv');
        expect(Object.fromEntries([...seen].filter(([, f]) => f.length > 0)), `separator ${sep}`).toEqual({});
        if (sep === 44) {
          // Numbers stay numbers: the comma file's ranks and scores are numeric cells.
          const xml = fs.readFileSync(path.join(outDir, 'rankings-en-comma.fods'), 'utf8');
          expect((xml.match(/office:value-type="float"/g) ?? []).length).toBeGreaterThan(10);
        }
      }
    },
  );

  it.skipIf(!SOFFICE)('XLSX exports hold no formula and show the names without an apostrophe', { timeout: 300_000 }, async () => {
    const files: string[] = [];
    for (const e of EXPORTS) {
      const file = path.join(dir, `${e.name}.xlsx`);
      fs.writeFileSync(file, await download(e, 'format=xlsx'));
      files.push(file);
    }
    const { formulas: seen, outDir } = formulasSeenBySpreadsheet(files, null);
    expect(Object.fromEntries([...seen].filter(([, f]) => f.length > 0))).toEqual({});
    // alpha's Russian name is "=1+1": shown as written.
    const xml = fs.readFileSync(path.join(outDir, 'rankings-ru.fods'), 'utf8');
    expect(xml).toContain('<text:p>=1+1</text:p>');
    expect(xml).not.toContain("<text:p>'=");
  });
});
