// How an error message quotes what a user sent: a short prefix, never the
// whole input (a 45 MB cell or a 200 KB form field must not come back whole).

export const EXCERPT_CHARS = 80;

/**
 * `value` as a quoted, escaped string of at most `max` characters, with the
 * full length when cut: `"=1+1"`, `"xxxx…" (200000 characters)`. Control
 * characters (NUL, CR, LF) show as escapes, so a message stays one line.
 */
export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  const s = typeof value === 'string' ? value : String(value);
  if (s.length <= max) return JSON.stringify(s);
  // Never cut a surrogate pair in half.
  const cut = s.slice(0, /[\ud800-\udbff]/.test(s[max - 1] ?? '') ? max - 1 : max);
  return `${JSON.stringify(cut).slice(0, -1)}…" (${s.length} characters)`;
}

/** The unquoted form, for a name inside a message (a column, a field): at most `max` characters, then "…". */
export function clip(value: string, max = EXCERPT_CHARS): string {
  return value.length <= max ? value : `${value.slice(0, /[\ud800-\udbff]/.test(value[max - 1] ?? '') ? max - 1 : max)}…`;
}
