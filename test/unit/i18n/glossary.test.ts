import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/ui.md, "Glossary" → "Words not used": one concept, one name. The banned words come
// from the doc itself, so adding a row there extends this test.

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Banned {
  lang: 'ru' | 'en';
  re: RegExp;
  instead: string;
}

function bannedWords(): Banned[] {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/ui.md'), 'utf8');
  const section = doc.split('### Words not used')[1]?.split(/\n#{2,3} /)[0] ?? '';
  return section
    .split('\n')
    .map((line) => /^\|\s*(ru|en)\s*\|\s*`([^`]+)`\s*\|\s*(.+?)\s*\|$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ lang: m[1] as 'ru' | 'en', re: new RegExp(m[2]!, 'iu'), instead: m[3]! }));
}

/** Every string value of a messages file, with its key path. */
function strings(value: unknown, at = ''): { key: string; text: string }[] {
  if (typeof value === 'string') return [{ key: at, text: value }];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

/** String literals in the code of a directory (exports and the report write text outside messages too). */
function codeStrings(dir: string): { key: string; text: string }[] {
  const abs = path.join(ROOT, dir);
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .flatMap((f) => {
      const src = fs
        .readFileSync(path.join(abs, f), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      return [...src.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`/g)].map((m) => ({ key: `${dir}/${f}`, text: m[1] ?? m[2] ?? m[3] ?? '' }));
    });
}

describe('glossary', () => {
  const banned = bannedWords();

  it('reads the banned words from docs/ui.md', () => {
    expect(banned.filter((b) => b.lang === 'ru').length).toBeGreaterThanOrEqual(5);
    expect(banned.filter((b) => b.lang === 'en').length).toBeGreaterThanOrEqual(3);
  });

  for (const lang of ['ru', 'en'] as const) {
    it(`messages/${lang}.json and the ${lang} texts of exports and the report use the glossary's names`, () => {
      const messages = strings(JSON.parse(fs.readFileSync(path.join(ROOT, `messages/${lang}.json`), 'utf8')));
      const texts = [...messages, ...codeStrings('lib/report'), ...codeStrings('lib/export')];
      const hits = banned
        .filter((b) => b.lang === lang)
        .flatMap((b) =>
          texts.filter((t) => b.re.test(t.text)).map((t) => `${t.key}: "${t.text.slice(0, 100)}" — ${b.re.source} → ${b.instead}`),
        );
      expect(hits, hits.join('\n')).toEqual([]);
    });
  }

  it('catches a banned word (the check itself works)', () => {
    const ru = banned.filter((b) => b.lang === 'ru');
    expect(ru.some((b) => b.re.test('Итоговая оценка'))).toBe(true);
    expect(ru.some((b) => b.re.test('Итоговый балл'))).toBe(false);
  });
});
