import { clip } from '@/lib/format/excerpt';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import type { AdminContext } from '@/lib/admin/context';
import { SYSTEM_VIEWER } from '@/lib/auth/viewer';

/** Bad command-line input: exit code 2 and a message naming the argument. */
export class UsageError extends Error {}

export interface CliIo {
  db: Kysely<Database>;
  out: (line: string) => void;
  readStdin: () => Promise<string>;
  /** A secret typed at a prompt without echo, or the first line of piped stdin. */
  readSecret: (prompt: string) => Promise<string>;
  /** Key for credential encryption. */
  secretKey: () => Buffer;
  baseUrl: string;
}

export type Runner = (io: CliIo) => Promise<void>;

export const CLI_ACTOR = { ...SYSTEM_VIEWER, email: 'cli@podium.local', name: 'CLI' };

export function adminCtx(io: CliIo): AdminContext {
  return { db: io.db, actor: CLI_ACTOR, ip: null, userAgent: 'podium-cli' };
}

type OptSpec = Record<string, { type: 'string' | 'boolean' }>;

/** Strict option parsing; unknown or malformed options name themselves. */
export function options<T extends OptSpec>(args: string[], spec: T, usage: string) {
  let values;
  try {
    values = parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values as {
      [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string;
    };
  } catch (err) {
    throw new UsageError(`${clip((err as Error).message, 90)}\nusage: ${usage}`);
  }
  // A shell cannot pass NUL, but a caller of runPodium can; the database could not store it.
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' && v.includes('\0')) throw new UsageError(`--${k}: must not contain NUL characters`);
  }
  return values;
}

export function required(values: Record<string, unknown>, name: string, usage: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`missing --${name}\nusage: ${usage}`);
  if (v.includes('\0')) throw new UsageError(`--${name}: must not contain NUL characters`);
  return v.trim();
}

export function table(rows: Record<string, unknown>[], out: (l: string) => void): void {
  if (rows.length === 0) {
    out('(none)');
    return;
  }
  const cols = Object.keys(rows[0]);
  const cell = (v: unknown) =>
    v === null || v === undefined ? '—' : v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : String(v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  out(cols.map((c, i) => c.padEnd(widths[i])).join('  '));
  for (const r of rows) out(cols.map((c, i) => cell(r[c]).padEnd(widths[i])).join('  '));
}
