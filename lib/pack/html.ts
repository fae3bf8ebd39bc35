import { createTranslator } from 'next-intl';
import { IntlProvider, type Translate } from '../../i18n/client';
import { UncertaintyNote } from '../../components/ranking/uncertainty-note';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AppLocale } from '../../i18n/config';
import en from '../../messages/en.json';
import ru from '../../messages/ru.json';
import { formatRange } from '../format/date';
import type { ReportModel } from '../report/model';
import { REPORT_CSS } from '../report/report-css';
import { ReportView } from '../report/report-view';

const MESSAGES = { ru, en } as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * The meeting report as a self-contained HTML document, rendered from the data
 * layer's ranking (no HTTP route, so nothing is opened to unauthenticated
 * requests). The same component and stylesheet as /print/rankings.
 */
export function renderReportHtml(model: ReportModel, locale: AppLocale, printedAt: Date): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale] });
  const text = { t: (key: string, values?: Record<string, string | number | Date>) => t(key as never, values as never) };
  // The uncertainty statement is the print page's own component; its hooks ('#i18n') read
  // this translator through the client provider.
  const uncertainty = createElement(UncertaintyNote, {
    data: model.ranking.robustness.data,
    rows: model.ranking.rows,
    className: 'rpt-note',
  });
  const report = createElement(ReportView, { model, locale, text, printedAt, uncertainty });
  const body = renderToStaticMarkup(createElement(IntlProvider, { locale, translate: t as unknown as Translate, children: report }));
  const title = t('report.docTitle', { period: formatRange(model.ranking.period.from, model.ranking.period.to, locale) });
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{margin:0;font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif}${REPORT_CSS}</style></head><body>${body}</body></html>`;
}
