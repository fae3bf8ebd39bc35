// Content analytics (issue #16 item 2; docs/methodology.md "Content analytics"):
// what kind of post, on which network and at which hour of which weekday gets
// engagement. Pure: the data layer hands in posts with their latest counters,
// this module buckets and summarizes them.
//
// A post's engagement is interactions / views × 100 (%), interactions counted
// as podium-v2 counts them per network (lib/ranking/interactions.ts). A post
// without views or without any interaction counter has no engagement: it still
// counts as a post (and its views as views) but enters no median.
import { CONTENT_TYPES, type ContentType } from '../content-types';
import type { Network } from '../networks';
import { median } from '../ranking/stats';

/** A cell, type or slot with fewer measured posts than this shows its count but no verdict (greyed). */
export const MIN_POSTS = 5;
/** No recommendation is made from fewer measured posts in total. */
export const MIN_POSTS_FOR_ADVICE = 20;
/** A group is worth naming when its median is this far from the overall median (×1.2 or ×1/1.2). */
export const ADVICE_RATIO = 1.2;

export interface ContentPost {
  publishedAt: Date;
  network: Network;
  /** null: the network did not say. */
  contentType: ContentType | null;
  views: number | null;
  interactions: number | null;
}

/** Engagement of one post in %, or null when it cannot be measured. */
export function postEngagement(p: Pick<ContentPost, 'views' | 'interactions'>): number | null {
  if (p.views === null || p.views <= 0 || p.interactions === null) return null;
  return (p.interactions / p.views) * 100;
}

// One formatter per time zone: building an Intl.DateTimeFormat is the slow part.
const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * ISO weekday (Monday = 1 … Sunday = 7) and hour (0–23) of an instant on the
 * wall clock of `timeZone`. A post at 22:30 UTC on a Sunday is Monday 01:30 in
 * Moscow: it lands in Monday's 01:00 cell.
 */
export function localSlot(instant: Date, timeZone: string): { weekday: number; hour: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  let weekday = 0;
  let hour = 0;
  for (const part of f.formatToParts(instant)) {
    if (part.type === 'weekday') weekday = WEEKDAY[part.value] ?? 0;
    else if (part.type === 'hour') hour = Number(part.value) % 24;
  }
  return { weekday, hour };
}

export interface HeatCell {
  /** ISO weekday, Monday = 1. */
  weekday: number;
  hour: number;
  /** Posts with a measured engagement in this slot. */
  posts: number;
  /** Median engagement of those posts, %; null when there are none. */
  median: number | null;
  /** At least MIN_POSTS posts: the median says something. */
  enough: boolean;
}

/** 7 × 24 cells (Monday 00:00 first), each with the median engagement of the posts published in it. */
export function heatmap(posts: readonly ContentPost[], timeZone: string): HeatCell[] {
  const values: number[][] = Array.from({ length: 7 * 24 }, () => []);
  for (const p of posts) {
    const e = postEngagement(p);
    if (e === null) continue;
    const { weekday, hour } = localSlot(p.publishedAt, timeZone);
    if (weekday < 1) continue;
    values[(weekday - 1) * 24 + hour]!.push(e);
  }
  return values.map((v, i) => ({
    weekday: Math.floor(i / 24) + 1,
    hour: i % 24,
    posts: v.length,
    median: median(v),
    enough: v.length >= MIN_POSTS,
  }));
}

export interface GroupStats {
  /** Every post of the group. */
  posts: number;
  /** Posts with a measured engagement (those the median is taken over). */
  measuredPosts: number;
  /** Sum of the views that were measured; null when none was. */
  views: number | null;
  /** Sum of the interactions that were measured; null when none was. */
  interactions: number | null;
  /** Interactions / views × 100 over the posts that have both, %. */
  engagementRate: number | null;
  /** Median engagement per post, %. */
  medianEngagement: number | null;
}

function stats(posts: readonly ContentPost[]): GroupStats {
  let views: number | null = null;
  let interactions: number | null = null;
  let rateViews = 0;
  let rateInteractions = 0;
  const engagements: number[] = [];
  for (const p of posts) {
    if (p.views !== null) views = (views ?? 0) + p.views;
    if (p.interactions !== null) interactions = (interactions ?? 0) + p.interactions;
    const e = postEngagement(p);
    if (e !== null) {
      engagements.push(e);
      rateViews += p.views!;
      rateInteractions += p.interactions!;
    }
  }
  return {
    posts: posts.length,
    measuredPosts: engagements.length,
    views,
    interactions,
    engagementRate: rateViews > 0 ? (rateInteractions / rateViews) * 100 : null,
    medianEngagement: median(engagements),
  };
}

export interface TypeRow extends GroupStats {
  /** null: posts whose network did not say. */
  contentType: ContentType | null;
}
export interface NetworkRow extends GroupStats {
  network: Network;
}

