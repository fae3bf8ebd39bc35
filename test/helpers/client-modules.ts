// The project's client modules, read from disk: every 'use client' file and
// every file of ours it reaches through value imports (type-only imports add
// no code to the browser). Shared by the checks of what client code may load
// (test/unit/client-imports.test.ts) and which messages it needs
// (test/unit/client-messages.test.ts).
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['app', 'components', 'lib', 'i18n'];

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Value imports (not `import type`, not `export type`) with their specifiers. */
export function valueImports(source: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) {
    if (m[2]) continue; // import type … / export type …
    const names = m[3] ?? '';
    // `import { type A, type B } from` carries no value either.
    const inner = /\{([^}]*)\}/.exec(names)?.[1];
    if (
      inner !== undefined &&
      !/^\s*\*|^[A-Za-z_$]/.test(names.trim()) &&
      inner.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))
    )
      continue;
    out.push(m[4]!);
  }
  return out;
}

/** Our own file an import specifier names, or null for a package. */
export function resolveLocal(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(cand) && fs.statSync(cand).isFile()) return cand;
  }
  return null;
}

/** Every 'use client' file under the source directories. */
export function clientEntries(): string[] {
  return SOURCE_DIRS.flatMap((d) => walk(path.join(ROOT, d))).filter((f) => /^\s*['"]use client['"]/.test(fs.readFileSync(f, 'utf8')));
}

export interface Reached {
  file: string;
  /** The files that led here from a client entry, the entry first. */
  chain: string[];
  /** Its value imports that name packages. */
  packages: string[];
}

/** The files a client entry reaches, itself included; a server action module is a reference in the browser, not its code. */
export function reachedFrom(entry: string): Reached[] {
  const out: Reached[] = [];
  const seen = new Set<string>();
  const stack: { file: string; chain: string[] }[] = [{ file: entry, chain: [] }];
  while (stack.length > 0) {
    const { file, chain } = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = fs.readFileSync(file, 'utf8');
    if (file !== entry && /^\s*['"]use server['"]/.test(src)) continue;
    const here = [...chain, path.relative(ROOT, file)];
    const packages: string[] = [];
    for (const spec of valueImports(src)) {
      const local = resolveLocal(file, spec);
      if (local) stack.push({ file: local, chain: here });
      else packages.push(spec);
    }
    out.push({ file, chain: here, packages });
  }
  return out;
}
