import { z } from 'zod';
import { addDays, dayInZone, startOfDayInZone } from '../../ranking/period';
import { postDays } from '../days';
import type { AccountDayMetrics, Collector, CollectContext, CollectCredential, PostMetrics } from '../types';
import type { HttpResponse } from '../../http/client';
import { apiJson, apiUrl, apiRequest } from '../request';
import { AccountError, BadResponseError, CredentialError, RetryableError, type CollectError } from '../../http/errors';
import { parseChannelExtra, parseChannelPage } from './page';

const botAnswer = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().int().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().optional() }).optional(),
});

/** retry_after in parameters, else "retry after 34" in older descriptions. */
export function telegramRetryAfter(description: string | undefined, retryAfter: number | undefined): number | undefined {
  if (retryAfter !== undefined) return retryAfter * 1000;
  const m = /retry after (\d+)/i.exec(description ?? '');
  return m ? Number(m[1]) * 1000 : undefined;
}

function botClassifier(what: string) {
  return (res: HttpResponse): CollectError | null => {
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return null;
    }
    const a = botAnswer.safeParse(body);
    if (!a.success || a.data.ok) return null;
    const code = a.data.error_code ?? res.status;
    const desc = a.data.description ?? '';
    const m = `${what}: Telegram error ${code} (${desc})`;
    if (code === 429) return new RetryableError(m, telegramRetryAfter(desc, a.data.parameters?.retry_after));
    if (code === 401 || code === 404) return new CredentialError(m);
    if (code === 400 && /chat not found/i.test(desc)) return new AccountError(m, 'not_found');
    if (code === 403) return new AccountError(m, 'private');
    if (code >= 500) return new RetryableError(m);
    return null;
  };
}

async function memberCount(ctx: CollectContext, cred: CollectCredential, channel: string): Promise<number> {
  const what = 'telegram getChatMemberCount';
  const body = await apiJson(
    ctx,
    {
      what,
      url: apiUrl(ctx.env.TELEGRAM_BOT_API_URL, `/bot${cred.token}/getChatMemberCount`, { chat_id: `@${channel}` }),
      base: ctx.env.TELEGRAM_BOT_API_URL,
      limitKey: `telegram:credential:${cred.id}`,
      bucket: 'telegram_bot',
      secrets: [cred.token],
      classify: botClassifier(what),
    },
    botAnswer.extend({ ok: z.literal(true), result: z.number().int().nonnegative() }),
  );
  return body.result;
}

async function webPage(ctx: CollectContext, path: string): Promise<string> {
  const what = `telegram web ${path.replace(/\?.*/, '')}`;
  const res = await apiRequest(ctx, {
    what,
    url: `${ctx.env.TELEGRAM_WEB_URL.replace(/\/$/, '')}${path}`,
    base: ctx.env.TELEGRAM_WEB_URL,
    limitKey: 'telegram:web',
    bucket: 'telegram_web',
    // An unknown channel redirects to the site's front page.
    redirect: 'manual',
    classify: (r) =>
      r.status >= 300 && r.status < 400 ? new AccountError(`${what}: channel not found (HTTP ${r.status})`, 'not_found') : null,
  });
  return res.text;
}

export function channelName(externalId: string, handle: string | null): string {
  return (handle ?? externalId)
    .replace(/^@/, '')
    .replace(/^https?:\/\/t\.me\/(s\/)?/, '')
    .replace(/\/.*$/, '');
}

const MAX_PAGES = 50;

export const collectTelegram: Collector = async (account, cred, window, ctx) => {
  const tz = ctx.env.PODIUM_TIMEZONE;
  const channel = channelName(account.externalId, account.handle);
  const warnings: string[] = [];
  const since = startOfDayInZone(window.from, tz);
  const until = startOfDayInZone(addDays(window.to, 1), tz);

  const posts: PostMetrics[] = [];
  let before: number | null = null;
  let complete = false;
  let headerCount = null as ReturnType<typeof parseChannelPage>['subscribers'];
  for (let i = 0; i < MAX_PAGES; i++) {
    const html = await webPage(ctx, `/s/${encodeURIComponent(channel)}${before ? `?before=${before}` : ''}`);
    const page = parseChannelPage(html);
    if (i === 0) {
      headerCount = page.subscribers;
      if (!page.end && page.posts.length === 0 && !/tgme_channel_info/.test(html)) {
        throw new BadResponseError(`telegram web: no channel markup on /s/${channel}`, '(html)');
      }
    }
    if (page.end || page.posts.length === 0) {
      complete = true;
      break;
    }
    for (const p of page.posts) {
      if (!p.publishedAt) {
        warnings.push(`post ${p.id}: no readable date`);
        continue;
      }
      if (p.publishedAt >= since && p.publishedAt < until) {
        posts.push({
          externalId: String(p.id),
          publishedAt: p.publishedAt,
          url: `https://t.me/${channel}/${p.id}`,
          contentType: p.forwarded ? 'repost' : 'text',
          excerpt: p.text ? p.text.slice(0, 280) : null,
          views: p.views?.value ?? null,
          viewsMargin: p.views?.margin ?? null,
          likes: null,
          comments: null,
          shares: null,
          reactions: p.reactions,
          reactionsMargin: p.reactionsMargin,
          paidStars: p.paidStars?.value ?? null,
          paidStarsMargin: p.paidStars?.margin ?? null,
        });
      }
    }
    const oldest = page.posts[0];
    if (oldest.publishedAt && oldest.publishedAt < since) {
      complete = true;
      break;
    }
    const oldestId = Math.min(...page.posts.map((p) => p.id));
    // A page that does not go further back would loop forever.
    if (before !== null && oldestId >= before)
      throw new BadResponseError(`telegram web: ?before=${before} did not go back in history`, '(html)');
    before = oldestId;
    if (before <= 1) {
      complete = true;
      break;
    }
  }
  if (!complete) warnings.push(`stopped after ${MAX_PAGES} pages before reaching ${window.from}`);

  // Exact subscribers: the Bot API when a bot token is configured, else the
  // exact figure on t.me/<channel>; the rounded header count is not stored.
  let followers: number | null = null;
  if (cred) followers = await memberCount(ctx, cred, channel);
  else {
    followers = parseChannelExtra(await webPage(ctx, `/${encodeURIComponent(channel)}`));
    if (followers === null && headerCount) {
      if (headerCount.margin === 0) followers = headerCount.value;
      else warnings.push(`subscribers shown only rounded (${headerCount.value} ± ${headerCount.margin}); not stored`);
    }
  }

  // Only publication counts go to the account day: sums of rounded views
  // would be estimates.
  const days: AccountDayMetrics[] = complete ? postDays(posts, window, tz).map((d) => ({ day: d.day, posts: d.posts })) : [];
  const today = dayInZone(ctx.now, tz);
  if (today >= window.from && today <= window.to) {
    const row = days.find((d) => d.day === today);
    if (row) row.followers = followers;
    else days.push({ day: today, followers });
  }
  return { days, posts, warnings };
};
