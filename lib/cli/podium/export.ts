import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { rankingsQuerySchema } from '@/lib/api/schemas';
import { recordAudit } from '@/lib/audit';
import { listRankings } from '@/lib/data/rankings';
import { UnknownMethodError } from '@/lib/data/methods';
import { branchExportQuerySchema, exportOptionsSchema } from '@/lib/export/definitions';
import { exportResponse } from '@/lib/export/respond';
import { branchExportSpec, rankingExportSpec } from '@/lib/export/specs';
import { withTargetsMet } from '@/lib/data/targets';
import { excerpt } from '@/lib/format/excerpt';
import { CLI_ACTOR, options, required, UsageError, type Runner } from './common';

const RANKINGS_USAGE =
  'export rankings --period <2026-10 | 2026-Q4 | 2026-W43 | 2026 | 2026-10-01..2026-10-31> [--network all|vk|…] [--district <d>] [--format csv|xlsx] [--delimiter comma|semicolon] [--lang ru|en] --out <file|->';
const BRANCH_USAGE =
  'export branch --slug <slug> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--granularity day|week|month] [--network all|vk|…] [--format csv|xlsx] [--delimiter comma|semicolon] [--lang ru|en] --out <file|->';

/** "2026-10" → month, "2026-Q4" → quarter, "2026-W43" → week, "2026" → year, "a..b" → custom. */
export function periodFromLabel(label: string): Record<string, string> {
  const custom = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(label);
  if (custom) return { period: 'custom', from: custom[1]!, to: custom[2]! };
  if (/^\d{4}-\d{2}$/.test(label)) return { period: 'month', date: label };
  if (/^\d{4}-Q[1-4]$/.test(label)) return { period: 'quarter', date: label };
  if (/^\d{4}-W\d{2}$/.test(label)) return { period: 'week', date: label };
  if (/^\d{4}$/.test(label)) return { period: 'year', date: label };
  throw new UsageError(
    `--period: ${excerpt(label)} is not a month (2026-10), quarter (2026-Q4), week (2026-W43), year (2026) or range (2026-10-01..2026-10-31)\nusage: ${RANKINGS_USAGE}`,
  );
}

function parseOr<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  usage: string,
  flag: (path: string) => string,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new UsageError(`${flag(issue.path.map(String).join('.'))}: ${issue.message}\nusage: ${usage}`);
}

async function writeOut(res: Response, out: string, io: { out: (l: string) => void }): Promise<void> {
  const body = Readable.fromWeb(res.body! as unknown as NodeWebStream<Uint8Array>);
  if (out === '-') {
    await pipeline(body, process.stdout, { end: false });
    return;
  }
  const tmp = `${out}.partial`;
  // Written aside and renamed, so a failed export never leaves a truncated file under the real name.
  try {
    await pipeline(body, fs.createWriteStream(tmp));
    fs.renameSync(tmp, out);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code) throw err;
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing was written
    }
    throw new UsageError(`--out: cannot write ${excerpt(out)} (${code})`);
  }
  io.out(`wrote ${out} (${fs.statSync(out).size} bytes)`);
}

export function exportCommand(sub: string | undefined, rest: string[]): Runner {
  const common = {
    format: { type: 'string' },
    delimiter: { type: 'string' },
    lang: { type: 'string' },
    out: { type: 'string' },
    network: { type: 'string' },
  } as const;
  if (sub === 'rankings') {
    const v = options(
      rest,
      { ...common, period: { type: 'string' }, district: { type: 'string' }, method: { type: 'string' } },
      RANKINGS_USAGE,
    );
    const out = required(v, 'out', RANKINGS_USAGE);
    const period = periodFromLabel(required(v, 'period', RANKINGS_USAGE));
    const opts = parseOr(
      exportOptionsSchema,
      { format: v.format, delimiter: v.delimiter, lang: v.lang ?? 'ru' },
      RANKINGS_USAGE,
      (p) => `--${p}`,
    );
    const input = parseOr(
      rankingsQuerySchema,
      {
        ...period,
        ...(v.network ? { network: v.network } : {}),
        ...(v.district ? { district: v.district } : {}),
        ...(v.method ? { method: v.method } : {}),
      },
      RANKINGS_USAGE,
      (p) => (['date', 'from', 'to'].includes(p) ? '--period' : `--${p}`),
    );
    return async (io) => {
      let res;
      try {
        res = await listRankings(io.db, CLI_ACTOR, input);
      } catch (err) {
        if (err instanceof UnknownMethodError) throw new UsageError(`--method: ${err.message}`);
        throw err;
      }
      await recordAudit(io.db, {
        action: 'export.rankings',
        actor: CLI_ACTOR,
        target: res.period.label,
        detail: { format: opts.format, via: 'cli', period: res.period.label, network: res.network, rows: res.rows.length },
        userAgent: 'podium-cli',
      });
      await writeOut(exportResponse(rankingExportSpec(await withTargetsMet(io.db, CLI_ACTOR, res), opts, opts.lang ?? 'ru')), out, io);
    };
  }
  if (sub === 'branch') {
    const v = options(
      rest,
      { ...common, slug: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, granularity: { type: 'string' } },
      BRANCH_USAGE,
    );
    const out = required(v, 'out', BRANCH_USAGE);
    const slug = required(v, 'slug', BRANCH_USAGE);
    const opts = parseOr(
      exportOptionsSchema,
      { format: v.format, delimiter: v.delimiter, lang: v.lang ?? 'ru' },
      BRANCH_USAGE,
      (p) => `--${p}`,
    );
    const input = parseOr(
      branchExportQuerySchema,
      Object.fromEntries(
        Object.entries({ from: v.from, to: v.to, granularity: v.granularity, network: v.network }).filter(([, x]) => x !== undefined),
      ),
      BRANCH_USAGE,
      (p) => `--${p}`,
    );
    return async (io) => {
      const spec = await branchExportSpec(io.db, CLI_ACTOR, slug, input, opts, opts.lang ?? 'ru');
      if (!spec) throw new UsageError(`--slug: no branch ${excerpt(slug)}`);
      await recordAudit(io.db, {
        action: 'export.branch',
        actor: CLI_ACTOR,
        target: spec.branchSlug,
        detail: { format: opts.format, via: 'cli', from: spec.from, to: spec.to, rows: spec.rows },
        userAgent: 'podium-cli',
      });
      await writeOut(spec.response(), out, io);
    };
  }
  throw new UsageError(`export needs "rankings" or "branch"\nusage: ${RANKINGS_USAGE}\n       ${BRANCH_USAGE}`);
}
