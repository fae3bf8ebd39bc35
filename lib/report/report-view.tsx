import type { ReactNode } from 'react';
import type { AppLocale } from '../../i18n/config';
import type { RankingRow } from '../api/schemas';
import { formatDay, formatRange, formatTimestamp } from '../format/date';
import { formatFixed, formatNumber, formatPercent, formatRatio, formatShare } from '../format/number';
import { COMPONENT_IDS, normalisedWeights, type ComponentId } from '../ranking/method';
import { mainReason, type ReportModel } from './model';

// The meeting report as plain markup (no hooks, no client code): the print page
// renders it inside Next.js, the meeting pack renders it to a static HTML
// document for Chromium. Texts come from next-intl messages through `t`.

/** next-intl's translator, as both the server page and `createTranslator` give it. */
export interface ReportText {
  t(key: string, values?: Record<string, string | number | Date>): string;
}

export interface ReportViewProps {
  model: ReportModel;
  locale: AppLocale;
  text: ReportText;
  /** When the report was made (shown in the method note). */
  printedAt: Date;
  /** Above the content on screen only (the print button). */
  toolbar?: ReactNode;
  /** Statement of the ranking's uncertainty, shown on page 1 under the podium when the method gives one. */
  uncertainty?: ReactNode;
}

/** Tables keep the last rows together so no page carries a single row. */
const TAIL = 2;

/** A branch name; a dash never starts a line (Russian typography), so " —" is bound to the word before it. */
function name(row: RankingRow, locale: AppLocale): string {
  return (locale === 'ru' ? row.branch.name : row.branch.nameEn).replace(/ \u2014/g, '\u00a0\u2014');
}

function ChangeText({ change, notBefore }: { change: number | null; notBefore: string }) {
  if (change === null) return <span title={notBefore}>—</span>;
  if (change > 0) return <span>▲ {change}</span>;
  if (change < 0) return <span>▼ {Math.abs(change)}</span>;
  return <span>—</span>;
}

/** Rows in two bodies: the last TAIL rows cannot be split across a page. */
function Bodies({ rows, render }: { rows: RankingRow[]; render: (r: RankingRow) => ReactNode }) {
  const head = rows.length > TAIL * 2 ? rows.slice(0, rows.length - TAIL) : [];
  const tail = rows.slice(head.length);
  return (
    <>
      {head.length > 0 && <tbody>{head.map(render)}</tbody>}
      <tbody className="rpt-keep">{tail.map(render)}</tbody>
    </>
  );
}

