import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { runPodium } from '../../lib/cli/podium/index';
import { loadRankingFixture } from './ranking-fixture';

let t: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-export-cli-'));

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRankingFixture(t.db);
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPodium(
    argv,
    {
      out: (l) => out.push(l),
      readStdin: async () => '',
      readSecret: async () => '',
      secretKey: () => Buffer.alloc(32),
      baseUrl: 'http://localhost:3000',
      openDb: async () => t.db,
    },
    (l) => err.push(l),
  );
  return { code, out, err };
}

describe('podium export', () => {
  it('writes the month ranking as CSV', async () => {
    const file = path.join(dir, 'r.csv');
    const r = await cli('export', 'rankings', '--period', '2026-10', '--lang', 'en', '--out', file);
    expect(r.code).toBe(0);
    const rows: string[][] = parse(fs.readFileSync(file, 'utf8'), { bom: true });
    expect(rows[0]!.slice(0, 2)).toEqual(['Rank', 'Branch']);
    expect(rows.slice(1).map((x) => x[2])).toEqual(expect.arrayContaining(['alpha', 'bravo', 'charlie', 'delta']));
    const audit = await t.db.selectFrom('audit_event').select(['action', 'actor_email']).where('action', '=', 'export.rankings').execute();
    expect(audit).toEqual([{ action: 'export.rankings', actor_email: 'cli@podium.local' }]);
  });

  it('writes a branch as XLSX', async () => {
    const file = path.join(dir, 'b.xlsx');
    const r = await cli(
      'export',
      'branch',
      '--slug',
      'bravo',
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
      '--format',
      'xlsx',
      '--out',
      file,
    );
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('Показатели')!.rowCount).toBe(32);
  });

  it('names the bad argument, exits 2 and leaves no file', async () => {
    const file = path.join(dir, 'bad.csv');
    for (const [args, msg] of [
      [['export', 'rankings', '--period', '2026-13', '--out', file], '--period'],
      [['export', 'rankings', '--period', 'October', '--out', file], '--period'],
      [['export', 'rankings', '--period', '2026-10', '--format', 'pdf', '--out', file], '--format'],
      [['export', 'rankings', '--period', '2026-10'], '--out'],
      [['export', 'rankings', '--period', '2026-10', '--bogus', 'x', '--out', file], 'bogus'],
      [['export', 'branch', '--slug', 'nope', '--out', file], '--slug'],
      [['export', 'branch', '--slug', 'bravo', '--from', '2026-10-31', '--to', '2026-10-01', '--out', file], '--to'],
      [['export', 'pdf'], 'rankings'],
    ] as const) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.join('\n'), args.join(' ')).toContain(msg);
    }
    expect(fs.existsSync(file)).toBe(false);
  });
});
