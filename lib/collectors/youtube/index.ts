import { z } from 'zod';
import { addDays, dayInZone, startOfDayInZone } from '../../ranking/period';
import { postDays } from '../days';
import type { AccountDayMetrics, Collector, CollectContext, CollectCredential, PostMetrics } from '../types';
import type { HttpResponse } from '../../http/client';
import { apiJson, apiUrl } from '../request';
import { AccountError, CredentialError, QuotaError, RetryableError, type CollectError } from '../../http/errors';

// Counts arrive as strings ("2260000").
const count = z.string().regex(/^\d+$/).transform(Number);

const channelsSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        statistics: z.object({
          viewCount: count.optional(),
          subscriberCount: count.optional(),
          hiddenSubscriberCount: z.boolean().optional(),
          videoCount: count.optional(),
        }),
        contentDetails: z.object({ relatedPlaylists: z.object({ uploads: z.string() }) }),
      }),
    )
    .optional(),
});

const playlistItemsSchema = z.object({
  nextPageToken: z.string().optional(),
  items: z.array(z.object({ contentDetails: z.object({ videoId: z.string(), videoPublishedAt: z.string().optional() }) })),
});

const videosSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      snippet: z.object({ publishedAt: z.string(), title: z.string().optional() }).optional(),
      statistics: z.object({ viewCount: count.optional(), likeCount: count.optional(), commentCount: count.optional() }),
    }),
  ),
});

const ytError = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    errors: z.array(z.object({ reason: z.string().optional(), domain: z.string().optional() })).optional(),
    details: z.array(z.object({ reason: z.string().optional() })).optional(),
  }),
});

/** The next midnight in America/Los_Angeles, when the YouTube quota resets. */
export function nextPacificMidnight(now: Date): Date {
  const day = dayInZone(now, 'America/Los_Angeles');
  return startOfDayInZone(addDays(day, 1), 'America/Los_Angeles');
}

function ytClassifier(what: string, now: Date) {
  return (res: HttpResponse): CollectError | null => {
    if (res.status < 400) return null;
    let parsed: z.infer<typeof ytError> | null = null;
    try {
      const r = ytError.safeParse(JSON.parse(res.text));
      if (r.success) parsed = r.data;
    } catch {
      // fall through to the generic handling
    }
    if (!parsed) return null;
    const reasons = [...(parsed.error.errors ?? []).map((e) => e.reason), ...(parsed.error.details ?? []).map((d) => d.reason)];
    // The message may hold HTML: name the reason only.
    const m = `${what}: HTTP ${res.status} ${reasons.filter(Boolean).join(', ')}`;
    if (reasons.some((r) => r === 'quotaExceeded' || r === 'dailyLimitExceeded')) return new QuotaError(m, nextPacificMidnight(now));
    if (reasons.some((r) => r === 'rateLimitExceeded' || r === 'userRateLimitExceeded')) return new RetryableError(m);
    if (reasons.some((r) => r === 'API_KEY_INVALID' || r === 'keyInvalid' || r === 'keyExpired' || r === 'API_KEY_EXPIRED'))
      return new CredentialError(m);
    if (reasons.some((r) => r === 'channelNotFound' || r === 'playlistNotFound')) return new AccountError(m, 'not_found');
    if (res.status === 403 && reasons.includes('forbidden')) return new AccountError(m, 'private');
    return null;
  };
}

async function call<S extends z.ZodType>(
  ctx: CollectContext,
  cred: CollectCredential,
  resource: string,
  params: Record<string, string>,
  schema: S,
) {
  const what = `youtube ${resource}.list`;
  // Google API keys are accepted in the x-goog-api-key header: no key in URLs.
  return apiJson(
    ctx,
    {
      what,
      url: apiUrl(ctx.env.YOUTUBE_API_URL, `/${resource}`, params),
      base: ctx.env.YOUTUBE_API_URL,
      headers: { 'x-goog-api-key': cred.token },
      limitKey: `youtube:credential:${cred.id}`,
      bucket: 'youtube',
      secrets: [cred.token],
      classify: ytClassifier(what, ctx.now),
    },
    schema,
  );
}

const MAX_PLAYLIST_PAGES = 20;

export const collectYoutube: Collector = async (account, cred, window, ctx) => {
  if (!cred) throw new CredentialError('youtube: an API key is required');
  const tz = ctx.env.PODIUM_TIMEZONE;
  const warnings: string[] = [];
  const calls0 = ctx.http.calls;
  const id = account.externalId;
  const channels = await call(
    ctx,
    cred,
    'channels',
    { part: 'statistics,contentDetails', ...(id.startsWith('UC') ? { id } : { forHandle: id.startsWith('@') ? id : `@${id}` }) },
    channelsSchema,
  );
  const channel = channels.items?.[0];
  if (!channel) throw new AccountError(`youtube: channel ${id} not found`, 'not_found');

  const since = startOfDayInZone(window.from, tz);
  const until = startOfDayInZone(addDays(window.to, 1), tz);
  const ids: string[] = [];
  let pageToken: string | undefined;
  let complete = false;
  for (let i = 0; i < MAX_PLAYLIST_PAGES; i++) {
    const page = await call(
      ctx,
      cred,
      'playlistItems',
      {
        part: 'contentDetails',
        playlistId: channel.contentDetails.relatedPlaylists.uploads,
        maxResults: '50',
        ...(pageToken ? { pageToken } : {}),
      },
      playlistItemsSchema,
    );
    let older = false;
    for (const it of page.items) {
      const t = it.contentDetails.videoPublishedAt ? new Date(it.contentDetails.videoPublishedAt) : null;
      if (t && t < since) older = true;
      else if (!t || t < until) ids.push(it.contentDetails.videoId);
    }
    pageToken = page.nextPageToken;
    if (older || !pageToken) {
      complete = true;
      break;
    }
  }
  if (!complete) warnings.push(`uploads list not read to ${window.from}`);

  const posts: PostMetrics[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    const v = await call(
      ctx,
      cred,
      'videos',
      { part: 'statistics,snippet', id: ids.slice(i, i + 50).join(','), maxResults: '50' },
      videosSchema,
    );
    for (const it of v.items) {
      const published = it.snippet ? new Date(it.snippet.publishedAt) : null;
      if (!published || Number.isNaN(published.getTime()) || published < since || published >= until) continue;
      posts.push({
        externalId: it.id,
        publishedAt: published,
        url: `https://www.youtube.com/watch?v=${it.id}`,
        contentType: 'video',
        excerpt: it.snippet?.title?.slice(0, 280) ?? null,
        views: it.statistics.viewCount ?? null,
        viewsMargin: it.statistics.viewCount === undefined ? null : 0,
        // Hidden likes are absent: not measured.
        likes: it.statistics.likeCount ?? null,
        comments: it.statistics.commentCount ?? null,
        shares: null,
        reactions: null,
      });
    }
  }

  const days: AccountDayMetrics[] = complete
    ? postDays(posts, window, tz).map((d) => ({ day: d.day, posts: d.posts, views: d.views, likes: d.likes, comments: d.comments }))
    : [];
  const today = dayInZone(ctx.now, tz);
  if (today >= window.from && today <= window.to) {
    const followers = channel.statistics.hiddenSubscriberCount ? null : (channel.statistics.subscriberCount ?? null);
    const row = days.find((d) => d.day === today);
    if (row) row.followers = followers;
    else days.push({ day: today, followers });
  }
  // Every list call costs one unit, failed ones too.
  return { days, posts, warnings, quotaUnits: ctx.http.calls - calls0 };
};
