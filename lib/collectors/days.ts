// Collection windows and per-day post counts. Days are calendar days in the
// Podium time zone (Europe/Moscow by default); the day arithmetic itself is the
// calendar module's (lib/ranking/period.ts).
import { addDays, dayInZone, eachDay } from '../ranking/period';

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
  return eachDay(window.from, window.to).map((day) => {
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
