import { z } from 'zod';
import { addDays, dayInZone, startOfDayInZone } from '../../ranking/period';
import { postDays } from '../days';
import type { AccountDayMetrics, Collector, CollectContext, CollectCredential, PostMetrics } from '../types';
import type { HttpResponse } from '../../http/client';
import { apiJson } from '../request';
import { AccountError, CredentialError, RetryableError, type CollectError } from '../../http/errors';
import { okSessionSecret, okSignature } from './sign';
import { okContentType, okCountersSchema, okErrorSchema, okMediaTopicsSchema, okStatTopicsSchema, type OkMediaTopic } from './schemas';

/** Topics asked of mediatopic.getByIds at once (one public client slices by 100; unverified). */
const TOPIC_BATCH = 100;
/** group.getStatTopics page size and page cap per run. */
const STAT_PAGE = 100;
const STAT_PAGES = 30;
/** The fields read from a topic; they enter the signature exactly as sent. */
const TOPIC_FIELDS = [
  'media_topic.ID',
  'media_topic.CREATED_MS',
  'media_topic.LIKE_SUMMARY',
  'media_topic.RESHARE_SUMMARY',
  'media_topic.DISCUSSION_SUMMARY',
  'media_topic.VIEWS_COUNT',
  'media_topic.MEDIA',
].join(',');

export function classifyOkError(code: number, msg: string, what: string): CollectError | null {
  const m = `${what}: OK error ${code} (${msg})`;
  if ([102, 103, 104, 108].includes(code)) return new CredentialError(m);
  if (code === 300) return new AccountError(m, 'not_found');
  if (code === 10 || code === 455) return new AccountError(m, 'private');
  if ([1, 2, 3, 7, 8, 9].includes(code)) return new RetryableError(m);
  return null;
}

/**
 * A method this token may not call while the group stays readable
 * (group.getStatTopics without the admin's GROUP_CONTENT + VALUABLE_ACCESS:
 * 10 PERMISSION_DENIED, 200 PARAM_PERMISSION, 453 SESSION_REQUIRED). Caught by
 * the collector and reported as a warning.
 */
export class OkMethodRefused extends AccountError {}

/**
 * The credential secret is the access token, or a JSON object
 * {"access_token","application_secret_key"}; application_key is in config.
 */
export function okKeys(cred: CollectCredential): { accessToken: string; appKey: string; appSecret: string } {
  let accessToken = cred.token;
  let appSecret = cred.config.application_secret_key ?? '';
  if (cred.token.trim().startsWith('{')) {
    const j = z.object({ access_token: z.string(), application_secret_key: z.string() }).safeParse(JSON.parse(cred.token));
    if (!j.success) throw new CredentialError('ok: the stored credential is not {access_token, application_secret_key}');
    accessToken = j.data.access_token;
    appSecret = j.data.application_secret_key;
  }
  const appKey = cred.config.application_key;
  if (!appKey || !appSecret) throw new CredentialError('ok: the credential lacks application_key or application_secret_key');
  return { accessToken, appKey, appSecret };
}

/** Whether this OK credential lists a group's posts: the group admin's token (docs/collectors.md). */
export const okReadsPosts = (config: Record<string, string>) => config.token_type === 'admin';

async function okCall<S extends z.ZodType>(
  ctx: CollectContext,
  cred: CollectCredential,
  method: string,
  extra: Record<string, string>,
  schema: S,
  soft: readonly number[] = [],
): Promise<z.infer<S>> {
  const { accessToken, appKey, appSecret } = okKeys(cred);
  const what = `ok ${method}`;
  const params: Record<string, string> = { application_key: appKey, method, ...extra, format: 'json' };
  params.sig = okSignature(params, okSessionSecret(accessToken, appSecret));
  params.access_token = accessToken;
  return apiJson(
    ctx,
    {
      what,
      url: ctx.env.OK_API_URL,
      base: ctx.env.OK_API_URL,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      // POST keeps the token out of URLs and access logs.
      body: new URLSearchParams(params).toString(),
      limitKey: `ok:credential:${cred.id}`,
      bucket: 'ok',
      secrets: [accessToken, appSecret],
      classify: (r: HttpResponse) => {
        try {
          const e = okErrorSchema.safeParse(JSON.parse(r.text));
          if (!e.success) return null;
          const m = `${what}: OK error ${e.data.error_code} (${e.data.error_msg ?? ''})`;
          if (soft.includes(e.data.error_code)) return new OkMethodRefused(m, 'private');
          return classifyOkError(e.data.error_code, e.data.error_msg ?? '', what) ?? new RetryableError(m);
        } catch {
          return null;
        }
      },
    },
    schema,
  );
}

