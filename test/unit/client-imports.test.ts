// Every client component ('use client') and what it imports, followed through
// the project's own files: none may reach a package that is heavy and has no
// business in the browser. zod alone is about 30 KB gzipped on every page
// (docs/benchmarks.md, first-load JavaScript); the API's shapes reach the
// client as types only. Built from the files on disk, so a new client
// component is checked the day it is added.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['app', 'components', 'lib', 'i18n'];
/** Packages a client module must not load (server-side parsing, database, mail). */
const SERVER_ONLY_PACKAGES = ['zod', 'kysely', 'pg', 'nodemailer', 'exceljs', 'pino', 'graphile-worker'];

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
    if (inner !== undefined && !/^\s*\*|^[A-Za-z_$]/.test(names.trim()) && inner.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    out.push(m[4]!);
  }
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(cand) && fs.statSync(cand).isFile()) return cand;
  }
  return null;
}

const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

describe('client components', () => {
  const files = SOURCE_DIRS.flatMap((d) => walk(path.join(ROOT, d)));
  const clientFiles = files.filter((f) => /^\s*['"]use client['"]/.test(fs.readFileSync(f, 'utf8')));

  it('finds the client components', () => {
    expect(clientFiles.length).toBeGreaterThan(20);
  });

  it('never load a server-only package, directly or through our own modules', () => {
    const problems: string[] = [];
    for (const entry of clientFiles) {
      const seen = new Set<string>();
      const stack: { file: string; chain: string[] }[] = [{ file: entry, chain: [] }];
      while (stack.length > 0) {
        const { file, chain } = stack.pop()!;
        if (seen.has(file)) continue;
        seen.add(file);
        const src = fs.readFileSync(file, 'utf8');
        // A server action module is a reference in the browser, not its code.
        if (file !== entry && /^\s*['"]use server['"]/.test(src)) continue;
        for (const spec of valueImports(src)) {
          const local = resolveLocal(file, spec);
          const here = [...chain, path.relative(ROOT, file)];
          if (local) stack.push({ file: local, chain: here });
          else if (SERVER_ONLY_PACKAGES.includes(packageOf(spec))) problems.push(`${[...here, spec].join(' → ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('tells value imports from type-only ones', () => {
    expect(valueImports("import type { A } from 'zod';\nimport { type B, type C } from 'zod';")).toEqual([]);
    expect(valueImports("import { z } from 'zod';")).toEqual(['zod']);
    expect(valueImports("import { type A, b } from './x';\nimport './side-effect';\nexport { c } from './y';")).toEqual(['./x', './side-effect', './y']);
  });
});
