import fs from 'node:fs';
import type { z } from 'zod';
import type { ContentType } from '../../content-types';
import type { HttpResponse } from '../../http/client';
import { apiJson, apiUrl } from '../request';
import { AccountError, BadResponseError, CredentialError, type CollectError } from '../../http/errors';
import { addDays, dayInZone, startOfDayInZone } from '../../ranking/period';
import { postDays } from '../days';
import type { AccountDayMetrics, Collector, CollectContext, CollectCredential, PostMetrics } from '../types';
import { maxChatListSchema, maxChatSchema, maxErrorSchema, maxMessageListSchema, type MaxMessage } from './schemas';

// MAX channels through the organisation's bot (docs/collectors.md, "MAX"):
// the bot reads only the channels where it is an administrator.

/** GET /messages answers at most this many, newest first. */
export const MAX_PAGE = 100;
/** Pages of GET /chats looked through to find a channel by its link. */
const MAX_CHAT_PAGES = 20;
const CHAT_ID = /^-?\d{1,19}$/;

export const NO_BOT =
  "the organisation's MAX bot is not an administrator of this channel: add it as an administrator, or import the channel's figures from CSV";

let caCache: { path: string; pem: string } | undefined;
function caPem(path: string): string {
  if (caCache?.path !== path) caCache = { path, pem: fs.readFileSync(path, 'utf8') };
  return caCache.pem;
}

/** Reads MAX's error answers; the generic handling covers 429 (Retry-After) and 5xx. */
function maxClassifier(what: string, onChat: boolean) {
  return (res: HttpResponse): CollectError | null => {
    if (res.status === 200) return null;
    let code = '';
    try {
      const e = maxErrorSchema.safeParse(JSON.parse(res.text));
      if (e.success) code = e.data.code;
    } catch {
      // Not JSON: the status decides.
    }
    // The clients see a dead token as 401, the schema's example as 403: the code decides.
    if (code === 'verify.token' || res.status === 401)
      return new CredentialError(`${what}: MAX rejected the bot token (HTTP ${res.status}${code ? `, ${code}` : ''})`);
    if (onChat && res.status === 403) return new AccountError(`${what}: ${NO_BOT} (HTTP 403${code ? `, ${code}` : ''})`, 'private');
    if (onChat && res.status === 404)
      return new AccountError(`${what}: the channel does not exist or was deleted (HTTP 404${code ? `, ${code}` : ''})`, 'not_found');
    return null;
  };
}

async function call<S extends z.ZodType>(
  ctx: CollectContext,
  cred: CollectCredential,
  path: string,
  params: Record<string, string>,
  schema: S,
  onChat: boolean,
): Promise<z.infer<S>> {
  const what = `max ${path.replace(/-?\d+/g, '{id}')}`;
  return apiJson(
    ctx,
    {
      what,
      url: apiUrl(ctx.env.MAX_API_URL, path, params),
      base: ctx.env.MAX_API_URL,
      // The bare token: no "Bearer", never in the query (the API refuses that).
      headers: { authorization: cred.token },
      limitKey: `max:credential:${cred.id}`,
      bucket: 'max',
      secrets: [cred.token],
      classify: maxClassifier(what, onChat),
      trust: { pem: ctx.env.MAX_CA_FILE ? caPem(ctx.env.MAX_CA_FILE) : undefined, setting: 'MAX_CA_FILE' },
    },
    schema,
  );
}

/** The public link a MAX account was added with, normalised for comparison. */
function linkKey(link: string): string {
  return link
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?max\.ru\//, '')
    .replace(/\/+$/, '');
}

/** The chat id: given directly, or found by link among the chats the bot is in. */
async function chatId(ctx: CollectContext, cred: CollectCredential, externalId: string): Promise<string> {
  if (CHAT_ID.test(externalId)) return externalId;
  const want = linkKey(externalId);
  let marker: number | null | undefined;
  for (let i = 0; i < MAX_CHAT_PAGES; i++) {
    const page = await call(ctx, cred, '/chats', { count: '100', ...(marker ? { marker: String(marker) } : {}) }, maxChatListSchema, false);
    const hit = page.chats.find((c) => c.link && linkKey(c.link) === want);
    if (hit) return String(hit.chat_id);
    if (!page.marker || page.chats.length === 0) break;
    if (page.marker === marker) throw new BadResponseError('max /chats: the marker did not move on', 'marker');
    marker = page.marker;
  }
  throw new AccountError(`max: no channel max.ru/${want} among the bot's chats: ${NO_BOT}`, 'private');
}