function toPost(t: OkMediaTopic, gid: string, createdMs: number): PostMetrics {
  const text = t.media?.find((m) => m.type === 'text')?.text;
  return {
    externalId: t.id,
    publishedAt: new Date(createdMs),
    url: `https://ok.ru/group/${gid}/topic/${t.id}`,
    contentType: okContentType(t.media),
    excerpt: text ? text.slice(0, 280) : null,
    // views_count is often missing: NULL, never 0 (docs/collectors.md).
    views: t.views_count ?? null,
    viewsMargin: t.views_count === undefined ? null : 0,
    likes: t.like_summary?.count ?? null,
    comments: t.discussion_summary?.comments_count ?? null,
    shares: t.reshare_summary?.count ?? null,
    reactions: null,
  };
}

/**
 * The group's topics published in [since, until) ms: listed by
 * group.getStatTopics (admin token), counted by mediatopic.getByIds.
 */
async function groupPosts(ctx: CollectContext, cred: CollectCredential, gid: string, since: number, until: number, warnings: string[]) {
  const created = new Map<string, number>();
  let anchor: string | undefined;
  for (let page = 0; ; page++) {
    if (page === STAT_PAGES) {
      warnings.push(`group.getStatTopics: stopped after ${STAT_PAGES} pages; older topics in the window were not read`);
      return { posts: null, complete: false };
    }
    const res = await okCall(
      ctx,
      cred,
      'group.getStatTopics',
      {
        gid,
        start_time: String(since),
        end_time: String(until - 1),
        count: String(STAT_PAGE),
        fields: 'id,created_ms',
        ...(anchor ? { anchor } : {}),
      },
      okStatTopicsSchema,
      [10, 200, 453],
    );
    for (const t of res.topics ?? []) if (t.created_ms !== undefined) created.set(t.id, t.created_ms);
    if (!res.has_more || !res.anchor || res.anchor === anchor || (res.topics ?? []).length === 0) break;
    anchor = res.anchor;
  }
  const ids = [...created.keys()];
  const posts: PostMetrics[] = [];
  for (let i = 0; i < ids.length; i += TOPIC_BATCH) {
    const batch = ids.slice(i, i + TOPIC_BATCH);
    const res = await okCall(
      ctx,
      cred,
      'mediatopic.getByIds',
      { topic_ids: batch.join(','), media_limit: '1', fields: TOPIC_FIELDS },
      okMediaTopicsSchema,
    );
    for (const t of res.media_topics ?? []) {
      const at = t.created_ms ?? created.get(t.id);
      if (at === undefined || at < since || at >= until || !created.has(t.id)) continue;
      posts.push(toPost(t, gid, at));
    }
  }
  return { posts, complete: true };
}

export const collectOk: Collector = async (account, cred, window, ctx) => {
  if (!cred) throw new CredentialError('ok: a credential is required');
  const tz = ctx.env.PODIUM_TIMEZONE;
  const gid = account.externalId;
  const body = await okCall(ctx, cred, 'group.getCounters', { group_id: gid, counterTypes: 'members' }, okCountersSchema);
  const today = dayInZone(ctx.now, tz);
  const warnings: string[] = [];
  if (body.counters.members === undefined) warnings.push('members counter missing from group.getCounters');

  // Posts only with the group admin's token; other groups come in by CSV import.
  let posts: PostMetrics[] = [];
  let days: AccountDayMetrics[] = [];
  if (okReadsPosts(cred.config)) {
    const since = startOfDayInZone(window.from, tz).getTime();
    const until = startOfDayInZone(addDays(window.to, 1), tz).getTime();
    try {
      const got = await groupPosts(ctx, cred, gid, since, until, warnings);
      if (got.posts) {
        posts = got.posts;
        days = postDays(posts, window, tz);
      }
    } catch (e) {
      if (e instanceof OkMethodRefused)
        warnings.push(
          `group.getStatTopics refused (posts need the group admin's token with GROUP_CONTENT and VALUABLE_ACCESS; import them by CSV): ${e.message}`,
        );
      else throw e;
    }
  }
  if (today >= window.from && today <= window.to) {
    const row = days.find((d) => d.day === today);
    if (row) row.followers = body.counters.members ?? null;
    else days.push({ day: today, followers: body.counters.members ?? null });
  }
  return { days, posts, warnings };
};
