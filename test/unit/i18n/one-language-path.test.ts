import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/ui.md, "Language": every user-visible string comes from messages/*.json through
// next-intl. This test reads the UI's sources from disk — pages added later included — and
// fails on a string table or a text written into the code in one language.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const UI_DIRS = ['app', 'components', 'lib/report', 'lib/export'];

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => path.join(dir, f));
}

/** The code without its comments, so a comment may quote the UI. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const RULES: { name: string; re: RegExp }[] = [
  // { ru: 'Место', en: 'Rank' } and const t = { ru: { … }, en: { … } }
  { name: 'inline {ru, en} table', re: /\bru:\s*(['"`{(]|\w+\s*=>)/ },
  // locale === 'ru' ? 'да' : 'yes'
  { name: 'text chosen by locale in code', re: /(locale|\bru)\s*(===\s*'(ru|en)'\s*)?\?\s*['"`](?!(ru|en)['"`])[^'"`]*['"`]\s*:\s*['"`]/ },
  // Russian text in a string or JSX, outside comments
  { name: 'Cyrillic text in code', re: /[\u0400-\u04FF]/ },
];

/**
 * Files that still carry their own tables, to be moved (issue 18, item 1). The list only
 * shrinks: a file listed here that is already clean fails the test, so it cannot go stale.
 */
const PENDING = new Set<string>([]);

describe('one language path', () => {
  const files = UI_DIRS.flatMap(sources).filter((f) => !PENDING.has(f));
  it('lists as pending only files that still need the move', () => {
    for (const f of PENDING) {
      const text = code(fs.readFileSync(path.join(ROOT, f), 'utf8'));
      expect(
        RULES.some((r) => r.re.test(text)),
        `${f} is clean: remove it from PENDING`,
      ).toBe(true);
    }
  });
  it('finds the UI sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });
  for (const rule of RULES) {
    it(`has no ${rule.name}`, () => {
      const hits = files.flatMap((f) =>
        code(fs.readFileSync(path.join(ROOT, f), 'utf8'))
          .split('\n')
          .map((line, i) => ({ line, i }))
          .filter(({ line }) => rule.re.test(line))
          .map(({ line, i }) => `${f}:${i + 1}: ${line.trim().slice(0, 120)}`),
      );
      expect(hits, `${rule.name} — move the text to messages/ru.json and messages/en.json:\n${hits.join('\n')}`).toEqual([]);
    });
  }
});
