'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { AppLink } from '@/components/ui/app-link';
import type { RankingResponse, RankingRow } from '@/lib/api/schemas';
import { formatFixed, formatShare } from '@/lib/format/number';
import { RankChange } from '@/components/ui/rank-change';
import { Tip } from '@/components/ui/tip';
import { useRankingTexts } from './texts';
import { RankRange, TopClassBadge, UncertaintyNote, topClassOf } from './uncertainty-note';

function PodiumCard({ row, place, href, top }: { row: RankingRow; place: 1 | 2 | 3; href: string | null; top: 'clear' | 'noise' | null }) {
  const t = useTranslations('ranking');
  const locale = useLocale();
  const { reason } = useRankingTexts();
  const districts = useTranslations('districts');
  const name = locale === 'en' ? row.branch.nameEn : row.branch.name;
  return (
    <li className={`podium-card place-${place}`} data-testid="podium-card">
      <div className="podium-place">
        <span className="medal" aria-hidden="true">
          {row.rank ?? place}
        </span>
        <span>
          {t('place', { place: row.rank ?? place })} <RankRange range={row.rankRange} />
        </span>
        {row.detail && (
          <span style={{ marginLeft: 'auto' }}>
            <RankChange change={row.change} />
          </span>
        )}
      </div>
      <div className="podium-name">{href ? <AppLink href={href}>{name}</AppLink> : name}</div>
      <div className="small muted">{districts(row.branch.federalDistrict)}</div>
      <div>
        <TopClassBadge kind={top} />
      </div>
      <div>
        <span className="podium-score">{formatFixed(row.score, locale, 1)}</span>{' '}
        <a href="/methodology" className="muted small" title={t('methodology')}>
          {t('scoreOf')}
        </a>
      </div>
      {/* Without the detail (a coordinator looking at another branch) the card still says why it is short. */}
      <div className="podium-reason">{row.detail ? reason(row.detail.explanation?.headline) : t('podiumDetailHidden')}</div>
    </li>
  );
}

export function Podium({ data, hrefFor }: { data: RankingResponse; hrefFor: (row: RankingRow) => string | null }) {
  const t = useTranslations('ranking');
  const locale = useLocale();
  const ranked = data.rows.filter((r) => r.eligible && r.rank !== null);
  const top = ranked.slice(0, 3);
  if (top.length === 0) return null;
  const rb = data.robustness;
  const delta = formatShare(rb.weightDelta, locale);
  const names = rb.challengers.map((c) => (locale === 'en' ? c.nameEn : c.name)).join(', ');
  const unc = rb.data;
  const noise = unc ? unc.withinNoise.map((c) => (locale === 'en' ? c.nameEn : c.name)).join(', ') : '';
  const dataHelp = unc
    ? unc.status === 'stable'
      ? t('dataStableHelp', { resamples: unc.resamples, topN: 3 })
      : t('dataContestedHelp', { names: noise, share: formatShare(unc.sameTopShare, locale) })
    : '';
  // Accessible names start with the badge's visible words (axe: label-content-name-mismatch).
  const weightsText = t('weightsBadge', { state: t(rb.status === 'contested' ? 'contested' : 'stable').toLocaleLowerCase(locale) });
  const dataText = unc ? (unc.status === 'stable' ? t('dataStable') : t('dataContested', { count: unc.withinNoise.length })) : '';
  return (
    <section aria-labelledby="podium-h" className="section">
      <div className="podium-head">
        <h2 id="podium-h">{t('podium')}</h2>
        <div className="podium-badges">
          {rb.status === 'contested' ? (
            <Tip
              id="contested-tip"
              label={`${weightsText}: ${t('contestedHelp', { delta, names: names || '—' })}`}
              tip={t('contestedHelp', { delta, names: names || '—' })}
              align="right"
            >
              <span className="badge badge-warn" data-testid="contested">
                <span aria-hidden="true">⚠</span> {weightsText}
              </span>
            </Tip>
          ) : (
            <Tip id="stable-tip" label={`${weightsText}: ${t('stableHelp', { delta })}`} tip={t('stableHelp', { delta })} align="right">
              <span className="badge badge-ok">
                <span aria-hidden="true">✓</span> {weightsText}
              </span>
            </Tip>
          )}
          {unc && (
            <Tip id="data-tip" label={`${dataText}: ${dataHelp}`} tip={dataHelp} align="right">
              {unc.status === 'stable' ? (
                <span className="badge badge-ok" data-testid="data-stable">
                  <span aria-hidden="true">✓</span> {dataText}
                </span>
              ) : (
                <span className="badge badge-warn" data-testid="data-contested">
                  <span aria-hidden="true">⚠</span> {dataText}
                </span>
              )}
            </Tip>
          )}
        </div>
      </div>
      <ol className="podium">
        {top.map((row, i) => (
          <PodiumCard key={row.branch.id} row={row} place={(i + 1) as 1 | 2 | 3} href={hrefFor(row)} top={topClassOf(unc, row.branch.id)} />
        ))}
      </ol>
      <UncertaintyNote data={unc} rows={data.rows} />
    </section>
  );
}

export function PodiumSkeleton() {
  return (
    <section className="section" aria-hidden="true">
      <div className="skeleton" style={{ width: 160, height: 22, marginBottom: 10 }} />
      <ol className="podium">
        {[1, 2, 3].map((p) => (
          <li key={p} className={`podium-card place-${p}`}>
            <div className="skeleton" style={{ width: '40%', height: 20 }} />
            <div className="skeleton" style={{ width: '70%', height: 20 }} />
            <div className="skeleton" style={{ width: '35%', height: 34 }} />
            <div className="skeleton" style={{ width: '85%', height: 16, marginTop: 'auto' }} />
          </li>
        ))}
      </ol>
    </section>
  );
}
