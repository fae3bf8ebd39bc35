// How one value becomes a CSV cell. Pure: no I/O.

export type Delimiter = 'comma' | 'semicolon';
export type ExportLocale = 'ru' | 'en';
export type CellType = 'text' | 'number' | 'integer' | 'date' | 'datetime';

// A spreadsheet reads a cell starting with one of these as a formula (or, for
// tab/CR/LF/NUL, may strip them and then read a formula).
const FORMULA_START = /^[=+\-@\t\r\n\0]/;

/** Text cells that a spreadsheet could run as a formula get a leading apostrophe. */
export function neutralizeText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
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

/** Formats one cell by its declared type; a value of the wrong type is treated as text. */
export function formatCell(value: unknown, type: CellType, delimiter: Delimiter): string {
  if (value === null || value === undefined) return '';
  if ((type === 'number' || type === 'integer') && typeof value === 'number') {
    return formatNumber(type === 'integer' ? Math.round(value) : value, delimiter);
  }
  if (type === 'date' && (value instanceof Date || typeof value === 'string')) {
    if (value instanceof Date && Number.isNaN(value.getTime())) return '';
    return isoDate(value);
  }
  if (type === 'datetime' && value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  }
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return neutralizeText(text);
}

export function delimiterChar(d: Delimiter): string {
  return d === 'semicolon' ? ';' : ',';
}

/** RFC 4180: quote a field holding the delimiter, a quote, CR or LF; double inner quotes. */
export function quoteField(field: string, delimiter: Delimiter): string {
  const sep = delimiterChar(delimiter);
  if (field.includes(sep) || /["\r\n]/.test(field)) return `"${field.replace(/"/g, '""')}"`;
  return field;
}

export function csvLine(fields: string[], delimiter: Delimiter): string {
  return `${fields.map((f) => quoteField(f, delimiter)).join(delimiterChar(delimiter))}\r\n`;
}

/** A file-name-safe slug: "rankings-month-2026-10-vk". */
export function fileSlug(...parts: (string | number | null | undefined)[]): string {
  return parts
    .filter((p) => p !== null && p !== undefined && p !== '')
    .map((p) => String(p).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('-');
}