export function ReportView({ model, locale, text, printedAt, toolbar, uncertainty }: ReportViewProps) {
  const { t } = text;
  const res = model.ranking;
  const period = formatRange(res.period.from, res.period.to, locale);
  const asOf = formatDay(res.freshness.asOf, locale);
  const dataAsOf = t('print.dataAsOf', { day: asOf });
  const notBefore = t('report.notRankedBefore');
  const weights = model.method ? normalisedWeights(model.method) : null;
  const delta = formatShare(res.robustness.weightDelta, locale);

  const reason = (row: RankingRow): string => {
    const r = mainReason(row, model.ranked.length);
    if (!r) return '—';
    const { item } = r;
    const component = t(`components.${item.component}`);
    const ratio = item.ratio !== null && Number.isFinite(item.ratio) && item.ratio > 0 ? formatRatio(item.ratio, locale) : null;
    if (r.kind === 'lifts') {
      if (ratio) return t('ranking.reason', { component, ratio });
      if (item.percentile !== null) return t('ranking.reasonPercentile', { component, pct: formatShare(item.percentile / 100, locale) });
      return component;
    }
    if (ratio) return t('report.reasonHolds', { component, ratio });
    if (item.percentile !== null)
      return t('report.reasonHoldsPercentile', { component, pct: formatShare(1 - item.percentile / 100, locale) });
    return component;
  };
  const compText = (row: RankingRow, id: ComponentId) => {
    // Activity: the real posts per week (the score's cap is stated with the method's weights).
    const comp = row.detail?.components.find((c) => c.id === id)?.value ?? null;
    const v = id === 'activity' ? (row.figures?.postsPerWeek ?? comp) : comp;
    if (v === null) return '—';
    return id === 'engagement_rate' || id === 'follower_growth'
      ? formatPercent(v, locale)
      : formatNumber(v, locale, id === 'activity' ? 1 : 0);
  };
  const podiumOrder = [1, 0, 2].filter((i) => i < model.top.length);
  // The method's own components (podium-v2 has its own set), else every component.
  const shown = res.method.components ?? COMPONENT_IDS;

  return (
    <div className="rpt" lang={locale}>
      {toolbar && <div className="rpt-toolbar">{toolbar}</div>}
      {/* The frame's header row repeats on every printed page: the running header. */}
      <table className="rpt-frame" role="presentation">
        <thead>
          <tr>
            <td>
              <div className="rpt-running" data-testid="running-header">
                <span>Podium · {t('report.title')}</span>
                <span>
                  {period} · {dataAsOf}
                </span>
              </div>
            </td>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <section className="rpt-first" aria-labelledby="rpt-podium">
                <h1>{t('report.title')}</h1>
                <p className="rpt-meta">
                  {t(`period.kinds.${res.period.kind}`)}: {period} · {dataAsOf} · {res.method.label}
                  {res.network !== 'all' ? ` · ${t(`networks.${res.network}`)}` : ''}
                  {res.district ? ` · ${t(`districts.${res.district}`)}` : ''}
                </p>
                <div className="rpt-podium-block">
                  <h2 id="rpt-podium">{t('report.podium')}</h2>
                  <ol className="rpt-podium">
                    {podiumOrder.map((i) => {
                      const row = model.top[i]!;
                      return (
                        <li key={row.branch.slug} className={`rpt-step rpt-p${i + 1}`}>
                          <div className="rpt-place">{t('report.place', { place: row.rank ?? i + 1 })}</div>
                          <div className="rpt-podium-name">{name(row, locale)}</div>
                          <div className="rpt-podium-score">
                            {t('report.score')} {formatFixed(row.score, locale, 1)} {t('report.scoreUnit')} ·{' '}
                            <ChangeText change={row.change} notBefore={notBefore} />
                          </div>
                          <div className="rpt-podium-reason">{reason(row)}</div>
                        </li>
                      );
                    })}
                  </ol>
                  <p className="rpt-note">
                    {res.robustness.status === 'stable'
                      ? t('report.stable', { delta })
                      : t('report.contested', {
                          delta,
                          names: res.robustness.challengers.map((c) => (locale === 'ru' ? c.name : c.nameEn)).join(', '),
                        })}
                  </p>
                </div>
                {uncertainty}
                <h2>{t('report.movers')}</h2>
                <div className="rpt-movers">
                  {(['up', 'down'] as const).map((dir) => {
                    const list = dir === 'up' ? model.up : model.down;
                    return (
                      <div key={dir}>
                        <h3>{t(`report.${dir}`)}</h3>
                        {list.length === 0 ? (
                          <p>{t('report.none')}</p>
                        ) : (
                          <ul>
                            {list.map((r) => (
                              <li key={r.branch.slug}>
                                {dir === 'up' ? '▲' : '▼'} {t('report.moved', { places: Math.abs(r.change!) })} — {name(r, locale)} (
                                {r.previousRank} → {r.rank})
                              </li>
                            ))}
                          </ul>
                        )}
                      </div>
                    );
                  })}
                </div>
              </section>

              <section aria-labelledby="rpt-full">
                <h2 id="rpt-full" className="rpt-keep-next">
                  {t('report.ranking')}
                </h2>
                <table className="rpt-table" data-testid="report-ranking">
                  <thead>
                    <tr>
                      <th className="num">{t('report.rank')}</th>
                      <th>{t('report.branch')}</th>
                      <th className="num">
                        {t('report.score')}
                        <span className="rpt-unit">{t('report.scoreUnit')}</span>
                      </th>
                      <th className="num">{t('report.change')}</th>
                      <th className="num">
                        {t('report.coverage')}
                        <span className="rpt-unit">%</span>
                      </th>
                      <th>{t('report.reason')}</th>
                    </tr>
                  </thead>
                  <Bodies
                    rows={model.ranked}
                    render={(r) => (
                      <tr key={r.branch.slug}>
                        <td className="num">{r.rank}</td>
                        <td>{name(r, locale)}</td>
                        <td className="num">{formatFixed(r.score, locale, 1)}</td>
                        <td className="num">
                          <ChangeText change={r.change} notBefore={notBefore} />
                        </td>
                        <td className="num">{r.detail ? formatShare(r.detail.coverage, locale) : '—'}</td>
                        <td>{r.detail ? reason(r) : '—'}</td>
                      </tr>
                    )}
                  />
                </table>
                {model.unranked.length > 0 && (
                  <div className="rpt-block">
                    <h3>{t('report.notRanked')}</h3>
                    <ul className="rpt-muted">
                      {model.unranked.map((r) => (
                        <li key={r.branch.slug}>
                          {name(r, locale)}:{' '}
                          {r.detail?.eligibility.reasons
                            .map((x) => {
                              const share = x.code === 'low_coverage';
                              const f = (v: number | null) =>
                                v === null ? '—' : share ? formatShare(v, locale) : formatNumber(v, locale, 1);
                              return t(`reasons.${x.code}`, { actual: f(x.actual), required: f(x.required) });
                            })
                            .join('; ') ?? '—'}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </section>

              <section aria-labelledby="rpt-numbers">
                <h2 id="rpt-numbers" className="rpt-keep-next">
                  {t('report.keyNumbers')}
                </h2>
                <p className="rpt-muted">
                  {period}. {t('report.keyNumbersNote')}
                </p>
                <table className="rpt-table rpt-small" data-testid="report-numbers">
                  <thead>
                    <tr>
                      <th className="num">{t('report.rank')}</th>
                      <th>{t('report.branch')}</th>
                      {shown.map((id) => (
                        <th key={id} className="num">
                          {t(`report.cols.${id}`)}
                          <span className="rpt-unit">{t(`report.units.${id}`)}</span>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <Bodies
                    rows={model.withDetail}
                    render={(r) => (
                      <tr key={r.branch.slug}>
                        <td className="num">{r.rank ?? '—'}</td>
                        <td>{name(r, locale)}</td>
                        {shown.map((id) => (
                          <td key={id} className="num">
                            {compText(r, id)}
                          </td>
                        ))}
                      </tr>
                    )}
                  />
                </table>
              </section>

              <section aria-labelledby="rpt-flags">
                <h2 id="rpt-flags" className="rpt-keep-next">
                  {t('report.flags')}
                </h2>
                {model.flagged.length === 0 ? (
                  <p>{t('report.noFlags')}</p>
                ) : (
                  <ul className="rpt-flags">
                    {model.flagged.flatMap((r) =>
                      r.detail!.flags.map((f, i) => (
                        <li key={`${r.branch.slug}-${i}`}>
                          <strong>{name(r, locale)}</strong>:{' '}
                          {t(`flags.${f.kind}`, {
                            network: f.network ? ` (${t(`networks.${f.network}`)})` : '',
                            value: formatNumber(f.value, locale, 0),
                            day: formatDay(f.day, locale),
                            until: formatDay(f.until, locale),
                          })}
                        </li>
                      )),
                    )}
                  </ul>
                )}
                <h2 className="rpt-keep-next">{t('report.method')}</h2>
                <p className="rpt-footnote">
                  {t('report.methodText', {
                    posts: model.method ? formatNumber(model.method.eligibility.minPostsPerMonth, locale, 0) : '—',
                    coverage: model.method ? formatShare(model.method.eligibility.minCoverage, locale) : '—',
                    weights: weights
                      ? COMPONENT_IDS.filter((id) => weights[id] > 0)
                          .map((id) => `${t(`components.${id}`)} — ${formatShare(weights[id], locale)}`)
                          .join('; ')
                      : '—',
                  })}{' '}
                  {res.method.label}. {t('print.printed', { time: formatTimestamp(printedAt, locale) })}
                </p>
              </section>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
