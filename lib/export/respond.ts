import type { ExportLocale } from './cells';
import type { ExportOptions } from './definitions';
import { csvChunks, csvResponse, textStream, type ExportColumn } from './table';
import { xlsxResponse, xlsxStream } from './xlsx';
import { bilingual } from './text';

export interface ExportSpec<Row> {
  options: ExportOptions;
  locale: ExportLocale;
  columns: ExportColumn<Row>[];
  rows: AsyncIterable<Row> | Iterable<Row>;
  /** File name without extension, e.g. "podium-rankings-month-2026-10-all". */
  basename: string;
  sheetName: Record<ExportLocale, string>;
  about: { label: string; value: string | number }[];
}

/** The export as a streamed CSV or XLSX download. */
export function exportResponse<Row>(spec: ExportSpec<Row>): Response {
  if (spec.options.format === 'xlsx') {
    const body = xlsxStream({
      sheetName: spec.sheetName[spec.locale],
      columns: spec.columns,
      rows: spec.rows,
      locale: spec.locale,
      about: spec.about,
      aboutSheetName: bilingual('about')[spec.locale],
    });
    return xlsxResponse(body, `${spec.basename}.xlsx`);
  }
  const chunks = csvChunks(spec.rows, spec.columns, { delimiter: spec.options.delimiter, locale: spec.locale });
  return csvResponse(textStream(chunks), `${spec.basename}.csv`);
}
