import type { Granularity } from '@/lib/api/schemas';

// Calendar buckets over 'YYYY-MM-DD' days, computed in UTC so no time zone
// can shift a day.

function parse(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The start of the bucket that contains `day` (Monday for weeks, the 1st for months). */
export function bucketStart(day: string, granularity: Granularity): string {
  const d = parse(day);
  if (granularity === 'week') {
    const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
    d.setUTCDate(d.getUTCDate() - dow);
  } else if (granularity === 'month') {
    d.setUTCDate(1);
  }
  return iso(d);
}

export function nextBucket(bucket: string, granularity: Granularity): string {
  const d = parse(bucket);
  if (granularity === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (granularity === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return iso(d);
}

/** Every bucket start from the one containing `from` to the one containing `to`. */
export function bucketRange(from: string, to: string, granularity: Granularity, limit = 5000): string[] {
  if (from > to) return [];
  const out: string[] = [];
  const last = bucketStart(to, granularity);
  for (let b = bucketStart(from, granularity); b <= last && out.length < limit; b = nextBucket(b, granularity)) out.push(b);
  return out;
}

export interface Point {
  bucket: string;
  value: number | null;
}

/**
 * One point per bucket from `from` to `to`: missing buckets become null (not
 * measured, never 0); points outside the range are dropped; a non-finite value
 * becomes null.
 */
export function fillBuckets(points: readonly Point[], from: string, to: string, granularity: Granularity): Point[] {
  const byBucket = new Map<string, number | null>();
  for (const p of points) {
    const b = bucketStart(p.bucket, granularity);
    const v = typeof p.value === 'number' && Number.isFinite(p.value) ? p.value : null;
    const prev = byBucket.get(b);
    // Two points in one bucket (daily data given for weekly buckets) add up.
    byBucket.set(b, prev === undefined || prev === null ? v : v === null ? prev : prev + v);
  }
  return bucketRange(from, to, granularity).map((bucket) => ({ bucket, value: byBucket.get(bucket) ?? null }));
}
