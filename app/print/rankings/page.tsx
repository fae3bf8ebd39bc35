import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { rankingsQuerySchema, type RankingResponse } from '@/lib/api/schemas';
import { requirePageViewer } from '@/lib/auth/session';
import { getMethod, UnknownMethodError } from '@/lib/data/methods';
import { loadRanking, PackSourceError, rankingSourceSchema, splitSourceParam } from '@/lib/pack/source';
import { formatRange } from '@/lib/format/day';
import { DEFAULT_METHOD } from '@/lib/ranking/method';
import { resolvePeriod, todayIn } from '@/lib/ranking/period';
import { buildReportModel } from '@/lib/report/model';
import { REPORT_CSS } from '@/lib/report/report-css';
import { ReportView } from '@/lib/report/report-view';
import type { AppLocale } from '@/i18n/config';
import { PrintButton } from './print-button';
import { UncertaintyNote } from '@/components/ranking/uncertainty-note';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function toSearchParams(sp: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    if (Array.isArray(v)) v.forEach((x) => out.append(k, x));
    else if (v !== undefined) out.append(k, v);
  }
  return out;
}

function parse(sp: Record<string, string | string[] | undefined>) {
  const { rest } = splitSourceParam(toSearchParams(sp));
  return rankingsQuerySchema.safeParse(Object.fromEntries(rest));
}

/** `source=published` prints the period's publication in force; live otherwise. */
function parseSource(sp: Record<string, string | string[] | undefined>) {
  return rankingSourceSchema.safeParse(Object.fromEntries(splitSourceParam(toSearchParams(sp)).source));
}

// The document title in the UI language, with the period when the query is valid.
export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const [t, locale] = await Promise.all([getTranslations('report'), getLocale()]);
  const parsed = parse(await searchParams);
  if (!parsed.success) return { title: t('title') };
  let label = '';
  try {
    const p = resolvePeriod(parsed.data, todayIn(DEFAULT_METHOD.timeZone));
    label = formatRange(p.from, p.to, locale as AppLocale);
  } catch {
    // An impossible date: the page itself says what is wrong.
  }
  return { title: label ? t('docTitle', { period: label }) : t('title') };
}

// The meeting report: podium, uncertainty, movers, full ranking, key numbers, flags, method — A4-ready.
export default async function PrintRankingsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePageViewer('/print/rankings');
  const locale = (await getLocale()) as AppLocale;
  const t = await getTranslations();
  const sp = await searchParams;
  const parsed = parse(sp);
  const source = parseSource(sp);
  if (!parsed.success || !source.success) {
    const issue = (parsed.error ?? source.error)?.issues[0];
    return (
      <main className="container">
        <h1>{t('report.invalid')}</h1>
        <p role="alert">
          {issue?.path.join('.') || 'query'}: {issue?.message}
        </p>
      </main>
    );
  }
  const db = getDb();
  let res: RankingResponse;
  try {
    res = await loadRanking(db, viewer, parsed.data, source.data.source);
  } catch (err) {
    // An unknown method version or an unpublished period are the client-caused failures here; anything else is logged.
    if (!(err instanceof UnknownMethodError) && !(err instanceof PackSourceError)) throw err;
    return (
      <main className="container">
        <h1>{t('report.invalid')}</h1>
        <p role="alert">
          {err instanceof UnknownMethodError ? 'method' : 'source'}: {err.message}
        </p>
      </main>
    );
  }
  const method = await getMethod(db, res.method.label);
  const model = buildReportModel(res, method?.definition ?? null);
  // The page's CSP admits style elements with this render's nonce only (proxy.ts).
  const nonce = /'nonce-([^']+)'/.exec((await headers()).get('content-security-policy') ?? '')?.[1];
  return (
    <main>
      <style nonce={nonce}>{REPORT_CSS}</style>
      <ReportView
        model={model}
        locale={locale}
        text={{ t }}
        printedAt={new Date()}
        toolbar={<PrintButton label={t('report.print')} />}
        uncertainty={<UncertaintyNote data={res.robustness.data} rows={res.rows} className="rpt-note" />}
      />
    </main>
  );
}
