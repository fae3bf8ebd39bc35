import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { insertAccount, insertBranch } from '../fakes/fixtures';
import { ImportError, importAccountCsv, MAX_IMPORT_BYTES, parseMetricsCsv } from '@/lib/import/csv';

let t: TestDatabase;
let accountId: number;
const NOW = new Date('2026-11-25T09:00:00Z');
const buf = (s: string) => Buffer.from(s, 'utf8');

beforeAll(async () => {
  t = await createTestDatabase();
  const branchId = await insertBranch(t.db);
  accountId = await insertAccount(t.db, { branchId, network: 'dzen', externalId: 'dzen-branch' });
});
afterAll(async () => {
  await t?.drop();
});

const rowCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('account_day')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function rejected(content: Uint8Array): Promise<ImportError> {
  const before = await rowCount();
  const runs = (await t.db.selectFrom('collection_run').select('id').execute()).length;
  const e = await importAccountCsv(t.db, accountId, content, { now: NOW }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportError);
  expect(await rowCount()).toBe(before);
  expect((await t.db.selectFrom('collection_run').select('id').execute()).length).toBe(runs);
  return e as ImportError;
}

describe('CSV import', () => {
  it('imports a good file all at once, rows marked source=import, empty cells NULL', async () => {
    const s = await importAccountCsv(
      t.db,
      accountId,
      buf('day,followers,views,posts\n2026-11-01,100,2000,3\n2026-11-02,101,,0\n02.11.2025,"1 500",10,1\n'),
      { now: NOW },
    );
    expect(s).toMatchObject({ rowsRead: 3, rowsWritten: 3 });
    const rows = await t.db.selectFrom('account_day').selectAll().where('account_id', '=', accountId).orderBy('day').execute();
    expect(rows.map((r) => [r.day, r.followers, r.views, r.posts, r.source, r.likes])).toEqual([
      ['2025-11-02', 1500, 10, 1, 'import', null],
      ['2026-11-01', 100, 2000, 3, 'import', null],
      ['2026-11-02', 101, null, 0, 'import', null],
    ]);
    const run = await t.db.selectFrom('collection_run').selectAll().where('id', '=', s.runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'ok', network: 'dzen', rows_written: 3, api_calls: 0 });
    // Re-importing the same file changes nothing.
    expect(
      (await importAccountCsv(t.db, accountId, buf('day,followers,views,posts\n2026-11-01,100,2000,3\n'), { now: NOW })).rowsWritten,
    ).toBe(0);
  });

  it.each([
    ['day,followers\n2026-11-03,10\n2026-11-04,-5\n', 3, 'followers', /negative/],
    ['day,followers\n2026-11-03,10\n2026-11-04,1.5\n', 3, 'followers', /whole number/],
    ['day,followers\n2026-11-03,abc\n', 2, 'followers', /whole number/],
    ['day,followers\n2026-13-03,10\n', 2, 'day', /not a date/],
    ['day,followers\n2026-02-30,10\n', 2, 'day', /not a date/],
    ['day,followers\n2026-12-30,10\n', 2, 'day', /future/],
    ['day,followers\n2026-11-03,10\n2026-11-03,11\n', 3, 'day', /already appears on line 2/],
    ['day,followers\n2026-11-03,10,5\n', 2, null, /expected 2 fields, found 3/],
    ['day,folowers\n2026-11-03,10\n', 1, 'folowers', /unknown column/],
    ['day,views,views\n2026-11-03,1,1\n', 1, 'views', /twice/],
    ['followers\n10\n', 1, null, /no "day" column/],
    ['day\n2026-11-03\n', 1, null, /no metric columns/],
    ['day,views\n', 1, null, /no rows/],
    // Bounds of the database column and of the API's calendar, named before any write.
    ['day,posts\n2026-11-03,3000000000\n', 2, 'posts', /too large: at most 2147483647/],
    ['day,views\n2026-11-03,99999999999999999999\n', 2, 'views', /too large/],
    ['day,views\n1000-11-03,1\n', 2, 'day', /year must be between 2000 and 2100/],
    ['day,views\n03.11.1999,1\n', 2, 'day', /year must be between 2000 and 2100/],
  ])('rejects %j naming line %d, column %s', async (content, line, column, reason) => {
    const e = await rejected(buf(content));
    expect(e.issues[0]).toMatchObject({ line, column });
    expect(e.issues[0].reason).toMatch(reason);
    expect(e.message).toContain(`line ${line}`);
  });

  it('handles a BOM, semicolons and Windows-1251 headers from Russian Excel', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf('day;followers;likes\r\n2026-10-01;5;1\r\n2026-10-02;6;\r\n')]);
    expect(await importAccountCsv(t.db, accountId, bom, { now: NOW })).toMatchObject({ rowsRead: 2, encoding: 'utf-8' });
    // "Дата;followers" in Windows-1251: Д=0xC4 а=0xE0 т=0xF2 а=0xE0.
    const cp1251 = Buffer.concat([Buffer.from([0xc4, 0xe0, 0xf2, 0xe0]), buf(';followers\r\n05.10.2026;7\r\n')]);
    expect(await importAccountCsv(t.db, accountId, cp1251, { now: NOW })).toMatchObject({ rowsRead: 1, encoding: 'windows-1251' });
    const row = await t.db
      .selectFrom('account_day')
      .select('followers')
      .where('account_id', '=', accountId)
      .where('day', '=', '2026-10-05')
      .executeTakeFirstOrThrow();
    expect(row.followers).toBe(7);
  });

  it('rejects binary, UTF-16, empty and broken-quote files with a clear message', async () => {
    expect((await rejected(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]))).message).toMatch(/not a text CSV/);
    expect((await rejected(Buffer.from([0xff, 0xfe, 0x64, 0x00]))).message).toMatch(/UTF-16/);
    expect((await rejected(Buffer.alloc(0))).message).toMatch(/empty/);
    expect((await rejected(buf('day,views\n2026-11-03,"12\n'))).message).toMatch(/not valid CSV/);
    expect((await rejected(Buffer.alloc(MAX_IMPORT_BYTES + 1, 'day,views\n'))).message).toMatch(/larger than 50 MB/);
  });

  it('never echoes a huge cell or header whole', async () => {
    // 45 MB: refused as a line too long, before parsing; 60 KB: parsed, and quoted by a short prefix.
    for (const huge of ['x'.repeat(45 * 1024 * 1024), 'x'.repeat(60_000)]) {
      for (const content of [
        `day,views\n2026-11-03,${huge}\n`,
        `day,${huge}\n2026-11-03,1\n`,
        `day,views\n2026-11-03,"${huge}\n`,
        `day,views\n"${huge}"x,1\n`,
      ]) {
        const e = await rejected(buf(content));
        expect(e.message.length, e.message.slice(0, 300)).toBeLessThan(300);
        expect(e.message).not.toContain('x'.repeat(81));
        if (huge.length > 64 * 1024) expect(e.message).toMatch(/longer than 64 KB/);
        for (const i of e.issues) expect(`${i.column ?? ''} ${i.reason}`.length).toBeLessThan(300);
      }
    }
  }, 60_000);

  it('imports a large file (9,800 days since 2000) in one transaction', async () => {
    const branchId = await insertBranch(t.db);
    const big = await insertAccount(t.db, { branchId, network: 'dzen', externalId: 'dzen-big' });
    const lines = ['day,views,likes'];
    const d = new Date(Date.UTC(2000, 0, 1));
    for (let i = 0; i < 9_800; i++) {
      lines.push(`${d.toISOString().slice(0, 10)},${i},${i % 7}`);
      d.setUTCDate(d.getUTCDate() + 1);
    }
    const s = await importAccountCsv(t.db, big, buf(lines.join('\n')), { now: NOW });
    expect(s.rowsWritten).toBe(9_800);
  }, 60_000);

  it('parses without a database too', () => {
    expect(parseMetricsCsv(buf('date,shares\n2026-11-01,4\n'), { today: '2026-11-25' }).rows).toEqual([{ day: '2026-11-01', shares: 4 }]);
  });
});
