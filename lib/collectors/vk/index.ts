import { addDays, dayInZone, startOfDayInZone } from '../../ranking/period';
import { postDays } from '../days';
import type { AccountDayMetrics, Collector, CollectContext, CollectCredential, PostMetrics } from '../types';
import { parseJson, type HttpResponse } from '../../http/client';
import {
  AccountError,
  CredentialError,
  QuotaError,
  RetryableError,
  parseResponse,
  type CollectError,
} from '../../http/errors';
import { DEFAULT_LIMITS } from '../../http/rate-limiter';
import type { z } from 'zod';
import { vkErrorSchema, vkGroupsGetByIdSchema, vkStatsGetSchema, vkWallGetSchema, type VkPost } from './schemas';

export const VK_API_VERSION = '5.199';
const PAGE = 100;

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

function vkClassifier(what: string, now: Date) {
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
    return classifyVkError(error_code, error_msg, what, now) ?? new RetryableError(`${what}: VK error ${error_code} (${error_msg})`);
  };
}

async function call<S extends z.ZodType>(
  ctx: CollectContext,
  cred: CollectCredential | null,
  method: string,
  params: Record<string, string>,
  schema: S,
): Promise<z.infer<S>> {
  const url = new URL(`${ctx.env.VK_API_URL.replace(/\/$/, '')}/${method}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('v', VK_API_VERSION);
  const what = `vk ${method}`;
  const headers: Record<string, string> = {};
  // The token travels in a header so it never sits in a URL or access log.
  if (cred) headers.authorization = `Bearer ${cred.token}`;
  const res = await ctx.http.request({
    what,
    url,
    base: ctx.env.VK_API_URL,
    headers,
    limitKey: cred ? `vk:credential:${cred.id}` : 'vk:anonymous',
    rate: ctx.http.rate(cred?.config.token_type === 'community' ? 'vk_community' : 'vk', cred?.config.token_type === 'community' ? { limit: 20, intervalMs: 1000 } : DEFAULT_LIMITS.vk),
    secrets: [cred?.token],
    classify: vkClassifier(what, ctx.now),
  });
  return parseResponse(schema, parseJson(res, what), what);
}

function groupId(externalId: string): string {
  return externalId.replace(/^-/, '').replace(/^(club|public)(\d+)$/, '$2');
}

function toPost(p: VkPost, ownerId: string): PostMetrics {
  return {
    externalId: String(p.id),
    publishedAt: new Date(p.date * 1000),
    url: `https://vk.com/wall-${ownerId}_${p.id}`,
    contentType: p.post_type === 'copy' ? 'repost' : 'text',
    excerpt: p.text ? p.text.slice(0, 280) : null,
    // Old posts carry no views: not measured, not zero.
    views: p.views?.count ?? null,
    viewsMargin: p.views ? 0 : null,
    likes: p.likes?.count ?? null,
    comments: p.comments?.count ?? null,
    shares: p.reposts?.count ?? null,
    reactions: p.reactions?.count ?? null,
  };
}

export const collectVk: Collector = async (account, cred, window, ctx) => {
  const tz = ctx.env.PODIUM_TIMEZONE;
  const warnings: string[] = [];
  const gid = groupId(account.externalId);

  const g = await call(ctx, cred, 'groups.getById', { group_id: gid, fields: 'members_count' }, vkGroupsGetByIdSchema);
  const groups = Array.isArray(g.response) ? g.response : g.response.groups;
  const group = groups[0];
  if (!group) throw new AccountError(`vk groups.getById: community ${gid} not found`, 'not_found');
  if (group.deactivated) throw new AccountError(`vk: community ${gid} is ${group.deactivated}`, 'not_found');
  if (group.is_closed) throw new AccountError(`vk: community ${gid} is closed`, 'private');

  // Page the wall back to the start of the window. A pinned post comes first
  // whatever its date, so it never ends paging.
  const since = startOfDayInZone(window.from, tz).getTime() / 1000;
  const until = startOfDayInZone(addDays(window.to, 1), tz).getTime() / 1000;
  const posts: PostMetrics[] = [];
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
      if (p.date >= since && p.date < until) posts.push(toPost(p, String(group.id)));
      else if (p.date < since && !pinned) reachedOlder = true;
    }
    if (reachedOlder || items.length < PAGE || offset + PAGE >= page.response.count) break;
  }

  const today = dayInZone(ctx.now, tz);
  const days = new Map<string, AccountDayMetrics>(postDays(posts, window, tz).map((d) => [d.day, d]));
  if (today >= window.from && today <= window.to) {
    days.set(today, { ...(days.get(today) ?? { day: today }), followers: group.members_count ?? null });
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
