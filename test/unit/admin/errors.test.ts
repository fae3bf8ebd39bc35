import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import ru from '../../../messages/ru.json';
import { parseAccountInput } from '../../../lib/admin/account-url';
import { AdminInputError, refuse } from '../../../lib/admin/context';
import { adminErrorText, type AdminErrorKey } from '../../../lib/admin/errors';
import { forms, parseForm } from '../../../lib/admin/forms';
import { checkMethodJson } from '../../../lib/admin/methods';
import { breakInputSchema } from '../../../lib/breaks/input';
import { PODIUM_V1, PODIUM_V2 } from '../../../lib/ranking/method';

// The admin's refusals are message keys (docs/ui.md, "Language and formats"): the pages show
// them in the viewer's language, the API and the CLI in English from the same en message.
const KEYS = Object.keys(en.adminErrors) as AdminErrorKey[];
const SAMPLE = {
  field: 'name',
  max: 200,
  min: 1,
  detail: 'd',
  slug: 's',
  region: 'RU-XX',
  email: 'a@b.c',
  key: 'k',
  line: 'l',
  network: 'vk',
  networks: 'vk, ok',
  credential: 'ok',
  id: '1',
  label: 'x-v1',
  name: 'n',
  form: 'vk.com/<page>',
  found: 'vk',
  keys: 'x',
};
const CYRILLIC = /[\u0400-\u04ff]/;

describe('admin refusals in both languages', () => {
  it('every key has a Russian and an English message, and both render', () => {
    expect(Object.keys(ru.adminErrors).sort()).toEqual([...KEYS].sort());
    expect(Object.keys(ru.adminFields).sort()).toEqual(Object.keys(en.adminFields).sort());
    for (const key of KEYS) {
      const say = { key, values: SAMPLE };
      const [r, e] = [adminErrorText('ru', say), adminErrorText('en', say)];
      expect(e, key).not.toMatch(CYRILLIC);
      // "{field}: {detail}" passes a detail through; every other message is written in Russian.
      if (key !== 'invalidField') expect(r, key).toMatch(CYRILLIC);
    }
  });

  it('a refusal carries its key and values; its message is the English text, naming the field', () => {
    const e = refuse('population', 'numberRange', { min: '1', max: '2147483647' });
    expect(e).toBeInstanceOf(AdminInputError);
    expect(e.field).toBe('population');
    expect(e.message).toBe('population: a whole number from 1 to 2147483647');
    expect(e.say).toEqual({ key: 'numberRange', values: { field: 'population', min: '1', max: '2147483647' } });
    expect(adminErrorText('ru', e.say!)).toBe('Население: целое число от 1 до 2147483647');
  });

  it('a form refusal names the field in the viewer language', () => {
    const d = new FormData();
    d.append('name', 'x'.repeat(300));
    for (const k of ['slug', 'name_en', 'region_code', 'federal_district', 'population']) d.append(k, '');
    let caught: unknown;
    try {
      parseForm(forms.branch, d);
    } catch (e) {
      caught = e;
    }
    const e = caught as AdminInputError;
    expect(e.message).toBe('name: at most 200 characters');
    expect(adminErrorText('ru', e.say!)).toBe('Название: не больше 200 символов');
  });

  it('an account address refusal has its key too', () => {
    const r = parseAccountInput('https://ok.ru/group/abc');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe('An OK group needs its numeric id: ok.ru/group/<digits>');
      expect(adminErrorText('ru', r.say)).toBe('Для группы в Одноклассниках нужен её числовой номер: ok.ru/group/<digits>');
    }
  });

  it('lib/admin builds every refusal from a message key (no English-only text)', () => {
    const dir = path.join(import.meta.dirname, '../../../lib/admin');
    const hits = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        fs
          .readFileSync(path.join(dir, f), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${f}:${i + 1}`, line })),
      )
      .filter(({ line }) => /new AdminInputError\(\s*'[^']*',\s*['`]/.test(line))
      .map(({ where }) => where);
    expect(hits).toEqual([]);
  });

  it('a method definition or a break refused by its domain schema is named in Russian, without zod or English words', () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as AdminInputError).say!;
      }
      throw new Error('not refused');
    };
    const zero = Object.fromEntries(Object.keys(PODIUM_V2.weights).map((k) => [k, 0]));
    const cases: [AdminErrorKey, ReturnType<typeof refusal>][] = [
      ['weightsSum', refusal(() => checkMethodJson('test', JSON.stringify({ ...PODIUM_V2, weights: zero })))],
      [
        'socialVisitsNeedsV2',
        refusal(() =>
          checkMethodJson('test', JSON.stringify({ ...PODIUM_V1, weights: { ...PODIUM_V1.weights, social_visits_per_100k: 1 } })),
        ),
      ],
    ];
    for (const [key, say] of cases) {
      expect(say.key).toBe(key);
      expect(adminErrorText('ru', say)).toMatch(CYRILLIC);
      expect(adminErrorText('ru', say)).not.toMatch(/weights must|needs rules|Invalid/);
    }
    const bad = breakInputSchema.safeParse({ from: '2026-06-10', to: '2026-06-01', network: 'all', note: 'n' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]!.message).toBe('endBeforeStart');
  });
});
