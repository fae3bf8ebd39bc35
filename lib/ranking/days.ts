// Day arithmetic, the base of the calendar module (period.ts, which re-exports
// all of it). Apart so that browser code which only steps or compares days does
// not carry weeks, quarters and periods (docs/benchmarks.md, first-load
// JavaScript). Days are 'YYYY-MM-DD' strings, computed in UTC.

export const DAY_MS = 86_400_000;

// Day arithmetic runs millions of times in a ranking's bootstrap (lib/ranking/uncertainty.ts:
// the same few hundred days over and over) and Date parsing/formatting dominates it, so both
// directions are memoized (bounded; keys are validated day strings).
const utcMemo = new Map<string, number>();
export function toUtc(day: string): number {
  let ms = utcMemo.get(day);
  if (ms === undefined) {
    if (utcMemo.size >= 100_000) utcMemo.clear();
    ms = Date.parse(`${day}T00:00:00Z`);
    utcMemo.set(day, ms);
  }
  return ms;
}
export function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const ms = toUtc(day);
  return !Number.isNaN(ms) && fromUtc(ms) === day;
}

const addMemo = new Map<string, string>();
export function addDays(day: string, n: number): string {
  const key = `${day}|${n}`;
  let r = addMemo.get(key);
  if (r === undefined) {
    if (addMemo.size >= 100_000) addMemo.clear();
    r = fromUtc(toUtc(day) + n * DAY_MS);
    addMemo.set(key, r);
  }
  return r;
}

/** Milliseconds since the epoch at UTC midnight of a day; throws on anything that is not a real day. */
export function parseDay(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Not a YYYY-MM-DD day: ${day}`);
  if (!isValidDay(day)) throw new Error(`No such day: ${day}`);
  return toUtc(day);
}

/** Whole days from a to b (b − a): 0 for the same day, negative when b is before a. */
export function diffDays(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** How many days the range [from, to] holds, both ends counted (a single day is 1). */
export function daysInclusive(from: string, to: string): number {
  return diffDays(from, to) + 1;
}

/** Inclusive list of days. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function minDay(a: string, b: string): string {
  return a < b ? a : b;
}
export function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}
