// The meeting pack end to end: a central user requests one, the real worker
// builds it with the real Chromium, the stored zip is checked with pdfinfo and
// pdftotext, and the pack's CSV equals the ranking export of the same data.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankingsQuerySchema } from '../../lib/api/schemas';
import type { Viewer } from '../../lib/auth/viewer';
import { seedDemo } from '../../lib/demo/seed';
import { listRankings } from '../../lib/data/rankings';
import { parseEnv } from '../../lib/env';
import { exportResponse } from '../../lib/export/respond';
import { rankingExportSpec } from '../../lib/export/specs';
import { startWorker, type WorkerHandle } from '../../lib/jobs/worker';
import { packRequestSchema } from '../../lib/pack/request';
import { buildPack } from '../../lib/pack/build';
import { runPack } from '../../lib/pack/run';
import { PackSourceError } from '../../lib/pack/source';
import { findPublishedRanking } from '../../lib/publications/read';
import { publishRanking } from '../../lib/publications/publish';
import { getPackFile, listPacks, PackForbiddenError, requestPack } from '../../lib/pack/store';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/wait';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const central: Viewer = { userId: 'u-central', email: 'central@pack.test', name: 'C', role: 'central', branchId: null };

let t: TestDatabase;
let worker: WorkerHandle;
let coordinator: Viewer;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-pack-'));

beforeAll(async () => {
  t = await createTestDatabase();
  // The demo's 83 branches: enough rows for a multi-page report.
  await seedDemo(t.db, { end: '2026-11-20' });
  const branch = await t.db.selectFrom('branch').select('id').orderBy('id').executeTakeFirstOrThrow();
  coordinator = { userId: 'u-coord', email: 'coord@pack.test', name: 'K', role: 'coordinator', branchId: branch.id };
  for (const v of [central, coordinator]) {
    await t.db.insertInto('app_user').values({ id: v.userId, name: v.name, email: v.email, role: v.role, branch_id: v.branchId }).execute();
  }
  worker = await startWorker({
    connectionString: t.url,
    concurrency: 2,
    schedule: false,
    logger: pino({ level: 'silent' }),
    env: parseEnv({ PODIUM_CHROMIUM_PATH: CHROMIUM }),
    pollIntervalMs: 100,
  });
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await t?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function pdfPages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim());
}

/** Lines of the report's tables: a rank (or "—" when not ranked), then a branch name. */
const ROW = /^\s{0,8}(\d{1,2}|—)\s+[А-ЯЁ]/;

