import { z } from 'zod';
import { addDays, dayInZone, startOfDayInZone } from '../../ranking/period';
import { postDays } from '../days';
import type { AccountDayMetrics, Collector, CollectContext, PostMetrics } from '../types';
import { apiJson } from '../request';
import { AccountError } from '../../http/errors';

const profileSchema = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  subscribers_count: z.number().int().nonnegative().nullable().optional(),
});

const videoListSchema = z.object({
  has_next: z.boolean().optional(),
  next: z.string().nullable().optional(),
  page: z.number().int().optional(),
  results: z.array(
    z.object({
      id: z.string(),
      title: z.string().optional(),
      hits: z.number().int().nonnegative().nullable().optional(),
      publication_ts: z.string().nullable().optional(),
      created_ts: z.string().optional(),
      video_url: z.string().optional(),
    }),
  ),
});

/** Rutube timestamps carry no zone; they are Moscow time in practice. */
export function parseRutubeTs(ts: string): Date | null {
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(ts);
  const t = Date.parse(hasZone ? ts : `${ts}+03:00`);
  return Number.isNaN(t) ? null : new Date(t);
}

async function get<S extends z.ZodType>(ctx: CollectContext, path: string, schema: S, what: string) {
  return apiJson(
    ctx,
    {
      what,
      url: `${ctx.env.RUTUBE_API_URL.replace(/\/$/, '')}${path}`,
      base: ctx.env.RUTUBE_API_URL,
      limitKey: 'rutube',
      bucket: 'rutube',
      classify: (r) => (r.status === 404 ? new AccountError(`${what}: HTTP 404, channel not found`, 'not_found') : null),
    },
    schema,
  );
}

const MAX_PAGES = 20;

export const collectRutube: Collector = async (account, _cred, window, ctx) => {
  const tz = ctx.env.PODIUM_TIMEZONE;
  const id = encodeURIComponent(account.externalId);
  const warnings: string[] = [];
  const profile = await get(ctx, `/profile/user/${id}/`, profileSchema, 'rutube profile');
  const since = startOfDayInZone(window.from, tz);
  const until = startOfDayInZone(addDays(window.to, 1), tz);
  const posts: PostMetrics[] = [];
  let complete = false;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const list = await get(ctx, `/video/person/${id}/?page=${page}`, videoListSchema, 'rutube videos');
    let older = false;
    for (const v of list.results) {
      const t = v.publication_ts ? parseRutubeTs(v.publication_ts) : null;
      if (!t) {
        warnings.push(`video ${v.id}: no readable publication time`);
        continue;
      }
      if (t < since) older = true;
      else if (t < until)
        posts.push({
          externalId: v.id,
          publishedAt: t,
          url: v.video_url ?? `https://rutube.ru/video/${v.id}/`,
          contentType: 'video',
          excerpt: v.title?.slice(0, 280) ?? null,
          views: v.hits ?? null,
          viewsMargin: v.hits == null ? null : 0,
          likes: null,
          comments: null,
          shares: null,
          reactions: null,
        });
    }
    if (older || !list.has_next || !list.next) {
      complete = true;
      break;
    }
  }
  if (!complete) warnings.push(`video list not read to ${window.from}`);
  const days: AccountDayMetrics[] = complete
    ? postDays(posts, window, tz).map((d) => ({ day: d.day, posts: d.posts, views: d.views }))
    : [];
  const today = dayInZone(ctx.now, tz);
  if (today >= window.from && today <= window.to) {
    const followers = profile.subscribers_count ?? null;
    const row = days.find((d) => d.day === today);
    if (row) row.followers = followers;
    else days.push({ day: today, followers });
  }
  return { days, posts, warnings };
};
