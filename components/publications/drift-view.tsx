import { getTranslations } from 'next-intl/server';
import type { AppLocale } from '@/i18n/config';
import { formatDay, formatTimestamp } from '@/lib/format/date';
import { formatFixed, formatNumber, formatShare } from '@/lib/format/number';
import { formatSigned, formatSignedFixed } from '@/lib/format/signed';
import type { Drift, DriftRow } from '@/lib/publications/schema';

const INPUT_KEYS = ['coverage', 'elapsedDays', 'views', 'posts', 'followersStart', 'followersEnd', 'interactions', 'visits'] as const;
type InputKey = (typeof INPUT_KEYS)[number];

function formatInput(metric: string, v: number | null, locale: AppLocale): string {
  return metric === 'coverage' ? formatShare(v, locale, 1) : formatNumber(v, locale, 0);
}

/** Live vs published: the one-line summary and the branches that moved (server component). */
export async function DriftView({ drift, locale, coordinator }: { drift: Drift; locale: AppLocale; coordinator: boolean }) {
  const t = await getTranslations('publications');
  const s = drift.summary;
  const name = (b: DriftRow['branch']) => (locale === 'en' ? b.nameEn : b.name);
  const changed = drift.rows.filter((r) => r.changed);
  // Branches whose place or score moved come first, biggest moves on top; the
  // ones whose inputs moved without changing their result are folded away.
  const moved = changed
    .filter((r) => r.published?.rank !== r.live?.rank || r.published?.score !== r.live?.score || r.published?.eligible !== r.live?.eligible)
    .sort(
      (a, b) => Math.abs(b.rankChange ?? 99) - Math.abs(a.rankChange ?? 99) || Math.abs(b.scoreChange ?? 0) - Math.abs(a.scoreChange ?? 0),
    );
  const inputsOnly = changed.filter((r) => !moved.includes(r));
  const table = (rows: DriftRow[], testId: string) => (
    <div className="table-wrap scroll">
      <table className="data" data-testid={testId}>
        <caption className="visually-hidden">{t('drift.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('drift.branch')}</th>
            <th scope="col" className="num">
              {t('drift.rank')}
            </th>
            <th scope="col" className="num">
              {t('drift.rankChange')}
            </th>
            <th scope="col" className="num">
              {t('drift.score')}
            </th>
            <th scope="col" className="num">
              {t('drift.scoreChange')}
            </th>
            <th scope="col">{t('drift.moved')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.branch.id} data-testid="drift-row">
              <td className="branch-cell">{name(r.branch)}</td>
              <td className="num">
                {r.published?.rank ?? t('drift.notRanked')} → {r.live?.rank ?? t('drift.notRanked')}
              </td>
              <td className={`num ${r.rankChange ? (r.rankChange > 0 ? 'chg-up' : 'chg-down') : 'chg-flat'}`}>
                {formatSigned(r.rankChange, locale, 0)}
              </td>
              <td className="num">
                {formatFixed(r.published?.score, locale, 1)} → {formatFixed(r.live?.score, locale, 1)}
              </td>
              <td className="num">{formatSignedFixed(r.scoreChange, locale, 2)}</td>
              <td>
                <div className="chips">
                  {r.causes.map((c) => (
                    <span key={c} className="badge">
                      {t(`drift.causes.${c}`)}
                    </span>
                  ))}
                </div>
                {r.inputs.length > 0 && (
                  <ul className="small muted drift-inputs">
                    {r.inputs
                      .filter((i): i is DriftRow['inputs'][number] & { metric: InputKey } =>
                        (INPUT_KEYS as readonly string[]).includes(i.metric),
                      )
                      .map((i) => (
                        <li key={i.metric}>
                          {t(`drift.inputs.${i.metric}`)}: {formatInput(i.metric, i.published, locale)} →{' '}
                          {formatInput(i.metric, i.live, locale)}
                        </li>
                      ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  const names = (list: Drift['summary']['topThreeLive']) => list.map((b) => (locale === 'en' ? b.nameEn : b.name)).join(', ') || '—';
  return (
    <section className="section" aria-labelledby="drift-h" data-testid="drift">
      <div className="section-head">
        <h2 id="drift-h">{t('drift.title')}</h2>
        <span className="small muted">
          {t('drift.asOf', {
            published: formatDay(drift.published.asOf, locale),
            live: formatDay(drift.live.asOf, locale),
            computed: formatTimestamp(drift.live.computedAt, locale),
          })}
        </span>
      </div>
      <p className={`banner ${s.rankChanged === 0 && s.topThreeUnchanged ? 'banner-info' : 'banner-warn'}`} data-testid="drift-summary">
        <span>
          {t('drift.summary', { changed: s.rankChanged, top: s.topThreeUnchanged ? 'same' : 'changed' })}
          {!s.topThreeUnchanged && <> {t('drift.topThree', { published: names(s.topThreePublished), live: names(s.topThreeLive) })}</>}
          {s.methodChanged && <> {t('drift.method', { published: drift.published.method.label, live: drift.live.method.label })}</>}
          {s.scoreChanged > 0 && <> {t('drift.scores', { n: s.scoreChanged })}</>}
        </span>
      </p>
      {coordinator && <p className="small muted">{t('drift.ownOnly')}</p>}
      {changed.length === 0 ? (
        <p className="small muted" data-testid="drift-none">
          {coordinator ? t('drift.noneOwn') : t('drift.none')}
        </p>
      ) : (
        <>
          {moved.length > 0 && table(moved, 'drift-table')}
          {inputsOnly.length > 0 && (
            <details className="drift-more" open={moved.length === 0 || undefined}>
              <summary>{t('drift.inputsOnly', { n: inputsOnly.length })}</summary>
              {table(inputsOnly, 'drift-table-inputs')}
            </details>
          )}
        </>
      )}
    </section>
  );
}