/** One row per content type present (in the order of CONTENT_TYPES, unknown last); they add up to the total. */
export function byContentType(posts: readonly ContentPost[]): TypeRow[] {
  const groups = new Map<ContentType | null, ContentPost[]>();
  for (const p of posts) {
    const g = groups.get(p.contentType);
    if (g) g.push(p);
    else groups.set(p.contentType, [p]);
  }
  const order: (ContentType | null)[] = [...CONTENT_TYPES, null];
  return order.filter((t) => groups.has(t)).map((t) => ({ contentType: t, ...stats(groups.get(t)!) }));
}

/** One row per network present, in the order given; they add up to the total. */
export function byNetwork(posts: readonly ContentPost[], order: readonly Network[]): NetworkRow[] {
  const groups = new Map<Network, ContentPost[]>();
  for (const p of posts) {
    const g = groups.get(p.network);
    if (g) g.push(p);
    else groups.set(p.network, [p]);
  }
  return order.filter((n) => groups.has(n)).map((n) => ({ network: n, ...stats(groups.get(n)!) }));
}

export function totals(posts: readonly ContentPost[]): GroupStats {
  return stats(posts);
}

/**
 * A recommendation with its evidence: the group, how its median engagement
 * compares with the overall median (ratio), and how many posts it rests on.
 * `more`: the group does better than the median and is a small part of what
 * was posted; `less`: it does worse and is a large part.
 */
export type Advice =
  | { kind: 'type'; direction: 'more' | 'less'; contentType: ContentType; ratio: number; groupPosts: number; totalPosts: number }
  | { kind: 'network'; direction: 'more' | 'less'; network: Network; ratio: number; groupPosts: number; totalPosts: number }
  | { kind: 'hour'; hour: number; ratio: number; groupPosts: number; totalPosts: number }
  | { kind: 'weekday'; weekday: number; ratio: number; groupPosts: number; totalPosts: number };

/**
 * Up to `limit` recommendations, strongest (farthest from 1×) first. Only
 * groups with at least MIN_POSTS measured posts are judged, and nothing is
 * said from fewer than MIN_POSTS_FOR_ADVICE measured posts in total.
 */
export function recommendations(posts: readonly ContentPost[], timeZone: string, limit = 3): Advice[] {
  const measured = posts.filter((p) => postEngagement(p) !== null);
  const total = measured.length;
  const overall = median(measured.map((p) => postEngagement(p)!));
  if (total < MIN_POSTS_FOR_ADVICE || overall === null || overall <= 0) return [];
  const out: Advice[] = [];
  const judge = (
    rows: { medianEngagement: number | null; measuredPosts: number }[],
    make: (i: number, ratio: number, direction: 'more' | 'less') => Advice | null,
  ) => {
    rows.forEach((r, i) => {
      if (r.measuredPosts < MIN_POSTS || r.medianEngagement === null) return;
      const ratio = r.medianEngagement / overall;
      const share = r.measuredPosts / total;
      if (ratio >= ADVICE_RATIO && share < 0.5) {
        const a = make(i, ratio, 'more');
        if (a) out.push(a);
      } else if (ratio <= 1 / ADVICE_RATIO && share >= 0.2) {
        const a = make(i, ratio, 'less');
        if (a) out.push(a);
      }
    });
  };
  const types = byContentType(measured);
  judge(types, (i, ratio, direction) => {
    const t = types[i]!.contentType;
    return t === null ? null : { kind: 'type', direction, contentType: t, ratio, groupPosts: types[i]!.measuredPosts, totalPosts: total };
  });
  const nets = byNetwork(measured, [...new Set(measured.map((p) => p.network))]);
  judge(nets, (i, ratio, direction) => ({
    kind: 'network',
    direction,
    network: nets[i]!.network,
    ratio,
    groupPosts: nets[i]!.measuredPosts,
    totalPosts: total,
  }));
  // Time slots: only the best hour of the day and the best weekday, and only upwards.
  const slots = measured.map((p) => ({ e: postEngagement(p)!, ...localSlot(p.publishedAt, timeZone) }));
  const best = (key: 'hour' | 'weekday', n: number) => {
    let top: { value: number; ratio: number; posts: number } | null = null;
    for (let v = key === 'hour' ? 0 : 1; v < n; v++) {
      const es = slots.filter((s) => s[key] === v).map((s) => s.e);
      const m = median(es);
      if (es.length < MIN_POSTS || m === null || es.length / total >= 0.5) continue;
      const ratio = m / overall;
      if (ratio >= ADVICE_RATIO && (!top || ratio > top.ratio)) top = { value: v, ratio, posts: es.length };
    }
    return top;
  };
  const h = best('hour', 24);
  if (h) out.push({ kind: 'hour', hour: h.value, ratio: h.ratio, groupPosts: h.posts, totalPosts: total });
  const w = best('weekday', 8);
  if (w) out.push({ kind: 'weekday', weekday: w.value, ratio: w.ratio, groupPosts: w.posts, totalPosts: total });
  const strength = (a: Advice) => Math.abs(Math.log(a.ratio));
  return out.sort((a, b) => strength(b) - strength(a)).slice(0, limit);
}
