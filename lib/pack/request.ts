import { z } from 'zod';
import { federalDistrictSchema, networkScopeSchema, rankingsQuerySchema, type RankingsQuery } from '../api/schemas';

/** "2026-10" → month, "2026-Q4" → quarter, "2026-W43" → week, "2026" → year, "a..b" → custom. */
export function periodQuery(label: string): Record<string, string> | null {
  const custom = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(label);
  if (custom) return { period: 'custom', from: custom[1]!, to: custom[2]! };
  if (/^\d{4}-\d{2}$/.test(label)) return { period: 'month', date: label };
  if (/^\d{4}-Q[1-4]$/.test(label)) return { period: 'quarter', date: label };
  if (/^\d{4}-W\d{2}$/.test(label)) return { period: 'week', date: label };
  if (/^\d{4}$/.test(label)) return { period: 'year', date: label };
  return null;
}

/** A schedule further than this from now is a typo, not a meeting. */
const MAX_SCHEDULE_MS = 366 * 86_400_000;

const PERIOD_HELP = 'expected a month (2026-10), quarter (2026-Q4), week (2026-W43), year (2026) or range (2026-10-01..2026-10-31)';

/** A pack request as a form or the CLI gives it; every field names itself when wrong. */
export const packRequestSchema = z
  .strictObject({
    period: z
      .string()
      .trim()
      .max(40, 'too long')
      .refine((s) => periodQuery(s) !== null, PERIOD_HELP),
    network: networkScopeSchema.default('all'),
    district: z.union([federalDistrictSchema, z.literal('')]).optional(),
    source: z.enum(['live', 'published']).default('live'),
    locale: z.enum(['ru', 'en']).default('ru'),
    /** When the worker should build it; absent = now. */
    runAt: z.coerce.date().optional(),
  })
  .transform((v, ctx) => {
    const parsed = rankingsQuerySchema.safeParse({
      ...periodQuery(v.period)!,
      network: v.network,
      ...(v.district ? { district: v.district } : {}),
    });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: parsed.error.issues[0]?.message ?? 'invalid period' });
      return z.NEVER;
    }
    if (v.runAt && Math.abs(v.runAt.getTime() - Date.now()) > MAX_SCHEDULE_MS) {
      ctx.addIssue({ code: 'custom', path: ['runAt'], message: 'must be within a year from now' });
      return z.NEVER;
    }
    return { periodLabel: v.period, query: parsed.data as RankingsQuery, source: v.source, locale: v.locale, runAt: v.runAt ?? null };
  });
export type PackRequestInput = z.input<typeof packRequestSchema>;
export type ParsedPackRequest = z.output<typeof packRequestSchema>;

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A form's "2026-11-02T09:00" (no zone) read as wall time in `timeZone`, as an
 * ISO instant; anything else is returned unchanged for the schema to judge.
 */
export function wallTimeToIso(value: string, timeZone: string): string {
  const m = WALL.exec(value.trim());
  if (!m) return value;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(asUtc)) return value;
  // The zone's offset at that moment (twice, for a wall time near a DST change).
  const offset = (at: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(new Date(at))
        .map((x) => [x.type, x.value]),
    );
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - at;
  };
  let t = asUtc - offset(asUtc);
  t = asUtc - offset(t);
  return new Date(t).toISOString();
}
