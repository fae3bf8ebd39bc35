// The layout hands the browser only the message namespaces of
// i18n/client-messages.ts. Every namespace a client module names — in
// useTranslations('ns…') or as a key 'ns.…' / `ns.${…}` for a root translator
// — must be among them, or the component would show a missing message.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_NAMESPACES, clientMessages } from '@/i18n/client-messages';
import { clientEntries, reachedFrom, ROOT } from '../helpers/client-modules';

const TOP = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'messages/en.json'), 'utf8')) as Record<string, unknown>);

/** The top-level namespaces a module's source names. */
export function namespacesIn(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(/useTranslations\(\s*['"]([A-Za-z]+)/g)) out.add(m[1]!);
  for (const m of source.matchAll(/['"`]([A-Za-z]+)\.[A-Za-z$]/g)) if (TOP.includes(m[1]!)) out.add(m[1]!);
  return [...out];
}

describe('messages sent to the browser', () => {
  it('include every namespace a client module uses', () => {
    const missing: string[] = [];
    const files = new Map(clientEntries().flatMap((e) => reachedFrom(e).map((r) => [r.file, r.chain] as const)));
    for (const [file, chain] of files) {
      for (const ns of namespacesIn(fs.readFileSync(file, 'utf8'))) {
        if (!(CLIENT_NAMESPACES as readonly string[]).includes(ns)) missing.push(`${ns}: ${chain.join(' → ')}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('name namespaces that exist in both languages', () => {
    for (const lang of ['en', 'ru']) {
      const messages = JSON.parse(fs.readFileSync(path.join(ROOT, `messages/${lang}.json`), 'utf8')) as Record<string, never>;
      expect(Object.keys(clientMessages(messages)).sort()).toEqual([...CLIENT_NAMESPACES].sort());
    }
  });

  it('finds namespaces in both forms', () => {
    expect(namespacesIn("const t = useTranslations('ranking.table');")).toEqual(['ranking']);
    expect(namespacesIn("t('filters.district'); t(`networks.${n}`); t('notANamespace.x')")).toEqual(['filters', 'networks']);
  });
});