/** The content type a message's attachments and link say. */
export function maxContentType(m: MaxMessage): ContentType {
  if (m.link?.type === 'forward') return 'repost';
  const types = new Set((m.body.attachments ?? []).map((a) => a.type));
  if (types.has('video')) return 'video';
  if (types.has('image')) return 'photo';
  if (types.size === 0 || [...types].every((t) => t === 'inline_keyboard')) return 'text';
  return 'other';
}

function toPost(m: MaxMessage): PostMetrics {
  return {
    externalId: m.body.mid,
    publishedAt: new Date(m.timestamp),
    url: m.url ?? null,
    contentType: maxContentType(m),
    excerpt: m.body.text ? m.body.text.slice(0, 280) : null,
    // stat.views is a running total; absent means not given, never 0.
    views: m.stat?.views ?? null,
    viewsMargin: m.stat ? 0 : null,
    // The Bot API exposes no reactions, forwards or comment counters (docs/methodology.md).
    likes: null,
    comments: null,
    shares: null,
    reactions: null,
  };
}

const UNREADABLE: Record<string, 'not_found' | 'private'> = {
  removed: 'not_found',
  closed: 'not_found',
  left: 'private',
  suspended: 'private',
};

export const collectMax: Collector = async (account, cred, window, ctx) => {
  if (!cred) throw new CredentialError(`max: no MAX bot token configured; ${NO_BOT}`);
  const tz = ctx.env.PODIUM_TIMEZONE;
  const warnings: string[] = [];
  const id = await chatId(ctx, cred, account.externalId);
  const chat = await call(ctx, cred, `/chats/${id}`, {}, maxChatSchema, true);
  if (chat.status !== 'active') {
    throw new AccountError(
      `max: the channel is ${chat.status.slice(0, 40)}${chat.status === 'left' ? ` (${NO_BOT})` : ''}`,
      UNREADABLE[chat.status] ?? 'private',
    );
  }

  // The time filter of GET /messages is unsettled in the docs: take the
  // latest page and cut by timestamp here.
  const since = startOfDayInZone(window.from, tz).getTime();
  const until = startOfDayInZone(addDays(window.to, 1), tz).getTime();
  const list = await call(ctx, cred, '/messages', { chat_id: id, count: String(MAX_PAGE) }, maxMessageListSchema, true);
  const seen = new Set<string>();
  const posts: PostMetrics[] = [];
  let oldest = Infinity;
  for (const m of list.messages) {
    oldest = Math.min(oldest, m.timestamp);
    if (seen.has(m.body.mid)) continue;
    seen.add(m.body.mid);
    if (m.timestamp >= since && m.timestamp < until) posts.push(toPost(m));
  }

  // A full page that does not reach back to the window's start leaves the
  // earlier days unseen: count posts only on the days it covers whole.
  let from = window.from;
  if (list.messages.length >= MAX_PAGE && oldest >= since) {
    from = addDays(dayInZone(new Date(oldest), tz), 1);
    warnings.push(`only the latest ${MAX_PAGE} messages can be read; posts before ${dayInZone(new Date(oldest), tz)} were not collected`);
  }
  const days = new Map<string, AccountDayMetrics>(
    from <= window.to
      ? postDays(posts, { from, to: window.to }, tz).map((d) => [d.day, { day: d.day, posts: d.posts, views: d.views }])
      : [],
  );
  const today = dayInZone(ctx.now, tz);
  if (today >= window.from && today <= window.to) {
    // participants_count is the channel's subscriber figure (unverified against the app: docs/collectors.md).
    days.set(today, { ...(days.get(today) ?? { day: today }), followers: chat.participants_count ?? null });
  }
  return { days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)), posts, warnings };
};
