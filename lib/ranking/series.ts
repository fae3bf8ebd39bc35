import type { Network } from '../networks';
import type { DayTotals } from './components';
import { byNetwork } from './components';
import { carriedFollowers, DEFAULT_FOLLOWERS_LOOKBACK, v2Interactions } from './components-v2';
import { addDays, bucketStart, type Granularity } from './period';

export type SeriesMetricId =
  'followers' | 'views' | 'interactions' | 'likes' | 'comments' | 'shares' | 'posts' | 'visits' | 'engagement_rate' | 'social_visits';

export type SeriesDay = DayTotals & { likes: number | null; comments: number | null; shares: number | null };

/**
 * The days a chart shows (docs/methodology.md "podium-v2"): where a rollup row carries
 * podium-v2's measures they replace the older ones — views and interactions from
 * snapshot increases (never a missing day filled with lifetime totals), Telegram
 * reactions counted — and followers are carried in from up to `lookback` days before
 * `from` and across gaps, so a day an account missed is not a drop in the audience.
 * Pass rows from `from − lookback` on; the result covers [from, to].
 */
export function chartDays(days: readonly SeriesDay[], from: string, to: string, lookback = DEFAULT_FOLLOWERS_LOOKBACK): SeriesDay[] {
  const measured: SeriesDay[] = days.map((d) =>
    d.v2
      ? { ...d, views: d.v2.views, interactions: v2Interactions(d), likes: d.v2.likes, comments: d.v2.comments, shares: d.v2.shares }
      : { ...d },
  );
  const out = measured.filter((d) => d.day >= from && d.day <= to);
  for (const [net, rows] of byNetwork(measured)) {
    if (net === 'website') continue;
    const { days: carried, measured: real } = carriedFollowers(rows, from, to, lookback);
    const have = new Map(out.filter((d) => d.network === net).map((d) => [d.day, d]));
    for (const [day, value] of carried) {
      if (value === null || real.has(day)) continue;
      const row = have.get(day);
      if (row) {
        row.followers = value;
        row.followersAccounts = 0;
      } else {
        out.push({
          day,
          network: net,
          accounts: 0,
          followers: value,
          followersAccounts: 0,
          views: null,
          interactions: null,
          posts: 0,
          visits: null,
          likes: null,
          comments: null,
          shares: null,
        });
      }
    }
  }
  return out;
}

/** The first day a chart of [from, …] needs rows from (the followers look-back). */
export function chartReadFrom(from: string, lookback = DEFAULT_FOLLOWERS_LOOKBACK): string {
  return addDays(from, -lookback);
}

interface Acc {
  followers: number | null;
  followersDay: string;
  views: number | null;
  interactions: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  posts: number | null;
  visits: number | null;
  social_visits: number | null;
}

const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);

function emptyAcc(): Acc {
  return {
    followers: null,
    followersDay: '',
    views: null,
    interactions: null,
    likes: null,
    comments: null,
    shares: null,
    posts: null,
    visits: null,
    social_visits: null,
  };
}

function valueOf(a: Acc | undefined, metric: SeriesMetricId): number | null {
  if (!a) return null;
  if (metric === 'engagement_rate')
    return a.views !== null && a.views > 0 && a.interactions !== null ? (a.interactions / a.views) * 100 : null;
  return a[metric];
}

/** How many buckets a network's last follower count is carried over a gap in the total. */
const CARRY_BUCKETS: Record<Granularity, number> = { day: 7, week: 1, month: 0 };

/**
 * Buckets daily rollups into a continuous series: every bucket is present; a
 * bucket with no measurement is null (never dropped, never 0). Flows are
 * summed; followers are the last measured value of the bucket per network.
 */
export function bucketSeries(
  days: readonly SeriesDay[],
  bucketStarts: readonly string[],
  g: Granularity,
  metric: SeriesMetricId,
): { total: (number | null)[]; byNetwork: { network: Network; values: (number | null)[] }[] } {
  const index = new Map(bucketStarts.map((b, i) => [b, i]));
  const per = new Map<Network, Acc[]>();
  for (const d of days) {
    const i = index.get(bucketStart(d.day, g));
    if (i === undefined) continue;
    let list = per.get(d.network);
    if (!list) {
      list = bucketStarts.map(emptyAcc);
      per.set(d.network, list);
    }
    const a = list[i];
    if (d.followers !== null && d.day >= a.followersDay) {
      a.followers = d.followers;
      a.followersDay = d.day;
    }
    a.views = add(a.views, d.views);
    a.interactions = add(a.interactions, d.interactions);
    a.likes = add(a.likes, d.likes);
    a.comments = add(a.comments, d.comments);
    a.shares = add(a.shares, d.shares);
    if (d.accounts > 0 || d.posts > 0) a.posts = add(a.posts, d.posts);
    a.visits = add(a.visits, d.visits);
    const sm =
      d.v2 && (d.v2.socialVisits !== null || d.v2.messengerVisits !== null) ? (d.v2.socialVisits ?? 0) + (d.v2.messengerVisits ?? 0) : null;
    a.social_visits = add(a.social_visits, sm);
  }
  const networks = [...per.keys()].sort();
  // Followers are a stock: a network missing one bucket (a failed collection) keeps its
  // last measured audience in the total for a short while instead of dropping out of it.
  const carry = CARRY_BUCKETS[g];
  const lastSeen = new Map<Network, { value: number; at: number }>();
  const total = bucketStarts.map((_, i) => {
    const t = emptyAcc();
    for (const n of networks) {
      const a = per.get(n)![i];
      if (a.followers !== null) lastSeen.set(n, { value: a.followers, at: i });
      const held = lastSeen.get(n);
      t.followers = add(t.followers, a.followers ?? (held && i - held.at <= carry ? held.value : null));
      t.views = add(t.views, a.views);
      t.interactions = add(t.interactions, a.interactions);
      t.likes = add(t.likes, a.likes);
      t.comments = add(t.comments, a.comments);
      t.shares = add(t.shares, a.shares);
      t.posts = add(t.posts, a.posts);
      t.visits = add(t.visits, a.visits);
      t.social_visits = add(t.social_visits, a.social_visits);
    }
    return valueOf(t, metric);
  });
  const byNetwork = networks
    .map((network) => ({ network, values: per.get(network)!.map((a) => valueOf(a, metric)) }))
    .filter((s) => s.values.some((v) => v !== null));
  return { total, byNetwork };
}
