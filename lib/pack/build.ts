import crypto from 'node:crypto';
import JSZip from 'jszip';
import type { DB } from '../../db/client';
import type { RankingsQuery } from '../api/schemas';
import type { Viewer } from '../auth/viewer';
import { getMethod } from '../data/methods';
import { fileSlug } from '../export/cells';
import { exportResponse } from '../export/respond';
import { rankingExportSpec } from '../export/specs';
import { buildReportModel } from '../report/model';
import { renderReportHtml } from './html';
import { renderReport } from './render';
import { loadRanking, type RankingSource } from './source';

export interface PackRequest {
  query: RankingsQuery;
  source: RankingSource;
  locale: 'ru' | 'en';
}

export interface BuiltPack {
  zip: Buffer;
  filename: string;
  sha256: string;
  /** Names of the files inside, in order. */
  files: string[];
  periodLabel: string;
  rows: number;
}

async function body(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

/**
 * The meeting pack: the report as an A4 PDF (Chromium), the ranking as XLSX
 * and as CSV (the dialect of the pack's language: Russian Excel reads
 * semicolons and a decimal comma), and a PNG of the podium for slides.
 * Every file is made from one read of the ranking, so they agree.
 */
export async function buildPack(db: DB, viewer: Viewer, req: PackRequest, opts: { chromiumPath: string; now?: Date }): Promise<BuiltPack> {
  const now = opts.now ?? new Date();
  const ranking = await loadRanking(db, viewer, req.query, req.source);
  const method = await getMethod(db, ranking.method.label);
  const model = buildReportModel(ranking, method?.definition ?? null);
  const html = renderReportHtml(model, req.locale, now);
  const { pdf, podiumPng } = await renderReport(html, opts.chromiumPath);

  const delimiter = req.locale === 'ru' ? 'semicolon' : 'comma';
  const csv = await body(exportResponse(rankingExportSpec(ranking, { format: 'csv', delimiter, lang: req.locale }, req.locale)));
  const xlsx = await body(exportResponse(rankingExportSpec(ranking, { format: 'xlsx', delimiter, lang: req.locale }, req.locale)));

  const base = fileSlug(
    'podium',
    ranking.period.label.replace('..', '-to-'),
    ranking.network,
    ranking.district,
    req.source === 'published' ? 'published' : null,
  );
  const files: [string, Buffer][] = [
    [`${base}-report.pdf`, pdf],
    [`${base}-ranking.xlsx`, xlsx],
    [`${base}-ranking.csv`, csv],
    [`${base}-podium.png`, podiumPng],
  ];
  const zip = new JSZip();
  // A fixed date keeps the archive's bytes a function of its contents.
  for (const [name, data] of files) zip.file(name, data, { date: now, binary: true });
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
  return {
    zip: buf,
    filename: `${base}-meeting-pack.zip`,
    sha256: crypto.createHash('sha256').update(buf).digest('hex'),
    files: files.map(([n]) => n),
    periodLabel: ranking.period.label,
    rows: ranking.rows.length,
  };
}
