// How often the collection round runs, read from its crontab spec
// (PODIUM_COLLECT_CRON, docs/operations.md "Freshness"). The presence matrix
// calls an account fresh while its last success is within two rounds' gap,
// so one missed round is not yet "stale". Pure.

const FIELDS: [min: number, max: number][] = [
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 7], // day of week (0 and 7 are Sunday)
];

/** The values one crontab field allows (`*`, `*\/n`, `a`, `a-b`, `a-b/n`, comma lists); null if unreadable. */
export function cronField(spec: string, [min, max]: [number, number]): Set<number> | null {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return null;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/**
 * The longest gap between two runs of a crontab spec, in hours, over a
 * 28-day window (4 weeks, so day-of-week specs repeat); null when the spec is
 * unreadable or never runs in that window. Days of month and of week combine
 * as in cron: when both are restricted, either matches.
 */
export function longestGapHours(cron: string): number | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const sets = parts.map((p, i) => cronField(p, FIELDS[i]!));
  if (sets.some((s) => s === null)) return null;
  const [mins, hours, doms, months, dows] = sets as Set<number>[];
  if (dows!.has(7)) dows!.add(0);
  const domAny = parts[2] === '*';
  const dowAny = parts[4] === '*';
  // 1–28 Feb 2021 starts on a Monday and has no month edge, so only the day fields matter; months are checked as a whole.
  if (!months!.size) return null;
  const runs: number[] = [];
  for (let d = 0; d < 28; d++) {
    const dom = d + 1;
    const dow = (d + 1) % 7; // 1 Feb 2021 was a Monday (1)
    const dayOk = domAny && dowAny ? true : domAny ? dows!.has(dow) : dowAny ? doms!.has(dom) : doms!.has(dom) || dows!.has(dow);
    if (!dayOk) continue;
    for (const h of [...hours!].sort((a, b) => a - b)) for (const m of [...mins!].sort((a, b) => a - b)) runs.push(d * 1440 + h * 60 + m);
  }
  if (runs.length === 0) return null;
  let gap = runs[0]! + 28 * 1440 - runs[runs.length - 1]!; // wraps around the window
  for (let i = 1; i < runs.length; i++) gap = Math.max(gap, runs[i]! - runs[i - 1]!);
  return gap / 60;
}
