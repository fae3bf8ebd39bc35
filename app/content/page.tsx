import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { BranchContentTable } from '@/components/content/branch-table';
import { ContentPanels } from '@/components/content/content-panels';
import { getDb } from '@/db/client';
import { requirePageViewer } from '@/lib/auth/session';
import { contentQuerySchema } from '@/lib/content/schema';
import { getContentOverview } from '@/lib/data/content';
import { getLastDataDay } from '@/lib/data/rollup-rows';
import { formatRange } from '@/lib/format/day';
import { FEDERAL_DISTRICTS, NETWORKS } from '@/lib/networks';
import { addDays, periodContaining, todayIn } from '@/lib/ranking/period';
import { DEFAULT_METHOD } from '@/lib/ranking/method';
import type { AppLocale } from '@/i18n/config';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('content');
  return { title: t('nav') };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// Content analytics across branches: every branch for central staff and admins,
// the own branch for a coordinator (scoped in lib/data/content.ts). A plain GET
// form: no client JavaScript.
export default async function ContentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const viewer = await requirePageViewer('/content');
  const db = getDb();
  const [t, tf, locale] = await Promise.all([getTranslations('content'), getTranslations(), getLocale()]);
  // Default window: the latest complete month with data (the running one has too few posts to read).
  const last = (await getLastDataDay(db)) ?? todayIn(DEFAULT_METHOD.timeZone);
  const running = periodContaining('month', last);
  const month = running.to === last ? running : periodContaining('month', addDays(running.from, -1));
  const raw = {
    from: first(sp.from) || month.from,
    to: first(sp.to) || month.to,
    network: first(sp.network) || 'all',
    district: first(sp.district) || undefined,
  };
  const parsed = contentQuerySchema.safeParse(raw);
  const input = parsed.success ? parsed.data : { from: month.from, to: month.to, network: 'all' as const };
  const report = await getContentOverview(db, viewer, input);
  const all = viewer.role === 'admin' || viewer.role === 'central';
  return (
    <main className="container">
      <div className="page-head">
        <div>
          <h1>{t('title')}</h1>
          <p className="page-sub">
            {all
              ? t('overviewSub', {
                  count: report.branches,
                  range: formatRange(input.from, input.to, locale as AppLocale),
                  zone: report.period.timeZone,
                })
              : t('overviewOwn')}
          </p>
        </div>
      </div>
      <form className="content-filters no-print" method="get" action="/content">
        <label>
          {t('from')}
          <input type="date" name="from" defaultValue={input.from} required />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" defaultValue={input.to} required />
        </label>
        <label>
          {t('network')}
          <select name="network" defaultValue={input.network}>
            <option value="all">{t('allNetworks')}</option>
            {NETWORKS.map((n) => (
              <option key={n} value={n}>
                {tf(`networks.${n}`)}
              </option>
            ))}
          </select>
        </label>
        {all && (
          <label>
            {t('district')}
            <select name="district" defaultValue={'district' in input ? (input.district ?? '') : ''}>
              <option value="">{t('allDistricts')}</option>
              {FEDERAL_DISTRICTS.map((d) => (
                <option key={d} value={d}>
                  {tf(`districts.${d}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="btn btn-small">
          {t('apply')}
        </button>
      </form>
      {!parsed.success && (
        <p role="alert" style={{ color: 'var(--down)' }}>
          {t('badFilter', { range: formatRange(month.from, month.to, locale as AppLocale) })}
        </p>
      )}
      <section className="section card" aria-labelledby="content-h" data-testid="content-overview">
        <h2 id="content-h" className="visually-hidden">
          {t('sectionTitle')}
        </h2>
        <ContentPanels report={report} />
      </section>
      {all && report.byBranch.length > 0 && (
        <section className="section" aria-label={t('byBranch')}>
          <BranchContentTable rows={report.byBranch} minPosts={report.minPosts} />
        </section>
      )}
    </main>
  );
}
