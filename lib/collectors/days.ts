// Day arithmetic on 'YYYY-MM-DD' strings; days are calendar days in the
// Podium time zone (Europe/Moscow by default).

export function dayInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** UTC instant of 00:00 of a day in a zone (offset resolved at that day's noon). */
export function startOfDayInZone(day: string, timeZone: string): Date {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const local = new Date(noonUtc.toLocaleString('en-US', { timeZone }));
  const utc = new Date(noonUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  const offsetMs = local.getTime() - utc.getTime();
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMs);
}

/** The default window: the young-post re-poll horizon ending today. */
export function defaultWindow(now: Date, timeZone: string, days = 30): { from: string; to: string } {
  const to = dayInZone(now, timeZone);
  return { from: addDays(to, -(days - 1)), to };
}

interface PostLike {
  publishedAt: Date;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
}

/**
 * Per-day publication counts and cohort sums of the posts published that day,
 * for every day of the window. Only call when the whole window was seen:
 * a day with no posts then is a measured zero. A sum is NULL when any post of
 * the day lacks the value (not measured beats an undercount).
 */
export function postDays(posts: readonly PostLike[], window: { from: string; to: string }, timeZone: string) {
  const byDay = new Map<string, PostLike[]>();
  for (const p of posts) {
    const d = dayInZone(p.publishedAt, timeZone);
    if (d < window.from || d > window.to) continue;
    byDay.set(d, [...(byDay.get(d) ?? []), p]);
  }
  const sum = (list: PostLike[], k: 'views' | 'likes' | 'comments' | 'shares') =>
    list.some((p) => p[k] === null) ? null : list.reduce((a, p) => a + (p[k] ?? 0), 0);
  return daysBetween(window.from, window.to).map((day) => {
    const list = byDay.get(day) ?? [];
    return {
      day,
      posts: list.length,
      views: sum(list, 'views'),
      likes: sum(list, 'likes'),
      comments: sum(list, 'comments'),
      shares: sum(list, 'shares'),
    };
  });
}
