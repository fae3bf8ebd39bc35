import { parse } from 'csv-parse/sync';
import { targetProblem, TARGET_FIELDS, targetInputSchema, type TargetErrorCode, type TargetField, type TargetInput } from './definitions';

// The targets CSV (docs/ui.md, "Targets"): a header line naming the columns
// branch, metric, from, to, value (in any order; Russian names accepted), then
// one target per line. Pure: it knows the branch slugs it is given and returns
// every problem with its line and column, or the rows — never some of both,
// so the upload writes all rows or none.

export const MAX_TARGET_CSV_BYTES = 1024 * 1024;
export const MAX_TARGET_ROWS = 5000;
/** Problems listed at most; the count of the rest is given. */
export const MAX_TARGET_ISSUES = 50;

export interface TargetCsvIssue {
  /** 1-based line of the file (the header is line 1); 0 for the file as a whole. */
  line: number;
  /** The column as the file names it (or the canonical name); null for a whole line or file. */
  column: string | null;
  code: TargetErrorCode;
}

export type TargetCsvResult = { ok: true; rows: TargetInput[] } | { ok: false; issues: TargetCsvIssue[]; more: number };

const ALIASES: Record<string, TargetField> = {
  branch: 'branch',
  slug: 'branch',
  отделение: 'branch',
  metric: 'metric',
  показатель: 'metric',
  from: 'from',
  с: 'from',
  начало: 'from',
  to: 'to',
  по: 'to',
  конец: 'to',
  value: 'value',
  target: 'value',
  цель: 'value',
  значение: 'value',
};

/** Bytes of an upload as text: UTF-8 (with or without BOM), else Windows-1251 as Russian Excel saves. */
export function decodeTargetCsv(bytes: Uint8Array): { text: string } | { issue: TargetCsvIssue } {
  if (bytes.length === 0) return { issue: { line: 0, column: null, code: 'empty' } };
  if (bytes.length > MAX_TARGET_CSV_BYTES) return { issue: { line: 0, column: null, code: 'tooLarge' } };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { issue: { line: 0, column: null, code: 'encoding' } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes) };
  }
}

/** Parses and checks a targets CSV against the known branch slugs. */
export function parseTargetCsv(text: string, knownSlugs: ReadonlySet<string>): TargetCsvResult {
  const issues: TargetCsvIssue[] = [];
  let more = 0;
  const add = (i: TargetCsvIssue) => {
    if (issues.length < MAX_TARGET_ISSUES) issues.push(i);
    else more++;
  };
  if (text.replace(/^\uFEFF/, '').trim() === '') return { ok: false, issues: [{ line: 0, column: null, code: 'empty' }], more: 0 };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      delimiter: [',', ';'],
      max_record_size: 64 * 1024,
    }) as unknown as typeof records;
  } catch (e) {
    const line = Number((e as { lines?: number }).lines ?? 0);
    return { ok: false, issues: [{ line: Number.isFinite(line) ? line : 0, column: null, code: 'columns' }], more: 0 };
  }
  if (records.length === 0) return { ok: false, issues: [{ line: 0, column: null, code: 'empty' }], more: 0 };
  // The header: every canonical column exactly once.
  const header = records[0].record.map((h) => h.trim());
  const index = new Map<TargetField, number>();
  header.forEach((h, i) => {
    const f = ALIASES[h.toLowerCase()];
    if (f && !index.has(f)) index.set(f, i);
  });
  const missing = TARGET_FIELDS.filter((f) => !index.has(f));
  if (missing.length > 0) return { ok: false, issues: missing.map((f) => ({ line: 1, column: f, code: 'header' as const })), more: 0 };
  if (records.length - 1 > MAX_TARGET_ROWS) return { ok: false, issues: [{ line: 0, column: null, code: 'tooManyRows' }], more: 0 };

  const rows: TargetInput[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    // csv-parse counts the line a record ends on; a quoted cell may span lines, and the record's first line is meant.
    const line = info.lines - record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== header.length) {
      add({ line, column: null, code: 'columns' });
      continue;
    }
    const raw = Object.fromEntries(TARGET_FIELDS.map((f) => [f, record[index.get(f)!]]));
    const colName = (f: TargetField) => header[index.get(f)!] || f;
    const problem = targetProblem(raw);
    if (problem) {
      add({ line, column: colName(problem.field), code: problem.code });
      continue;
    }
    const row = targetInputSchema.parse(raw);
    if (!knownSlugs.has(row.branch)) {
      add({ line, column: colName('branch'), code: 'unknownBranch' });
      continue;
    }
    // The same branch, metric and period twice: which value is meant cannot be told.
    const key = `${row.branch}|${row.metric}|${row.from}|${row.to}`;
    if (seen.has(key)) {
      add({ line, column: null, code: 'duplicate' });
      continue;
    }
    seen.set(key, line);
    rows.push(row);
  }
  if (issues.length > 0) return { ok: false, issues, more };
  if (rows.length === 0) return { ok: false, issues: [{ line: 0, column: null, code: 'empty' }], more: 0 };
  return { ok: true, rows };
}
