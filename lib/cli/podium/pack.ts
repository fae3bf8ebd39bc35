import fs from 'node:fs';
import path from 'node:path';
import { recordAudit } from '@/lib/audit';
import { UnknownMethodError } from '@/lib/data/methods';
import { env } from '@/lib/env';
import { buildPack } from '@/lib/pack/build';
import { packRequestSchema } from '@/lib/pack/request';
import { PackSourceError } from '@/lib/pack/source';
import { CLI_ACTOR, options, required, UsageError, type Runner } from './common';

export const PACK_USAGE =
  'pack --period <2026-10 | 2026-Q4 | 2026-W43 | 2026 | 2026-10-01..2026-10-31> [--published] [--network all|vk|…] [--district <d>] [--lang ru|en] [--out <file.zip>]';

/** `podium pack`: the meeting pack (report PDF, XLSX, CSV, podium PNG) as one zip, built here and now. */
export function packCommand(rest: string[]): Runner {
  const v = options(
    rest,
    {
      period: { type: 'string' },
      published: { type: 'boolean' },
      network: { type: 'string' },
      district: { type: 'string' },
      lang: { type: 'string' },
      out: { type: 'string' },
    },
    PACK_USAGE,
  );
  const parsed = packRequestSchema.safeParse({
    period: required(v, 'period', PACK_USAGE),
    ...(v.network ? { network: v.network } : {}),
    ...(v.district ? { district: v.district } : {}),
    source: v.published ? 'published' : 'live',
    locale: v.lang ?? 'ru',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = { source: 'published', locale: 'lang' }[String(issue.path[0])] ?? String(issue.path[0] ?? 'period');
    throw new UsageError(`--${flag}: ${issue.message}\nusage: ${PACK_USAGE}`);
  }
  const req = parsed.data;
  return async (io) => {
    let built;
    try {
      built = await buildPack(
        io.db,
        CLI_ACTOR,
        { query: req.query, source: req.source, locale: req.locale },
        { chromiumPath: env().PODIUM_CHROMIUM_PATH },
      );
    } catch (err) {
      if (err instanceof UnknownMethodError) throw new UsageError(`--period: ${err.message}`);
      if (err instanceof PackSourceError) throw new UsageError(`--published: ${err.message}`);
      throw err;
    }
    const out = v.out ?? built.filename;
    const tmp = `${out}.partial`;
    // Written aside and renamed, so a failed write never leaves a truncated zip under the real name.
    fs.writeFileSync(tmp, built.zip);
    fs.renameSync(tmp, out);
    await recordAudit(io.db, {
      action: 'pack.generated',
      actor: CLI_ACTOR,
      target: built.periodLabel,
      detail: { via: 'cli', source: req.source, files: built.files, bytes: built.zip.length, sha256: built.sha256 },
      userAgent: 'podium-cli',
    });
    io.out(`wrote ${path.resolve(out)} (${built.zip.length} bytes, sha256 ${built.sha256})`);
    for (const f of built.files) io.out(`  ${f}`);
  };
}
