// Export streaming benchmark: a 1-million-row audit-log export, streamed through
// a cursor versus the buffered baseline (all rows loaded, then written), in one run.
// Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx --expose-gc test/bench/export-stream.ts [rows]
import pg from 'pg';
import { sql } from 'kysely';
import { createDb } from '../../db/client';
import { withDatabase } from '../../db/embedded';
import { migrateToLatest } from '../../db/migrate';
import { SYSTEM_VIEWER } from '../../lib/auth/viewer';
import { streamAuditEvents } from '../../lib/data/audit-export';
import { auditColumns, type AuditExportRow } from '../../lib/export/definitions';
import { exportResponse } from '../../lib/export/respond';
import { XLSX_MAX_ROWS } from '../../lib/export/xlsx';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'podium_bench_export';

async function admin(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: withDatabase(SERVER, 'postgres') });
  await c.connect();
  await c.query(q);
  await c.end();
}

const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

async function measure(label: string, run: () => Promise<number>, rows = ROWS) {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const bytes = await run();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const r = { label, ms, rowsPerSec: rows / (ms / 1000), growthMb: (peak - base) / 1024 / 1024, bytes };
  console.log(
    `${label.padEnd(22)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${Math.round(r.rowsPerSec).toString().padStart(8)} rows/s  RSS growth ${r.growthMb.toFixed(1).padStart(7)} MB  ${mb(bytes)} MB out`,
  );
  return r;
}

async function drain(res: Response): Promise<number> {
  let n = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return n;
    n += value.byteLength;
  }
}

async function main() {
  await admin(`drop database if exists ${NAME} with (force)`);
  await admin(`create database ${NAME}`);
  const db = createDb(withDatabase(SERVER, NAME), { max: 4 });
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    await sql`
      insert into audit_event (action, actor_email, target, detail, ip, user_agent, at)
      select 'export.rankings', 'central' || (g % 50) || '@podium.demo', '2026-' || lpad(((g % 12) + 1)::text, 2, '0'),
             jsonb_build_object('format', 'csv', 'rows', g % 90, 'note', '=cmd|'' /C calc''!A0'),
             '203.0.113.' || (g % 250), 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156', now() - (g || ' seconds')::interval
      from generate_series(1, ${ROWS}) g`.execute(db);
    console.log(`seeded ${ROWS} audit events in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    const spec = (rows: AsyncIterable<AuditExportRow> | Iterable<AuditExportRow>, format: 'csv' | 'xlsx') => ({
      options: { format, delimiter: 'comma' as const },
      locale: 'en' as const,
      columns: auditColumns(),
      rows,
      basename: 'bench',
      sheetName: { ru: 'Журнал', en: 'Audit' },
      about: [],
    });

    const streamed = await measure('CSV streamed (cursor)', () =>
      drain(exportResponse(spec(streamAuditEvents(db, SYSTEM_VIEWER, {}), 'csv'))),
    );
    const xlsxRows = Math.min(ROWS, XLSX_MAX_ROWS);
    async function* firstRows(n: number) {
      let i = 0;
      for await (const r of streamAuditEvents(db, SYSTEM_VIEWER, {})) {
        if (i++ >= n) break;
        yield r;
      }
    }
    const xlsx = await measure(
      `XLSX streamed (${xlsxRows / 1000}k cap)`,
      () => drain(exportResponse(spec(firstRows(xlsxRows), 'xlsx'))),
      xlsxRows,
    );
    // The baseline last: RSS does not shrink back, so it would hide the growth of what follows.
    const buffered = await measure('CSV buffered baseline', async () => {
      const all = (await db
        .selectFrom('audit_event')
        .select(['id', 'at', 'action', 'actor_email', 'target', 'detail', 'ip', 'user_agent'])
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute()) as AuditExportRow[];
      return drain(exportResponse(spec(all, 'csv')));
    });

    console.log(`\nmemory growth, buffered / streamed: ${(buffered.growthMb / Math.max(1, streamed.growthMb)).toFixed(1)}×`);
    console.log(`throughput, streamed / buffered:   ${(streamed.rowsPerSec / buffered.rowsPerSec).toFixed(2)}×`);
    console.log(
      `CSV streamed stays under 100 MB growth: ${streamed.growthMb < 100 ? 'yes' : 'NO'}; XLSX: ${xlsx.growthMb < 100 ? 'yes' : 'NO'}`,
    );
  } finally {
    await db.destroy();
    await admin(`drop database if exists ${NAME} with (force)`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
