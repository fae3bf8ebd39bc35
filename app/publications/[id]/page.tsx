import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';
import { notFound } from 'next/navigation';
import { ExportMenu } from '@/components/export/export-menu';
import { DriftView } from '@/components/publications/drift-view';
import { PublicationBadge } from '@/components/publications/publication-bar';
import { PublishedTable } from '@/components/publications/published-table';
import { PublishForm } from '@/components/publications/publish-form';
import { getDb } from '@/db/client';
import type { AppLocale } from '@/i18n/config';
import { requirePageViewer } from '@/lib/auth/session';
import { rankingExportHref, rankingReportHref } from '@/lib/export/links';
import { formatDay, formatRange, formatTimestamp } from '@/lib/format/date';
import { logger } from '@/lib/log';
import {
  canPublish,
  getDrift,
  getPublishedRanking,
  listChain,
  publicationIdSchema,
  verifyPublication,
  type Drift,
} from '@/lib/publications';
import { periodSearch } from '@/lib/query/url-state';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations('publications');
  return { title: t('pageTitle', { id: (await params).id.slice(0, 20) }) };
}

// One publication: its metadata and hash, the supersession chain, the drift
// from the live ranking and the rows as published (scoped to the viewer).
export default async function PublicationPage({ params }: { params: Params }) {
  const raw = (await params).id;
  const viewer = await requirePageViewer(`/publications/${encodeURIComponent(raw)}`);
  const id = publicationIdSchema.safeParse(raw);
  if (!id.success) notFound();
  const db = getDb();
  const data = await getPublishedRanking(db, viewer, id.data);
  if (!data) notFound();
  const [t, tn, locale, chain, integrity] = await Promise.all([
    getTranslations('publications'),
    getTranslations(),
    getLocale() as Promise<AppLocale>,
    listChain(db, viewer, id.data),
    verifyPublication(db, id.data),
  ]);
  let drift: Drift | undefined;
  try {
    drift = await getDrift(db, viewer, id.data);
  } catch (err) {
    logger.error({ err, publication: id.data }, 'drift of a publication failed');
  }
  const p = data.publication;
  const coordinator = viewer.role === 'coordinator';
  const network = p.network === 'all' ? tn('filters.allNetworks') : tn(`networks.${p.network}`);
  const live = periodSearch(
    p.period.kind === 'custom'
      ? { period: 'custom', from: p.period.from, to: p.period.to, network: p.network }
      : { period: p.period.kind, date: p.period.from, network: p.network },
    { view: 'live' },
  );
  return (
    <main className="container">
      <div className="page-head">
        <h1>{p.title}</h1>
      </div>
      <p className="page-sub">
        <PublicationBadge meta={p} />
      </p>
      {/* The files and report of the publication in force (a superseded one is read here, on the page). */}
      {p.supersededBy === null && (
        <ExportMenu
          href={rankingExportHref({ ...p, district: null }, { sort: 'rank', dir: 'asc' }, 'published')}
          reportHref={rankingReportHref({ ...p, district: null }, 'published')}
        />
      )}
      {p.supersededBy !== null && (
        <p className="banner banner-warn" data-testid="superseded">
          <span>
            {t('supersededNote')} <AppLink href={`/publications/${p.supersededBy}`}>{t('open', { id: p.supersededBy })}</AppLink>
          </span>
        </p>
      )}
      <section className="section card" aria-labelledby="meta-h">
        <h2 id="meta-h" className="visually-hidden">
          {t('meta')}
        </h2>
        <dl className="pub-meta">
          <dt>{t('period')}</dt>
          <dd>
            {formatRange(p.period.from, p.period.to, locale)} · {network}
          </dd>
          <dt>{t('method')}</dt>
          <dd>
            <AppLink href="/methodology">{p.method.label}</AppLink>
          </dd>
          <dt>{t('asOf')}</dt>
          <dd>{formatDay(p.asOf, locale)}</dd>
          <dt>{t('publishedCol')}</dt>
          <dd>
            {p.publishedBy.name || p.publishedBy.email} ({p.publishedBy.email}), {formatTimestamp(p.publishedAt, locale)}
          </dd>
          {p.comment && (
            <>
              <dt>{t('fields.comment')}</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{p.comment}</dd>
            </>
          )}
          {p.supersedes && (
            <>
              <dt>{t('correctionOfLabel')}</dt>
              <dd>
                <AppLink href={`/publications/${p.supersedes.id}`}>{t('open', { id: p.supersedes.id })}</AppLink> — {p.supersedes.reason}
              </dd>
            </>
          )}
          <dt>{t('hash')}</dt>
          <dd>
            <code className="small" style={{ wordBreak: 'break-all' }} data-testid="publication-hash">
              {p.hash}
            </code>{' '}
            {integrity?.valid ? (
              <span className="badge badge-ok">✓ {t('hashOk')}</span>
            ) : (
              <span className="badge badge-bad">⚠ {t('hashBad')}</span>
            )}
          </dd>
        </dl>
        <p className="small">
          <AppLink href={`/${live}`}>{t('openLive')}</AppLink>
        </p>
      </section>

      {chain.length > 1 && (
        <section className="section" aria-labelledby="chain-h">
          <h2 id="chain-h">{t('chain')}</h2>
          <ol className="pub-chain" data-testid="publication-chain">
            {chain.map((c) => (
              <li key={c.id} aria-current={c.id === p.id ? 'true' : undefined}>
                {c.id === p.id ? (
                  <strong>{t('open', { id: c.id })}</strong>
                ) : (
                  <AppLink href={`/publications/${c.id}`}>{t('open', { id: c.id })}</AppLink>
                )}{' '}
                · {c.title} · {formatTimestamp(c.publishedAt, locale)} · <code className="small">{c.hash.slice(0, 12)}</code>
                {c.supersedes && <span className="small muted"> — {t('reasonLabel', { reason: c.supersedes.reason })}</span>}{' '}
                {c.supersededBy === null && <span className="badge badge-ok">{t('inForce')}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}

      {drift ? (
        <DriftView drift={drift} locale={locale} coordinator={coordinator} />
      ) : (
        <p className="banner banner-error">{t('drift.failed')}</p>
      )}

      <PublishedTable data={data} ownBranchId={coordinator ? viewer.branchId : null} coordinator={coordinator} />

      {canPublish(viewer) && p.supersededBy === null && drift && (
        <PublishForm period={p.period} network={p.network} method={drift.live.method.label} supersedes={p.id} />
      )}
    </main>
  );
}
