import * as cheerio from 'cheerio';
import { z } from 'zod';
import { dayInZone, eachDay } from '../../ranking/period';
import type { AccountDayMetrics, Collector, CollectContext, CollectCredential } from '../types';
import { parseJson, type HttpResponse } from '../../http/client';
import { BadResponseError, CredentialError, parseResponse, type CollectError } from '../../http/errors';
import { DEFAULT_LIMITS } from '../../http/rate-limiter';
import { parseFeedDate } from './dates';

const metricaData = z.object({
  data: z.array(
    z.object({
      dimensions: z.array(z.object({ name: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })).min(1),
      metrics: z.array(z.number().nonnegative()),
    }),
  ),
  total_rows: z.number().int().optional(),
  sampled: z.boolean().optional(),
});

const metricaError = z.object({ errors: z.array(z.object({ error_type: z.string(), message: z.string().optional() })) });

function metricaClassifier(what: string) {
  return (res: HttpResponse): CollectError | null => {
    if (res.status < 400 || res.status === 429 || res.status === 420 || res.status >= 500) return null;
    try {
      const e = metricaError.safeParse(JSON.parse(res.text));
      if (e.success && e.data.errors.some((x) => /token|access_denied|unauthorized/i.test(x.error_type))) {
        return new CredentialError(`${what}: ${e.data.errors.map((x) => x.error_type).join(', ')}`);
      }
    } catch {
      return null;
    }
    return null;
  };
}

async function metrica(
  ctx: CollectContext,
  cred: CollectCredential,
  counter: string,
  window: { from: string; to: string },
  metrics: string[],
  filters?: string,
): Promise<Map<string, number[]>> {
  const url = new URL(`${ctx.env.METRICA_API_URL.replace(/\/$/, '')}/stat/v1/data`);
  url.searchParams.set('ids', counter);
  url.searchParams.set('metrics', metrics.join(','));
  url.searchParams.set('dimensions', 'ym:s:date');
  url.searchParams.set('date1', window.from);
  url.searchParams.set('date2', window.to);
  url.searchParams.set('limit', '1000');
  url.searchParams.set('accuracy', 'full');
  if (filters) url.searchParams.set('filters', filters);
  const what = `metrica stat/v1/data${filters ? ` (${/'(\w+)'/.exec(filters)?.[1] ?? 'filtered'})` : ''}`;
  const res = await ctx.http.request({
    what,
    url,
    base: ctx.env.METRICA_API_URL,
    headers: { authorization: `OAuth ${cred.token}` },
    limitKey: `metrica:credential:${cred.id}`,
    rate: ctx.http.rate('metrica', DEFAULT_LIMITS.metrica),
    secrets: [cred.token],
    classify: metricaClassifier(what),
  });
  const body = parseResponse(metricaData, parseJson(res, what), what);
  // Sampled figures are estimates: not stored as measurements.
  if (body.sampled) throw new BadResponseError(`${what}: the answer is sampled`, 'sampled');
  const out = new Map<string, number[]>();
  for (const row of body.data) {
    if (row.metrics.length !== metrics.length) throw new BadResponseError(`${what}: expected ${metrics.length} metrics per row`, 'data.metrics');
    out.set(row.dimensions[0].name, row.metrics);
  }
  return out;
}

export function feedUrl(siteUrl: string): string {
  return /\.(xml|rss|atom)$|\/(rss|feed|atom)\/?$/i.test(siteUrl) ? siteUrl : `${siteUrl.replace(/\/$/, '')}/rss.xml`;
}

/** Item dates of an RSS 2.0 or Atom feed; null for a date that cannot be read. */
export function parseFeed(xml: string): { dates: (Date | null)[]; raw: string[] } {
  const $ = cheerio.load(xml, { xml: true });
  const dates: (Date | null)[] = [];
  const raw: string[] = [];
  const isFeed = $('rss, feed, rdf\\:RDF').length > 0;
  if (!isFeed) throw new BadResponseError('feed: neither RSS nor Atom', '(xml)');
  $('item, entry').each((_, el) => {
    const n = $(el);
    const text = (n.children('pubDate').first().text() || n.children('dc\\:date').first().text() || n.children('published').first().text() || n.children('updated').first().text()).trim();
    raw.push(text);
    dates.push(text ? parseFeedDate(text) : null);
  });
  return { dates, raw };
}

export const collectWebsite: Collector = async (account, cred, window, ctx) => {
  const tz = ctx.env.PODIUM_TIMEZONE;
  const warnings: string[] = [];
  const days = new Map<string, AccountDayMetrics>(eachDay(window.from, window.to).map((d) => [d, { day: d }]));

  const counter = cred?.config.counter_id;
  if (cred && counter) {
    const main = await metrica(ctx, cred, counter, window, ['ym:s:visits', 'ym:s:users', 'ym:s:pageviews']);
    const social = await metrica(ctx, cred, counter, window, ['ym:s:visits'], "ym:s:lastTrafficSource=='social'");
    // Metrica's "messenger" source (Telegram, MAX…) is separate from "social" (docs/collectors.md).
    const messenger = await metrica(ctx, cred, counter, window, ['ym:s:visits'], "ym:s:lastTrafficSource=='messenger'");
    for (const [day, d] of days) {
      // Metrica omits days without visits: within the window that is a measured zero.
      const m = main.get(day) ?? [0, 0, 0];
      d.visits = m[0];
      d.visitors = m[1];
      d.pageviews = m[2];
      d.social_visits = social.get(day)?.[0] ?? 0;
      d.messenger_visits = messenger.get(day)?.[0] ?? 0;
    }
  }

  const site = account.url ?? (/^https?:\/\//.test(account.externalId) ? account.externalId : null);
  if (site) {
    const what = 'website feed';
    // A URL from branch data: no base, so the HTTP layer's SSRF filter applies (docs/operations.md).
    const res = await ctx.http.request({ what, url: feedUrl(site), limitKey: `rss:${URL.canParse(site) ? new URL(site).host : site.slice(0, 100)}`, rate: ctx.http.rate('rss', DEFAULT_LIMITS.rss) });
    const { dates, raw } = parseFeed(res.text);
    const unreadable = raw.filter((_, i) => dates[i] === null);
    if (unreadable.length) {
      warnings.push(`feed: ${unreadable.length} item date(s) unreadable, e.g. "${unreadable[0].slice(0, 60)}"; publication counts not stored`);
    } else if (dates.length) {
      // A feed lists only its latest items: days before the oldest one are unknown.
      const itemDays = (dates as Date[]).map((d) => dayInZone(d, tz));
      const oldest = itemDays.reduce((a, b) => (a < b ? a : b));
      for (const [day, d] of days) {
        if (day < oldest) continue;
        d.posts = itemDays.filter((x) => x === day).length;
      }
    }
  }
  if (!(cred && counter) && !site) warnings.push('nothing to collect: no Metrica counter_id on the credential and no site URL for a feed');
  const out = [...days.values()].filter((d) => Object.keys(d).length > 1);
  return { days: out, posts: [], warnings };
};
