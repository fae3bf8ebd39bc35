// How one value becomes a CSV cell. Pure: no I/O.

export type Delimiter = 'comma' | 'semicolon';
export type ExportLocale = 'ru' | 'en';
export type CellType = 'text' | 'number' | 'integer' | 'date' | 'datetime';

// Characters a spreadsheet reads as the start of a formula — ASCII and the
// full-width forms Excel also accepts — plus the controls (tab, CR, LF, NUL)
// that an importer may strip before reading one.
const FORMULA_CHARS = '=+\\-@\\t\\r\\n\\0\\uFF1D\\uFF0B\\uFF0D\\uFF20';
// A cell, or any piece of it a reader may take as a cell of its own: after a
// list separator (',' ';' tab, whatever this file uses — a Russian-locale Excel
// splits a comma file on semicolons) or a line break. Spaces and quotes before
// the formula character are skipped by some importers, so they do not hide it.
const AFTER_SEPARATOR = new RegExp(`([,;\\t\\n])(?=[ \\u00a0"]*[${FORMULA_CHARS}])`, 'g');
const AT_START = new RegExp(`^[ \\u00a0"]*[${FORMULA_CHARS}]`);
// Text with none of these needs no change (the common case: checked first).
const MAYBE_LIVE = new RegExp(`[,;\\t\\n\\r]|^[ \\u00a0"]*[${FORMULA_CHARS}]`);

/**
 * Text as a CSV cell no spreadsheet runs as a formula, whatever separator it
 * splits the file on: an apostrophe before every piece that would start with a
 * formula character, and CR (a row break to some readers) turned into LF.
 * docs/operations.md, "CSV and XLSX safety".
 */
export function neutralizeText(value: string): string {
  if (!MAYBE_LIVE.test(value)) return value;
  const text = (value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value).replace(AFTER_SEPARATOR, "$1'");
  return AT_START.test(text) ? `'${text}` : text;
}

/**
 * A number as a spreadsheet in that delimiter mode reads it: never grouped,
 * dot decimal with commas, decimal comma with semicolons (Russian Excel).
 * Not-finite numbers are empty cells, never "NaN" or "Infinity".
 */
export function formatNumber(value: number, delimiter: Delimiter, maxFractionDigits = 6): string {
  if (!Number.isFinite(value)) return '';
  let s = Number.isInteger(value) ? String(value) : value.toFixed(maxFractionDigits).replace(/\.?0+$/, '');
  if (s === '-0') s = '0';
  if (/e/i.test(s)) s = value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: maxFractionDigits });
  return delimiter === 'semicolon' ? s.replace('.', ',') : s;
}

function isoDate(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10);
  return value.toISOString().slice(0, 10);
}

/** One cell by its declared type: numbers and dates as such, anything else (a value of the wrong type too) as neutralized text. */
function cellContent(value: unknown, type: CellType, delimiter: Delimiter): { text: string; isText: boolean } {
  if (value === null || value === undefined) return { text: '', isText: false };
  if ((type === 'number' || type === 'integer') && typeof value === 'number') {
    return { text: formatNumber(type === 'integer' ? Math.round(value) : value, delimiter), isText: false };
  }
  if (type === 'date' && (value instanceof Date || typeof value === 'string')) {
    if (value instanceof Date && Number.isNaN(value.getTime())) return { text: '', isText: false };
    if (value instanceof Date || /^\d{4}-\d{2}-\d{2}/.test(value)) return { text: isoDate(value), isText: false };
  }
  if (type === 'datetime' && value instanceof Date) {
    return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString(), isText: false };
  }
  const text =
    typeof value === 'string'
      ? value
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  return { text: neutralizeText(text), isText: true };
}

/** The cell's content as a spreadsheet should show it (unquoted). */
export function formatCell(value: unknown, type: CellType, delimiter: Delimiter): string {
  return cellContent(value, type, delimiter).text;
}

export function delimiterChar(d: Delimiter): string {
  return d === 'semicolon' ? ';' : ',';
}

/** RFC 4180 quoting, inner quotes doubled. */
function quoted(field: string): string {
  return `"${field.includes('"') ? field.replace(/"/g, '""') : field}"`;
}

/**
 * One CSV field. Every text cell is quoted, so a reader that splits on another
 * separator still keeps it whole; numbers and dates stay bare so they stay numbers.
 */
export function csvCell(value: unknown, type: CellType, delimiter: Delimiter): string {
  const { text, isText } = cellContent(value, type, delimiter);
  return isText || text.includes(delimiterChar(delimiter)) || /["\n]/.test(text) ? quoted(text) : text;
}

/** A header or other label: always text. */
export function csvText(value: string): string {
  return quoted(neutralizeText(value));
}

/** Fields already made by csvCell/csvText, joined into one CRLF-terminated line. */
export function csvLine(fields: string[], delimiter: Delimiter): string {
  return `${fields.join(delimiterChar(delimiter))}\r\n`;
}

/** A file-name-safe slug: "rankings-month-2026-10-vk". */
export function fileSlug(...parts: (string | number | null | undefined)[]): string {
  return parts
    .filter((p) => p !== null && p !== undefined && p !== '')
    .map((p) =>
      String(p)
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
}