describe('meeting pack', () => {
  it('is requested by central staff, built by the worker and stored as a zip of PDF, XLSX, CSV and PNG', async () => {
    const req = packRequestSchema.parse({ period: '2026-10', locale: 'ru' });
    const id = await requestPack(t.db, central, req);
    await waitFor(
      async () => (await t.db.selectFrom('meeting_pack').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status === 'done',
      120_000,
    );

    const listed = await listPacks(t.db, central);
    expect(listed.map((p) => [p.id, p.status, p.periodLabel])).toContainEqual([id, 'done', '2026-10']);
    const file = (await getPackFile(t.db, central, id))!;
    expect(file.filename).toBe('podium-2026-10-all-meeting-pack.zip');
    const zip = await JSZip.loadAsync(file.content);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([
      'podium-2026-10-all-podium.png',
      'podium-2026-10-all-ranking.csv',
      'podium-2026-10-all-ranking.xlsx',
      'podium-2026-10-all-report.pdf',
    ]);

    // PDF: A4, a sensible page count, the running header and the table header on every page.
    const pdf = path.join(dir, 'report.pdf');
    fs.writeFileSync(pdf, await zip.file('podium-2026-10-all-report.pdf')!.async('nodebuffer'));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    const pageCount = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pageCount).toBeGreaterThanOrEqual(3);
    expect(pageCount).toBeLessThanOrEqual(8);
    expect(info).toMatch(/Title:\s+Отчёт о рейтинге · 1–31\sокт\.\s2026/);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(pageCount);
    const all = pages.join('\n');
    expect(all).not.toMatch(/NaN|undefined|Infinity|\[object/);
    // A signed number has the typographic minus, never a hyphen.
    expect(all).not.toMatch(/(^|\s)-\d/m);
    expect(all).toMatch(/−\d/);
    // Units: per 100k residents, the score's scale, percentages.
    expect(all).toContain('на 100 тыс.');
    expect(all).toContain('из 100');
    // One term per concept: the score is "Балл" everywhere.
    expect(all).not.toMatch(/Оценка|оценка/);
    // Page 1 carries the uncertainty statement, as the printed page does.
    expect(pages[0]!.replace(/\s+/g, ' ')).toMatch(/Уверенно в тройке лидеров:/);
    let tableRows = 0;
    pages.forEach((text, i) => {
      expect(text, `running header on page ${i + 1}`).toMatch(/Podium · Рейтинг отделений в социальных сетях/);
      expect(text, `data date on page ${i + 1}`).toMatch(/Данные\sпо\s31\sокт\.\s2026/);
      const rows = text.split('\n').filter((l) => ROW.test(l)).length;
      tableRows += rows;
      if (rows > 0) expect(text, `table header on page ${i + 1}`).toMatch(/Место\s+Отделение/);
      expect(rows, `rows on page ${i + 1}`).not.toBe(1);
    });
    // The ranking (ranked rows) and the key numbers (every row with detail) are both there.
    const ranking = await listRankings(t.db, central, rankingsQuerySchema.parse({ period: 'month', date: '2026-10' }));
    const ranked = ranking.rows.filter((r) => r.eligible).length;
    expect(tableRows).toBe(ranked + ranking.rows.filter((r) => r.detail).length);
    // Page 1: the podium, the top-three statement and the movers, and the table begins there (no half-empty page).
    expect(pages[0]).toMatch(/Тройка лидеров/);
    expect(pages[0]).toMatch(/Тройка (устойчива|спорная)/);
    expect(pages[0]).toMatch(/Кто поднялся и опустился/);
    expect(pages[0]!.split('\n').filter((l) => ROW.test(l)).length).toBeGreaterThanOrEqual(10);

    // The CSV is the ranking export of the same data, in the Russian Excel dialect, byte for byte.
    const csv = await zip.file('podium-2026-10-all-ranking.csv')!.async('nodebuffer');
    const expected = Buffer.from(
      await exportResponse(rankingExportSpec(ranking, { format: 'csv', delimiter: 'semicolon', lang: 'ru' }, 'ru')).arrayBuffer(),
    );
    expect(csv.equals(expected)).toBe(true);
    expect(csv.toString('utf8').split('\r\n')[0]).toMatch(/;"?Балл"?;/);

    // XLSX: the same rows, with a filter on the header row.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zip.file('podium-2026-10-all-ranking.xlsx')!.async('nodebuffer')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Рейтинг')!;
    expect(sheet.rowCount).toBe(ranking.rows.length + 1);
    expect(sheet.autoFilter).toMatch(/^A1:[A-Z]+1$/);

    // PNG of the podium for slides.
    const png = await zip.file('podium-2026-10-all-podium.png')!.async('nodebuffer');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(600);

    // Audited: the request (by the user) and the build (by the system).
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'actor_email'])
      .where('target', '=', `pack:${id}`)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'pack.requested', actor_email: 'central@pack.test' },
      { action: 'pack.generated', actor_email: 'system@podium.local' },
    ]);
  });

  it('can be scheduled: the worker leaves it until its time', async () => {
    const req = packRequestSchema.parse({ period: '2026-10', runAt: new Date(Date.now() + 3_600_000).toISOString() });
    const id = await requestPack(t.db, central, req);
    const job = await sql<{
      run_at: Date;
    }>`select run_at from graphile_worker.jobs where task_identifier = 'podium_meeting_pack' and key = ${`meeting-pack:${id}`}`.execute(
      t.db,
    );
    expect(job.rows).toHaveLength(1);
    expect(Math.abs(job.rows[0]!.run_at.getTime() - req.runAt!.getTime())).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await t.db.selectFrom('meeting_pack').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe(
      'scheduled',
    );
  });

  it('is refused to a coordinator, who also lists and downloads nothing', async () => {
    const req = packRequestSchema.parse({ period: '2026-10' });
    await expect(requestPack(t.db, coordinator, req)).rejects.toBeInstanceOf(PackForbiddenError);
    expect(await listPacks(t.db, coordinator)).toEqual([]);
    const done = await t.db.selectFrom('meeting_pack').select('id').where('status', '=', 'done').executeTakeFirstOrThrow();
    expect(await getPackFile(t.db, coordinator, done.id)).toBeUndefined();
    expect(await getPackFile(t.db, central, done.id)).toBeDefined();
  });

  it('records a clear failure naming the setting when Chromium is missing', async () => {
    const row = await t.db
      .insertInto('meeting_pack')
      .values({ period_label: '2026-10', query: JSON.stringify({ period: 'month', date: '2026-10', network: 'all' }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await runPack(t.db, row.id, { chromiumPath: path.join(dir, 'no-chromium') })).toBe('failed');
    const after = await t.db
      .selectFrom('meeting_pack')
      .select(['status', 'error', 'content'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/PODIUM_CHROMIUM_PATH/);
    expect(after.content).toBeNull();
  });

  it('with --published shows the publication in force, byte for byte its export', async () => {
    const q = rankingsQuerySchema.parse({ period: 'month', date: '2026-10' });
    await expect(
      buildPack(t.db, central, { query: q, source: 'published', locale: 'ru' }, { chromiumPath: CHROMIUM }),
    ).rejects.toBeInstanceOf(PackSourceError);
    await publishRanking(t.db, central, { period: 'month', date: '2026-10', network: 'all', title: 'Октябрь' });
    const built = await buildPack(t.db, central, { query: q, source: 'published', locale: 'ru' }, { chromiumPath: CHROMIUM });
    expect(built.filename).toBe('podium-2026-10-all-published-meeting-pack.zip');
    const zip = await JSZip.loadAsync(built.zip);
    const csv = await zip.file('podium-2026-10-all-published-ranking.csv')!.async('nodebuffer');
    const published = (await findPublishedRanking(t.db, central, q))!;
    const expected = Buffer.from(
      await exportResponse(rankingExportSpec(published, { format: 'csv', delimiter: 'semicolon', lang: 'ru' }, 'ru')).arrayBuffer(),
    );
    expect(csv.equals(expected)).toBe(true);
  });

  it('answers bad requests with the field that is wrong', () => {
    for (const [input, field] of [
      [{ period: '2026-13' }, 'period'],
      [{ period: 'x'.repeat(100) }, 'period'],
      [{ period: '2026-10\0' }, 'period'],
      [{ period: '2026-10', source: 'draft' }, 'source'],
      [{ period: '2026-10', runAt: 'tomorrow' }, 'runAt'],
      [{ period: '2026-10', runAt: '9999-01-01T00:00:00Z' }, 'runAt'],
      [{ period: '2026-10', network: 'myspace' }, 'network'],
    ] as const) {
      const r = packRequestSchema.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      expect(r.error!.issues[0]!.path[0], JSON.stringify(input)).toBe(field);
    }
  });
});
