import { json, startFake, type FakeServer } from './server';

export interface MetricaDay {
  visits: number;
  users: number;
  pageviews: number;
  social: number;
  messenger?: number;
  /** Social visits by Metrica's network id (ym:s:lastSocialNetwork); null: a row Metrica cannot attribute. */
  socialBy?: Record<string, number>;
  /** Messenger visits by detailed source id (ym:s:lastSourceEngine under the messenger filter). */
  messengerBy?: Record<string, number>;
}

/** Display names Metrica puts beside an id (localised; the collector keys on the id). */
const NAMES: Record<string, string> = {
  vkontakte: 'ВКонтакте',
  odnoklassniki: 'Одноклассники',
  telegram: 'Telegram',
  max: 'MAX',
  '': 'Не определено',
};

export interface WebsiteFake {
  server: FakeServer;
  /** METRICA_API_URL. */
  metricaUrl: string;
  /** Site root whose /rss.xml is served from `feeds`. */
  siteUrl: string;
  counters: Map<string, Map<string, MetricaDay>>;
  tokens: Set<string>;
  feeds: Map<string, string>;
  sampled: boolean;
  /** Fault mode: a split dimension is refused as Metrica refuses an unknown parameter (400). */
  splitUnsupported: boolean;
}

export async function startWebsiteFake(): Promise<WebsiteFake> {
  const fake: WebsiteFake = {
    server: undefined as unknown as FakeServer,
    metricaUrl: '',
    siteUrl: '',
    counters: new Map(),
    tokens: new Set(),
    feeds: new Map(),
    sampled: false,
    splitUnsupported: false,
  };
  fake.server = await startFake((req) => {
    if (req.path === '/stat/v1/data') {
      const token = /^OAuth (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !fake.tokens.has(token)) {
        return json(
          { errors: [{ error_type: 'invalid_token', message: 'Invalid oauth_token' }], code: 403, message: 'Invalid oauth_token' },
          403,
        );
      }
      const counter = fake.counters.get(req.query.get('ids') ?? '');
      if (!counter)
        return json(
          { errors: [{ error_type: 'access_denied', message: 'Access is denied' }], code: 403, message: 'Access is denied' },
          403,
        );
      const from = req.query.get('date1') ?? '';
      const to = req.query.get('date2') ?? '';
      const social = (req.query.get('filters') ?? '').includes("'social'");
      const messenger = (req.query.get('filters') ?? '').includes("'messenger'");
      const metrics = (req.query.get('metrics') ?? '').split(',');
      const dimensions = (req.query.get('dimensions') ?? '').split(',');
      if (dimensions.length > 1) {
        // The split by network: one row per (date, network), as the Reporting API gives it.
        if (fake.splitUnsupported)
          return json(
            {
              errors: [{ error_type: 'invalid_parameter', message: `Wrong parameter: ${dimensions[1]}` }],
              code: 400,
              message: 'Wrong parameter',
            },
            400,
          );
        const rows = [...counter.entries()]
          .filter(([d]) => d >= from && d <= to)
          .sort(([a], [b]) => a.localeCompare(b))
          .flatMap(([d, m]) =>
            Object.entries((social ? m.socialBy : messenger ? m.messengerBy : undefined) ?? {})
              .filter(([, v]) => v > 0)
              .map(([id, v]) => ({
                dimensions: [
                  { name: d },
                  id ? { name: NAMES[id] ?? id, id, icon_id: id, icon_type: 'social-network' } : { name: NAMES[''], id: null },
                ],
                metrics: [v],
              })),
          );
        return json({
          query: { ids: [Number(req.query.get('ids'))], dimensions, metrics, date1: from, date2: to, offset: 1, limit: 10000 },
          data: rows,
          total_rows: rows.length,
          sampled: fake.sampled,
          contains_sensitive_data: false,
          totals: [rows.reduce((a, r) => a + r.metrics[0], 0)],
        });
      }
      const rows = [...counter.entries()]
        .filter(([d, m]) => d >= from && d <= to && m.visits > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([d, m]) => ({
          dimensions: [{ name: d }],
          metrics: social
            ? [m.social]
            : messenger
              ? [m.messenger ?? 0]
              : metrics.map((k) => (k === 'ym:s:visits' ? m.visits : k === 'ym:s:users' ? m.users : m.pageviews)),
        }))
        .filter((r) => r.metrics[0] > 0);
      return json({
        query: { ids: [Number(req.query.get('ids'))], dimensions: ['ym:s:date'], metrics, date1: from, date2: to, offset: 1, limit: 1000 },
        data: rows,
        total_rows: rows.length,
        sampled: fake.sampled,
        contains_sensitive_data: false,
        totals: metrics.map(() => 0),
      });
    }
    const feed = fake.feeds.get(req.path);
    if (feed !== undefined) return { status: 200, headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: feed };
    return { status: 404, body: 'not found' };
  });
  fake.metricaUrl = fake.server.url;
  fake.siteUrl = fake.server.url;
  return fake;
}

export function rssFeed(items: { title: string; pubDate: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Branch news</title><link>https://example.org</link>
${items.map((i) => `<item><title>${i.title}</title><link>https://example.org/n/${encodeURIComponent(i.title)}</link><pubDate>${i.pubDate}</pubDate></item>`).join('\n')}
</channel></rss>`;
}

export function atomFeed(items: { title: string; published: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Branch news</title>
${items.map((i) => `<entry><title>${i.title}</title><published>${i.published}</published><updated>${i.published}</updated></entry>`).join('\n')}
</feed>`;
}
