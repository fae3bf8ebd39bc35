import { addDays, dayInZone, startOfDayInZone } from '../../ranking/period';
import { postDays } from '../days';
import type { AccountDayMetrics, Collector, CollectContext, CollectCredential, PostMetrics } from '../types';
import type { HttpResponse } from '../../http/client';
import { apiJson, apiUrl } from '../request';
import { AccountError, CredentialError, QuotaError, RetryableError, type CollectError } from '../../http/errors';
import type { z } from 'zod';
import {
  vkErrorSchema,
  vkGroupsGetByIdSchema,
  vkStatsGetSchema,
  vkVideoGetSchema,
  vkWallGetSchema,
  type VkPost,
  type VkVideo,
} from './schemas';
import { attachedVideos, ownVideo, videoContentType, videoKey, vkContentType } from './content';

export const VK_API_VERSION = '5.199';
const PAGE = 100;
/** video.get answers at most 200 per call (video/methods.json). */
const VIDEO_PAGE = 200;
/** At most this many video.get pages per run (4,000 videos); past it the run is partial. */
const VIDEO_PAGES = 20;

/** Token types that are a user's token, the only ones video.get accepts. */
const USER_TOKENS = new Set(['user', 'admin']);

/**
 * A method refused for this token or object while the rest of the account is
 * readable (video.get with a non-user token: 27/28; access denied: 15/204).
 * Caught by the collector and reported as a warning; never escapes a run.
 */
export class VkMethodRefused extends AccountError {}

/** VK reports errors inside HTTP 200: classify by error_code. */
export function classifyVkError(code: number, msg: string, what: string, now: Date): CollectError | null {
  const m = `${what}: VK error ${code} (${msg})`;
  switch (code) {
    case 6:
      return new RetryableError(m, 1000);
    case 9:
    case 10:
      return new RetryableError(m);
    case 5:
    case 14:
    case 27:
    case 28:
      return new CredentialError(m);
    case 29: {
      // Per-method daily limit: resets on VK's day; wait a full day to be safe.
      return new QuotaError(m, new Date(now.getTime() + 24 * 3600_000));
    }
    case 15:
    case 30:
    case 203:
      return new AccountError(m, 'private');
    case 18:
    case 100:
    case 113:
      return new AccountError(m, 'not_found');
    default:
      return null;
  }
}

function vkClassifier(what: string, now: Date, soft: readonly number[] = []) {
  return (res: HttpResponse): CollectError | null => {
    if (res.status !== 200) return null;
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return null;
    }
    const err = vkErrorSchema.safeParse(body);
    if (!err.success) return null;
    const { error_code, error_msg } = err.data.error;
    if (soft.includes(error_code)) return new VkMethodRefused(`${what}: VK error ${error_code} (${error_msg})`, 'private');
    return classifyVkError(error_code, error_msg, what, now) ?? new RetryableError(`${what}: VK error ${error_code} (${error_msg})`);
  };
}

async function call<S extends z.ZodType>(
  ctx: CollectContext,
  cred: CollectCredential | null,
  method: string,
  params: Record<string, string>,
  schema: S,
  soft: readonly number[] = [],
): Promise<z.infer<S>> {
  const what = `vk ${method}`;
  const headers: Record<string, string> = {};
  // The token travels in a header so it never sits in a URL or access log.
  if (cred) headers.authorization = `Bearer ${cred.token}`;
  const community = cred?.config.token_type === 'community';
  return apiJson(
    ctx,
    {
      what,
      url: apiUrl(ctx.env.VK_API_URL, `/${method}`, { ...params, v: VK_API_VERSION }),
      base: ctx.env.VK_API_URL,
      headers,
      limitKey: cred ? `vk:credential:${cred.id}` : 'vk:anonymous',
      ...(community ? { bucket: 'vk_community', fallback: { limit: 20, intervalMs: 1000 } } : { bucket: 'vk' }),
      secrets: [cred?.token],
      classify: vkClassifier(what, ctx.now, soft),
    },
    schema,
  );
}

