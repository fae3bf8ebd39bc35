import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportLocale } from './cells';
import { contentDisposition, type ExportColumn } from './table';
import { bilingual } from './text';

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

// Characters XML 1.0 cannot carry; one in a cell would make the file unreadable.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as an inline string cell (t="inlineStr"): a plain string a spreadsheet
 * shows as it is and never evaluates — unlike exceljs's default for strings
 * without a shared-string table, a formula-result cell (t="str"). So no
 * apostrophe is needed, and none is shown. docs/operations.md, "CSV and XLSX safety".
 */
export function xlsxText(value: string): ExcelJS.CellRichTextValue {
  return { richText: [{ text: value.replace(NOT_XML, '\ufffd') }] };
}

function cellValue(value: unknown, type: ExportColumn<unknown>['type']): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if ((type === 'number' || type === 'integer') && typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  if ((type === 'date' || type === 'datetime') && value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  return xlsxText(typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** Streams an XLSX workbook (constant memory: rows are committed as they come). */
export function xlsxStream<Row>(opts: XlsxOptions<Row>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Podium';
  wb.created = new Date();
  const ws = wb.addWorksheet(opts.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = opts.columns.map((c) => ({
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
  const header = ws.addRow(opts.columns.map((c) => xlsxText(c.header[opts.locale])));
  header.font = { bold: true };
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
        { key: 'label', width: 28 },
        { key: 'value', width: 60 },
      ];
      about.addRow([xlsxText(bilingual('setting')[opts.locale]), xlsxText(bilingual('value')[opts.locale])]).commit();
      for (const item of opts.about)
        about.addRow([xlsxText(item.label), typeof item.value === 'number' ? item.value : xlsxText(item.value)]).commit();
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
