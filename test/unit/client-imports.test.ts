// Every client component ('use client') and what it imports, followed through
// the project's own files: none may reach a package that is heavy and has no
// business in the browser. zod alone is about 30 KB gzipped on every page
// (docs/benchmarks.md, first-load JavaScript); the API's shapes reach the
// client as types only. Built from the files on disk, so a new client
// component is checked the day it is added.
import { describe, expect, it } from 'vitest';
import { clientEntries, reachedFrom, valueImports } from '../helpers/client-modules';

/** Packages a client module must not load (server-side parsing, database, mail). */
const SERVER_ONLY_PACKAGES = ['zod', 'kysely', 'pg', 'nodemailer', 'exceljs', 'pino', 'graphile-worker'];

const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

describe('client components', () => {
  const clientFiles = clientEntries();

  it('finds the client components', () => {
    expect(clientFiles.length).toBeGreaterThan(20);
  });

  it('never load a server-only package, directly or through our own modules', () => {
    const problems: string[] = [];
    for (const entry of clientFiles) {
      for (const { chain, packages } of reachedFrom(entry)) {
        for (const spec of packages) if (SERVER_ONLY_PACKAGES.includes(packageOf(spec))) problems.push(`${[...chain, spec].join(' → ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("translate through i18n/client.tsx, not next-intl's client runtime", () => {
    // About 3 KB gzipped on every page (docs/benchmarks.md, first-load JavaScript, third pass).
    const problems: string[] = [];
    for (const entry of clientFiles) {
      for (const { chain, packages } of reachedFrom(entry)) {
        for (const spec of packages) if (packageOf(spec) === 'next-intl') problems.push(`${[...chain, spec].join(' → ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('tells value imports from type-only ones', () => {
    expect(valueImports("import type { A } from 'zod';\nimport { type B, type C } from 'zod';")).toEqual([]);
    expect(valueImports("import { z } from 'zod';")).toEqual(['zod']);
    expect(valueImports("import { type A, b } from './x';\nimport './side-effect';\nexport { c } from './y';")).toEqual([
      './x',
      './side-effect',
      './y',
    ]);
  });
});