function groupId(externalId: string): string {
  return externalId.replace(/^-/, '').replace(/^(club|public)(\d+)$/, '$2');
}

/** A video's own counters; each one NULL when the object does not carry it. */
function videoCounters(v: VkVideo) {
  return {
    views: v.views ?? null,
    viewsMargin: v.views === undefined ? null : 0,
    likes: v.likes?.count ?? null,
    comments: v.comments ?? null,
    shares: v.reposts?.count ?? null,
  };
}

function toPost(p: VkPost, gid: number): PostMetrics {
  // A clip or video the community posted is counted with its own plays,
  // likes, comments and reposts, not the post's impressions (content.ts).
  const video = ownVideo(p, -gid);
  const counters = video
    ? videoCounters(video)
    : {
        // Old posts carry no views: not measured, not zero.
        views: p.views?.count ?? null,
        viewsMargin: p.views ? 0 : null,
        likes: p.likes?.count ?? null,
        comments: p.comments?.count ?? null,
        shares: p.reposts?.count ?? null,
      };
  return {
    externalId: String(p.id),
    publishedAt: new Date(p.date * 1000),
    url: `https://vk.com/wall-${gid}_${p.id}`,
    contentType: vkContentType(p),
    excerpt: p.text ? p.text.slice(0, 280) : null,
    ...counters,
    reactions: p.reactions?.count ?? null,
  };
}

/** A community video that was never posted to the wall, as a post of its own. */
function videoPost(v: VkVideo, publishedAt: Date): PostMetrics {
  return {
    externalId: `video${videoKey(v)}`,
    publishedAt,
    url: `https://vk.com/video${videoKey(v)}`,
    contentType: videoContentType(v),
    excerpt: v.title ? v.title.slice(0, 280) : null,
    ...videoCounters(v),
    reactions: null,
  };
}

export const collectVk: Collector = async (account, cred, window, ctx) => {
  const tz = ctx.env.PODIUM_TIMEZONE;
  const warnings: string[] = [];
  const gid = groupId(account.externalId);

  const g = await call(ctx, cred, 'groups.getById', { group_id: gid, fields: 'members_count,counters' }, vkGroupsGetByIdSchema);
  const group = g.response.groups[0];
  if (!group) throw new AccountError(`vk groups.getById: community ${gid} not found`, 'not_found');
  if (group.deactivated) throw new AccountError(`vk: community ${gid} is ${group.deactivated}`, 'not_found');
  if (group.is_closed) throw new AccountError(`vk: community ${gid} is closed`, 'private');

  // Page the wall back to the start of the window. A pinned post comes first
  // whatever its date, so it never ends paging.
  const since = startOfDayInZone(window.from, tz).getTime() / 1000;
  const until = startOfDayInZone(addDays(window.to, 1), tz).getTime() / 1000;
  const posts: PostMetrics[] = [];
  const wallVideos = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await call(
      ctx,
      cred,
      'wall.get',
      { owner_id: `-${group.id}`, offset: String(offset), count: String(PAGE), filter: 'owner' },
      vkWallGetSchema,
    );
    const items = page.response.items;
    let reachedOlder = false;
    for (const p of items) {
      const pinned = p.is_pinned === 1 || p.is_pinned === true;
      for (const v of attachedVideos(p)) wallVideos.add(videoKey(v));
      if (p.date >= since && p.date < until) posts.push(toPost(p, group.id));
      else if (p.date < since && !pinned) reachedOlder = true;
    }
    if (reachedOlder || items.length < PAGE || offset + PAGE >= page.response.count) break;
  }

  // video.get is for user tokens only (video/methods.json): it adds the
  // community's videos and clips that were never posted to the wall.
  let complete = true;
  if (cred && USER_TOKENS.has(cred.config.token_type ?? '')) {
    try {
      const extra = await communityVideos(ctx, cred, group.id, since, until, wallVideos, warnings);
      posts.push(...extra.posts);
      complete = extra.complete;
    } catch (e) {
      if (e instanceof VkMethodRefused) warnings.push(`video.get refused: ${e.message}`);
      else throw e;
    }
  }

  const today = dayInZone(ctx.now, tz);
  // Per-day sums only when the whole window was read: never an undercount.
  const days = new Map<string, AccountDayMetrics>(complete ? postDays(posts, window, tz).map((d) => [d.day, d]) : []);
  if (today >= window.from && today <= window.to) {
    // Lifetime clip counters: NULL when VK does not return them, never 0.
    const counters = group.counters;
    days.set(today, {
      ...(days.get(today) ?? { day: today }),
      followers: group.members_count ?? null,
      clips_views: counters?.clips_views ?? null,
      clips_likes: counters?.clips_likes ?? null,
    });
  }

  if (cred?.config.token_type === 'admin') {
    try {
      const stats = await call(
        ctx,
        cred,
        'stats.get',
        {
          group_id: String(group.id),
          timestamp_from: String(Math.floor(since)),
          timestamp_to: String(Math.floor(until) - 1),
          interval: 'day',
          extended: '1',
        },
        vkStatsGetSchema,
      );
      for (const period of stats.response) {
        const fromTs = typeof period.period_from === 'number' ? period.period_from * 1000 : Date.parse(period.period_from);
        if (Number.isNaN(fromTs)) continue;
        const day = dayInZone(new Date(fromTs), tz);
        if (day < window.from || day > window.to) continue;
        const d = days.get(day) ?? { day };
        d.reach = period.reach?.reach ?? null;
        d.visitors = period.visitors?.visitors ?? null;
        days.set(day, d);
      }
    } catch (e) {
      // Stats need the community admin's rights; a refusal leaves reach unmeasured.
      if (e instanceof AccountError) warnings.push(`stats.get refused: ${e.message}`);
      else throw e;
    }
  }

  return { days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)), posts, warnings };
};

