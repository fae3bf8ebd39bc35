import * as cheerio from 'cheerio';
import { z } from 'zod';
import { dayInZone, eachDay } from '../../ranking/period';
import type { AccountDayMetrics, Collector, CollectContext, CollectCredential, CollectResult, SiteChannelDay, SiteSource } from '../types';
import { parseJson, type HttpResponse } from '../../http/client';
import { apiRequest } from '../request';
import { BadResponseError, CredentialError, parseResponse, type CollectError } from '../../http/errors';
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

/**
 * A split by network: rows of (date, network or messenger). Metrica gives a dimension as
 * `{ "name": "ВКонтакте", "id": "vkontakte", … }` — `name` is localised, so the key is `id`
 * (docs/collectors.md, "Website"); a row whose network Metrica could not tell has no id.
 */
const metricaSplit = z.object({
  data: z.array(
    z.object({
      dimensions: z.tuple([
        z.object({ name: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
        z.object({
          id: z
            .string()
            .regex(/^[\w.-]{1,100}$/)
            .nullish(),
          name: z.string().nullish(),
        }),
      ]),
      metrics: z.tuple([z.number().int().nonnegative()]),
    }),
  ),
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

interface MetricaQuery {
  metrics: string[];
  dimensions: string[];
  filters?: string;
}

async function metricaRequest(
  ctx: CollectContext,
  cred: CollectCredential,
  counter: string,
  window: { from: string; to: string },
  q: MetricaQuery,
) {
  const url = new URL(`${ctx.env.METRICA_API_URL.replace(/\/$/, '')}/stat/v1/data`);
  url.searchParams.set('ids', counter);
  url.searchParams.set('metrics', q.metrics.join(','));
  url.searchParams.set('dimensions', q.dimensions.join(','));
  url.searchParams.set('date1', window.from);
  url.searchParams.set('date2', window.to);
  // A window of 30 days × a few dozen networks stays far below one page.
  url.searchParams.set('limit', '10000');
  url.searchParams.set('accuracy', 'full');
  if (q.filters) url.searchParams.set('filters', q.filters);
  const by = q.dimensions.length > 1 ? ` by ${q.dimensions[1]}` : '';
  const what = `metrica stat/v1/data${q.filters ? ` (${/'(\w+)'/.exec(q.filters)?.[1] ?? 'filtered'}${by})` : ''}`;
  const res = await apiRequest(ctx, {
    what,
    url,
    base: ctx.env.METRICA_API_URL,
    headers: { authorization: `OAuth ${cred.token}` },
    limitKey: `metrica:credential:${cred.id}`,
    bucket: 'metrica',
    secrets: [cred.token],
    classify: metricaClassifier(what),
  });
  return { res, what };
}

async function metrica(
  ctx: CollectContext,
  cred: CollectCredential,
  counter: string,
  window: { from: string; to: string },
  metrics: string[],
  filters?: string,
): Promise<Map<string, number[]>> {
  const { res, what } = await metricaRequest(ctx, cred, counter, window, { metrics, dimensions: ['ym:s:date'], filters });
  const body = parseResponse(metricaData, parseJson(res, what), what);
  // Sampled figures are estimates: not stored as measurements.
  if (body.sampled) throw new BadResponseError(`${what}: the answer is sampled`, 'sampled');
  const out = new Map<string, number[]>();
  for (const row of body.data) {
    if (row.metrics.length !== metrics.length)
      throw new BadResponseError(`${what}: expected ${metrics.length} metrics per row`, 'data.metrics');
    out.set(row.dimensions[0].name, row.metrics);
  }
  return out;
}

/**
 * Where each source's split by network comes from (docs/collectors.md, "Website"): social
 * networks by `ym:s:lastSocialNetwork`; messengers by the documented detailed source,
 * `ym:s:lastSourceEngine`, under the messenger filter (Metrica documents no messenger
 * dimension for the Reporting API).
 */
export const SPLIT_DIMENSIONS = Object.freeze({ social: 'ym:s:lastSocialNetwork', messenger: 'ym:s:lastSourceEngine' } as const);

/** Visits per day and network of one source; rows without a network id stay in the source's total only. */
async function metricaBySource(
  ctx: CollectContext,
  cred: CollectCredential,
  counter: string,
  window: { from: string; to: string },
  source: SiteSource,
): Promise<SiteChannelDay[]> {
  const { res, what } = await metricaRequest(ctx, cred, counter, window, {
    metrics: ['ym:s:visits'],
    dimensions: ['ym:s:date', SPLIT_DIMENSIONS[source]],
    filters: `ym:s:lastTrafficSource=='${source}'`,
  });
  const body = parseResponse(metricaSplit, parseJson(res, what), what);
  if (body.sampled) throw new BadResponseError(`${what}: the answer is sampled`, 'sampled');
  const out = new Map<string, SiteChannelDay>();
  for (const row of body.data) {
    const [date, net] = row.dimensions;
    if (!net.id || row.metrics[0] === 0) continue;
    const key = `${date.name}|${net.id}`;
    const prev = out.get(key);
    if (prev) prev.visits += row.metrics[0];
    else out.set(key, { day: date.name, source, channel: net.id, visits: row.metrics[0] });
  }
  return [...out.values()];
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
    const text = (
      n.children('pubDate').first().text() ||
      n.children('dc\\:date').first().text() ||
      n.children('published').first().text() ||
      n.children('updated').first().text()
    ).trim();
    raw.push(text);
    dates.push(text ? parseFeedDate(text) : null);
  });
  return { dates, raw };
}

export const collectWebsite: Collector = async (account, cred, window, ctx) => {
  const tz = ctx.env.PODIUM_TIMEZONE;
  const warnings: string[] = [];
  const days = new Map<string, AccountDayMetrics>(eachDay(window.from, window.to).map((d) => [d, { day: d }]));
  const channels: NonNullable<CollectResult['siteChannels']> = [];

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
    // The split by network, where Metrica gives it. A source whose split fails is left
    // unmeasured (its stored split is kept, never replaced by nothing); its total stands.
    for (const source of ['social', 'messenger'] as const) {
      try {
        channels.push({ source, days: eachDay(window.from, window.to), rows: await metricaBySource(ctx, cred, counter, window, source) });
      } catch (e) {
        if (e instanceof CredentialError) throw e;
        warnings.push(`split of ${source} visits by network not given: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  const site = account.url ?? (/^https?:\/\//.test(account.externalId) ? account.externalId : null);
  if (site) {
    const what = 'website feed';
    // A URL from branch data: no base, so the HTTP layer's SSRF filter applies (docs/operations.md).
    const res = await apiRequest(ctx, {
      what,
      url: feedUrl(site),
      limitKey: `rss:${URL.canParse(site) ? new URL(site).host : site.slice(0, 100)}`,
      bucket: 'rss',
    });
    const { dates, raw } = parseFeed(res.text);
    const unreadable = raw.filter((_, i) => dates[i] === null);
    if (unreadable.length) {
      warnings.push(
        `feed: ${unreadable.length} item date(s) unreadable, e.g. "${unreadable[0].slice(0, 60)}"; publication counts not stored`,
      );
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
  return { days: out, posts: [], warnings, ...(channels.length ? { siteChannels: channels } : {}) };
};
