import type { CellType, Delimiter, ExportLocale } from './cells';
import { csvCell, csvLine, csvText } from './cells';

/** One column of an export: a localized header, a type and how to read it from a row. */
export interface ExportColumn<Row> {
  key: string;
  header: Record<ExportLocale, string>;
  type: CellType;
  value: (row: Row) => unknown;
  /** XLSX column width in characters. */
  width?: number;
}

export interface CsvOptions {
  delimiter: Delimiter;
  locale: ExportLocale;
}

const BOM = '\uFEFF';

/** The whole CSV as text chunks: BOM, header row, then one chunk per batch of rows. */
export async function* csvChunks<Row>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  columns: ExportColumn<Row>[],
  opts: CsvOptions,
): AsyncGenerator<string> {
  // Headers can carry branch names (the comparison): neutralized like any text cell.
  yield (
    BOM +
    csvLine(
      columns.map((c) => csvText(c.header[opts.locale])),
      opts.delimiter,
    )
  );
  let buf = '';
  for await (const row of rows) {
    buf += csvLine(
      columns.map((c) => csvCell(c.value(row), c.type, opts.delimiter)),
      opts.delimiter,
    );
    if (buf.length > 64 * 1024) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** A pull-based web stream: the next chunk is produced only when the client reads. */
export function textStream(chunks: AsyncIterator<string> | AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(enc.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
}

export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function csvResponse(body: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition(filename),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
