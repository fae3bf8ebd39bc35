export interface ParsedCount {
  value: number;
  /** Half a unit of the last digit shown: "1.2K" is 1200 ± 50; exact counts have 0. */
  margin: number;
}

/**
 * Reads a count as Telegram's pages print it: "987", "1.2K", "4.85K", "11.6M",
 * "10 612 280". Returns null for anything else, never a guess.
 */
export function parseCount(raw: string): ParsedCount | null {
  // Telegram and browsers use thin or no-break spaces as thousands separators.
  const s = raw
    .trim()
    .replace(/[\s\u00a0\u202f\u2009]/g, '')
    .replace(',', '.');
  const m = /^(\d+)(?:\.(\d+))?([KMB])?$/i.exec(s);
  if (!m) return null;
  const [, whole, frac = '', suffix] = m;
  if (!suffix && frac) return null;
  const exp = suffix ? { K: 3, M: 6, B: 9 }[suffix.toUpperCase() as 'K' | 'M' | 'B'] : 0;
  if (frac.length > exp) return null;
  // Integer arithmetic on digits: no float error in 4.85K.
  const value = Number(whole + frac.padEnd(exp, '0'));
  if (!Number.isSafeInteger(value)) return null;
  const margin = suffix ? 10 ** (exp - frac.length) / 2 : 0;
  return { value, margin };
}