/**
 * The community's videos and clips from video.get, newest first, down to the
 * window's start; those already seen on the wall are left out (counted there).
 */
async function communityVideos(
  ctx: CollectContext,
  cred: CollectCredential,
  gid: number,
  since: number,
  until: number,
  onWall: ReadonlySet<string>,
  warnings: string[],
): Promise<{ posts: PostMetrics[]; complete: boolean }> {
  const out: PostMetrics[] = [];
  const seen = new Set<string>();
  for (let page = 0; ; page++) {
    if (page === VIDEO_PAGES) {
      warnings.push(
        `video.get: stopped after ${VIDEO_PAGES * VIDEO_PAGE} videos; older ones in the window were not read, so per-day counts are not written`,
      );
      return { posts: out, complete: false };
    }
    const offset = page * VIDEO_PAGE;
    // 27/28: the token is not a user token after all; 15/204: no access to the videos.
    const res = await call(
      ctx,
      cred,
      'video.get',
      { owner_id: `-${gid}`, count: String(VIDEO_PAGE), offset: String(offset), sort_album: '0' },
      vkVideoGetSchema,
      [15, 27, 28, 204],
    );
    let reachedOlder = false;
    for (const v of res.response.items) {
      const key = videoKey(v);
      // Published when it was added to the community (a video added later keeps its upload date).
      const at = v.adding_date ?? v.date;
      if (at === undefined) {
        warnings.push(`video.get: video ${key} has no date; left out`);
        continue;
      }
      if (at < since) reachedOlder = true;
      if (at < since || at >= until || onWall.has(key) || seen.has(key) || v.owner_id !== -gid) continue;
      seen.add(key);
      out.push(videoPost(v, new Date(at * 1000)));
    }
    const items = res.response.items.length;
    if (reachedOlder || items < VIDEO_PAGE || offset + VIDEO_PAGE >= res.response.count) break;
  }
  return { posts: out, complete: true };
}
