import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutralizeText, type ExportLocale } from './cells';
import { contentDisposition, type ExportColumn } from './table';

/** Largest XLSX export: its zip writer buffers ahead of a slow reader (~50 MB per 100k rows measured). */
export const XLSX_MAX_ROWS = 100_000;

export interface XlsxOptions<Row> {
  sheetName: string;
  columns: ExportColumn<Row>[];
  rows: AsyncIterable<Row> | Iterable<Row>;
  locale: ExportLocale;
  /** Second sheet: how the numbers were made (method, filters, period, data date). */
  about: { label: string; value: string | number }[];
  aboutSheetName: string;
}

function cellValue(value: unknown, type: ExportColumn<unknown>['type']): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if ((type === 'number' || type === 'integer') && typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  if ((type === 'date' || type === 'datetime') && value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  // Text is written as a string cell, which Excel never evaluates; the guard
  // still applies so a copy-paste into CSV stays harmless.
  return neutralizeText(typeof value === 'string' ? value : String(value));
}

/** Streams an XLSX workbook (constant memory: rows are committed as they come). */
export function xlsxStream<Row>(opts: XlsxOptions<Row>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Podium';
  wb.created = new Date();
  const ws = wb.addWorksheet(opts.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = opts.columns.map((c) => ({
    header: neutralizeText(c.header[opts.locale]),
    key: c.key,
    width: c.width ?? Math.max(10, Math.min(40, c.header[opts.locale].length + 2)),
    style:
      c.type === 'date'
        ? { numFmt: 'yyyy-mm-dd' }
        : c.type === 'datetime'
          ? { numFmt: 'yyyy-mm-dd hh:mm' }
          : c.type === 'integer'
            ? { numFmt: '0' }
            : c.type === 'number'
              ? { numFmt: '0.0##' }
              : {},
  }));
  ws.getRow(1).font = { bold: true };
  // A filter button on every header cell, so the sheet opens ready to sort and filter.
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, opts.columns.length) } };
  void (async () => {
    try {
      for await (const row of opts.rows) {
        ws.addRow(opts.columns.map((c) => cellValue(c.value(row), c.type))).commit();
      }
      ws.commit();
      const about = wb.addWorksheet(opts.aboutSheetName.slice(0, 31));
      about.columns = [
        { header: opts.locale === 'ru' ? 'Параметр' : 'Setting', key: 'label', width: 28 },
        { header: opts.locale === 'ru' ? 'Значение' : 'Value', key: 'value', width: 60 },
      ];
      for (const item of opts.about) about.addRow([neutralizeText(item.label), typeof item.value === 'number' ? item.value : neutralizeText(item.value)]).commit();
      about.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export function xlsxResponse(body: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': contentDisposition(filename),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
