// Calendar days as 'YYYY-MM-DD' strings, computed in UTC so no zone shifts them.
const DAY_MS = 86_400_000;

export function parseDay(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`Not a YYYY-MM-DD day: ${day}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatDay(t) !== day) throw new Error(`No such day: ${day}`);
  return t;
}

export function formatDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return formatDay(parseDay(day) + n * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to) - parseDay(from)) / DAY_MS);
}

/** The same day of month `n` months earlier (clamped to the month's end). */
export function addMonths(day: string, n: number): string {
  const t = new Date(parseDay(day));
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return formatDay(Date.UTC(y, m, Math.min(t.getUTCDate(), last)));
}

/** Monday = 0 … Sunday = 6. */
export function weekday(day: string): number {
  return (new Date(parseDay(day)).getUTCDay() + 6) % 7;
}

/** Today's date in a time zone, e.g. Europe/Moscow. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
