'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import type { CompareResponse } from '@/lib/api/schemas';
import type { LineSpec } from '@/lib/compare/lines';
import { METRIC_TOTAL } from '@/lib/compare/normalize';
import { compareValue } from '@/components/charts/format';
import { columnDigits } from '@/lib/format/column';
import { formatRange } from '@/lib/format/day';
import { LineSample } from './line-sample';

/** The period totals of every line, in the legend's order, with the unit and period in the header. */
export function CompareTable({ data, lines, nameOf }: { data: CompareResponse; lines: LineSpec[]; nameOf: (l: LineSpec) => string }) {
  const t = useTranslations();
  const tc = useTranslations('compareView');
  const locale = useLocale();
  const basis = data.basis ?? 'absolute';
  const totals = [...data.series.map((s) => s.total ?? null), ...(data.references ?? []).map((r) => r.total)];
  // One number of fraction digits for the whole column (lib/format/column.ts).
  const digits = columnDigits(totals);
  const mode = METRIC_TOTAL[data.metric];
  return (
    <section className="section" aria-labelledby="cmp-table-h">
      <h2 id="cmp-table-h">{tc('table', { range: formatRange(data.from, data.to, locale) })}</h2>
      <div className="table-wrap scroll">
        <table className="data" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">{tc('line')}</th>
              <th scope="col" className="num">
                {tc(`total.${mode}`)}
                <br />
                <span className="small muted">
                  {t(`metrics.${data.metric}`)}
                  {basis === 'absolute' ? '' : `, ${tc(`unit.${basis}`)}`}
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.key} data-kind={l.ref.type} className={l.ref.type === 'reference' ? 'muted' : undefined}>
                <td className="branch-cell">
                  <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
                    <LineSample line={l} />
                    {l.ref.type === 'branch' ? <a href={`/branches/${l.ref.slug}`}>{nameOf(l)}</a> : nameOf(l)}
                  </span>
                </td>
                <td className="num tnum">
                  {totals[i] === null ? (
                    <span className="dash" title={t('missing.notMeasured')} aria-label={t('missing.notMeasured')}>
                      —
                    </span>
                  ) : (
                    compareValue(totals[i], data.metric, basis, locale, digits)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
