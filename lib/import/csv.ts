import { parse } from 'csv-parse/sync';
import type { DB } from '../../db/client';
import type { AccountDayMetrics } from '../collectors/types';
import { dayInZone } from '../ranking/period';
import { METRIC_COLUMNS, upsertAccountDays, type MetricColumn } from '../jobs/writes';
import { isoDay } from '../api/schemas';
import { clip, excerpt } from '../format/excerpt';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const MAX_ISSUES = 20;
const MAX_LINE_CHARS = 64 * 1024;

export interface ImportIssue {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  column: string | null;
  reason: string;
}

export class ImportError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    const first = issues[0];
    const where = first.line > 0 ? `line ${first.line}${first.column ? `, column "${first.column}"` : ''}: ` : '';
    super(`${where}${first.reason}${issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : ''}`);
  }
}

const fail = (line: number, column: string | null, reason: string): never => {
  throw new ImportError([{ line, column, reason }]);
};

/** UTF-8 (with or without BOM), else Windows-1251, as Russian Excel saves. */
export function decodeCsv(input: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  if (input.length === 0) fail(0, null, 'the file is empty');
  if (input.length > MAX_IMPORT_BYTES) fail(0, null, `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) {
    fail(0, null, 'the file is UTF-16; save it as "CSV UTF-8" and try again');
  }
  const sample = input.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) {
    if (b === 0) fail(0, null, 'this is not a text CSV file (it contains binary data)');
    if (b < 32 && b !== 9 && b !== 10 && b !== 13) control++;
  }
  if (control > sample.length / 100) fail(0, null, 'this is not a text CSV file (it contains binary data)');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(input), encoding: 'windows-1251' };
  }
}

const HEADER_ALIASES: Record<string, string> = { date: 'day', дата: 'day', день: 'day' };

/** 'YYYY-MM-DD' or 'DD.MM.YYYY' → 'YYYY-MM-DD', or null. */
export function parseDay(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (r) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s))) [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

// The largest count each column holds (db/migrations/0001: posts is a 4-byte
// integer, the others bigint, read back as JavaScript numbers).
const INT4_MAX = 2_147_483_647;
export const METRIC_MAX: Record<MetricColumn, number> = Object.fromEntries(
  METRIC_COLUMNS.map((c) => [c, c === 'posts' ? INT4_MAX : Number.MAX_SAFE_INTEGER]),
) as Record<MetricColumn, number>;

/** A whole non-negative count up to `max`; "1 200" with (no-break) spaces is fine, "1,2" or "-3" is not. */
export function parseMetric(raw: string, max = Number.MAX_SAFE_INTEGER): number | null | { error: string } {
  const s = raw.trim();
  if (s === '') return null;
  if (!/^\d{1,3}([ \u00a0\u202f]\d{3})*$|^\d+$/.test(s)) {
    if (/^-/.test(s)) return { error: `must not be negative (got ${excerpt(s)})` };
    if (/^\d+[.,]\d+$/.test(s)) return { error: `must be a whole number (got ${excerpt(s)})` };
    return { error: `must be a whole number ≥ 0 (got ${excerpt(s)})` };
  }
  const n = Number(s.replace(/[ \u00a0\u202f]/g, ''));
  if (!Number.isSafeInteger(n) || n > max) return { error: `is too large: at most ${max} (got ${excerpt(s)})` };
  return n;
}

export interface ParsedCsv {
  rows: AccountDayMetrics[];
  columns: MetricColumn[];
  encoding: 'utf-8' | 'windows-1251';
  delimiter: string;
}

/**
 * Validates a whole file of daily metrics for one account. Columns: `day`
 * (or date) and any of the metric columns; an empty cell is "not measured".
 * Throws ImportError naming line, column and reason for the first problems.
 */
export function parseMetricsCsv(input: Uint8Array, opts: { today: string }): ParsedCsv {
  const { text: raw, encoding } = decodeCsv(input);
  const text = raw.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = { ';': firstLine.split(';').length, ',': firstLine.split(',').length, '\t': firstLine.split('\t').length };
  const delimiter = (Object.entries(counts).sort((a, b) => b[1] - a[1])[0] ?? [','])[0];

  let records: { record: string[]; info: { lines: number } }[];
  try {
    // A line of daily metrics is well under 1 KB; a far longer one is a mistake,
    // and refusing it early keeps a 45 MB cell from costing a minute of parsing.
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
      max_record_size: MAX_LINE_CHARS,
    }) as unknown as typeof records;
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    const line = /line (\d+)/i.exec(m)?.[1];
    if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE')
      return fail(line ? Number(line) : 0, null, `the line is longer than ${MAX_LINE_CHARS / 1024} KB; is this a file of daily metrics?`);
    return fail(line ? Number(line) : 0, null, `the file is not valid CSV (${clip(m.replace(/^Invalid [^:]+:\s*/, ''), 120)})`);
  }
  if (records.length === 0) fail(0, null, 'the file is empty');

  const header = records[0].record.map((h) => {
    const k = h.trim().toLowerCase();
    return HEADER_ALIASES[k] ?? k;
  });
  const headerLine = records[0].info.lines;
  const allowed = new Set<string>(['day', ...METRIC_COLUMNS]);
  header.forEach((h, i) => {
    if (!allowed.has(h))
      fail(headerLine, clip(records[0].record[i] || `#${i + 1}`), `unknown column; expected day and any of ${METRIC_COLUMNS.join(', ')}`);
    if (header.indexOf(h) !== i) fail(headerLine, clip(h), 'the column appears twice');
  });
  if (!header.includes('day')) fail(headerLine, null, 'the header has no "day" column (and the delimiter must be "," or ";")');
  const columns = header.filter((h): h is MetricColumn => h !== 'day');
  if (columns.length === 0) fail(headerLine, null, `the header has no metric columns; expected any of ${METRIC_COLUMNS.join(', ')}`);
  if (records.length === 1) fail(headerLine, null, 'the file has a header but no rows');

  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  const rows: AccountDayMetrics[] = [];
  for (const { record, info } of records.slice(1)) {
    if (issues.length >= MAX_ISSUES) break;
    const line = info.lines;
    if (record.length !== header.length) {
      issues.push({ line, column: null, reason: `expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    const row: AccountDayMetrics = { day: '' };
    let ok = true;
    header.forEach((h, i) => {
      const cell = record[i];
      if (h === 'day') {
        const day = parseDay(cell);
        // The same bounds as the API (lib/api/schemas.ts): a year outside 2000–2100 is a typo.
        const bounded = day ? isoDay.safeParse(day) : null;
        if (!day) {
          issues.push({ line, column: 'day', reason: `not a date; use YYYY-MM-DD (got ${excerpt(cell.trim())})` });
          ok = false;
        } else if (bounded && !bounded.success) {
          issues.push({ line, column: 'day', reason: `${day}: ${bounded.error.issues[0]?.message ?? 'not a valid day'}` });
          ok = false;
        } else if (day > opts.today) {
          issues.push({ line, column: 'day', reason: `${day} is in the future` });
          ok = false;
        } else if (seen.has(day)) {
          issues.push({ line, column: 'day', reason: `${day} already appears on line ${seen.get(day)}` });
          ok = false;
        } else {
          seen.set(day, line);
          row.day = day;
        }
        return;
      }
      const v = parseMetric(cell, METRIC_MAX[h as MetricColumn]);
      if (v !== null && typeof v === 'object') {
        issues.push({ line, column: h, reason: v.error });
        ok = false;
      } else row[h as MetricColumn] = v;
    });
    if (ok) rows.push(row);
  }
  if (issues.length) throw new ImportError(issues);
  return { rows, columns, encoding, delimiter };
}

export interface ImportSummary {
  accountId: number;
  rowsRead: number;
  rowsWritten: number;
  runId: number;
  encoding: string;
}

/**
 * Imports a validated file for one account in one transaction, rows marked
 * source='import', with a collection_run record. All or nothing.
 */
export async function importAccountCsv(
  db: DB,
  accountId: number,
  input: Uint8Array,
  opts: { now?: Date; timeZone?: string } = {},
): Promise<ImportSummary> {
  const now = opts.now ?? new Date();
  const account = await db.selectFrom('account').select(['id', 'branch_id', 'network']).where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new ImportError([{ line: 0, column: null, reason: `account ${accountId} does not exist` }]);
  const parsed = parseMetricsCsv(input, { today: dayInZone(now, opts.timeZone ?? 'Europe/Moscow') });
  const days = parsed.rows.map((r) => r.day).sort();
  return db.transaction().execute(async (trx) => {
    const rowsWritten = await upsertAccountDays(trx, account, parsed.rows, 'import', now);
    const run = await trx
      .insertInto('collection_run')
      .values({
        account_id: account.id,
        branch_id: account.branch_id,
        network: account.network,
        window_from: days[0],
        window_to: days[days.length - 1],
        started_at: now,
        finished_at: new Date(),
        status: 'ok',
        error_class: null,
        error_message: `CSV import (${parsed.encoding}), ${parsed.rows.length} rows`,
        api_calls: 0,
        rows_written: rowsWritten,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { accountId, rowsRead: parsed.rows.length, rowsWritten, runId: run.id, encoding: parsed.encoding };
  });
}
