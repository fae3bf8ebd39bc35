import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requirePageViewer } from '@/lib/auth/session';
import { getRankStability } from '@/lib/data/rank-stability';
import { formatFixed } from '@/lib/format/number';
import { median } from '@/lib/ranking/stats';
import { BOOTSTRAP } from '@/lib/ranking/uncertainty';
import type { AppLocale } from '@/i18n/config';

/**
 * Methodology page section: month-to-month stability of the ranking on the
 * current data (Spearman's ρ of consecutive months' scores, last 12 months).
 */
export async function RankStability() {
  const viewer = await requirePageViewer('/methodology');
  const [t, locale, s] = await Promise.all([
    getTranslations('stability'),
    getLocale() as Promise<AppLocale>,
    getRankStability(getDb(), viewer),
  ]);
  const pairs = s.pairs.filter((p) => p.spearman !== null);
  const rho = median(pairs.map((p) => p.spearman));
  const dash = '—';
  return (
    <section className="section" aria-labelledby="stability-h" data-testid="rank-stability">
      <h2 id="stability-h">{t('rangesTitle')}</h2>
      <p>{t('rangesText', { resamples: BOOTSTRAP.resamples, block: BOOTSTRAP.blockDays, seed: String(BOOTSTRAP.seed) })}</p>
      <h3>{t('title')}</h3>
      <p>{t('intro', { method: s.method })}</p>
      {pairs.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <>
          <p>
            <strong>{t('summary', { pairs: pairs.length, rho: formatFixed(rho, locale, 2) })}</strong>
          </p>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('month')}</th>
                  <th scope="col" className="num">
                    {t('branches')}
                  </th>
                  <th scope="col" className="num">
                    {t('rho')}
                  </th>
                  <th scope="col" className="num">
                    {t('medianShift')}
                  </th>
                  <th scope="col" className="num">
                    {t('maxShift')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.pairs.map((p) => (
                  <tr key={p.current}>
                    <td>
                      {p.previous} → {p.current}
                    </td>
                    <td className="num">{p.branches}</td>
                    <td className="num">{p.spearman === null ? dash : formatFixed(p.spearman, locale, 2)}</td>
                    <td className="num">{p.medianShift === null ? dash : formatFixed(p.medianShift, locale, 1)}</td>
                    <td className="num">{p.maxShift ?? dash}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="small muted">{t('reading')}</p>
    </section>
  );
}
