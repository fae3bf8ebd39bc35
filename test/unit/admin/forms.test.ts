import { describe, expect, it } from 'vitest';
import { AdminInputError } from '../../../lib/admin/context';
import { forms, INT4_MAX, parseForm } from '../../../lib/admin/forms';

const form = (fields: Record<string, string | string[]>) => {
  const d = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) d.append(k, x);
  return d;
};
const refusal = (fn: () => unknown): AdminInputError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AdminInputError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('admin forms', () => {
  it('reads a good form, trimming text and turning ids and populations into numbers', () => {
    expect(
      parseForm(
        forms.branch,
        form({
          slug: ' dagestan ',
          name: 'Дагестан',
          name_en: 'Dagestan',
          region_code: 'RU-DA',
          federal_district: 'north_caucasian',
          population: '3100000',
        }),
      ),
    ).toEqual({
      slug: 'dagestan',
      name: 'Дагестан',
      name_en: 'Dagestan',
      region_code: 'RU-DA',
      federal_district: 'north_caucasian',
      population: 3_100_000,
    });
    expect(parseForm(forms.setAccountCredential, form({ id: '7', credential: '' }))).toEqual({ id: 7, credential: null });
    // A missing field is empty text, for the action's own rules to judge.
    expect(parseForm(forms.addAccount, form({ url: 'https://vk.com/club1', branch: 'x' }))).toMatchObject({ network: '', title: '' });
  });

  it.each([
    ['NUL in a name', forms.branch, { name: 'Даг\0естан' }, 'name', /NUL/],
    ['a 200 KB name', forms.branch, { name: 'x'.repeat(200_000) }, 'name', /at most 200 characters/],
    ['a population past 4 bytes', forms.branch, { population: '3000000000' }, 'population', /from 1 to 2147483647/],
    ['1e30 as a population', forms.branch, { population: '1e30' }, 'population', /whole number/],
    ['an id past 4 bytes', forms.pauseAccount, { id: String(INT4_MAX + 1), mode: 'pause' }, 'account', /whole number/],
    ['2^63 as an id', forms.pauseAccount, { id: '9223372036854775808', mode: 'pause' }, 'account', /whole number/],
    ['a field given twice', forms.pauseAccount, { id: ['1', '2'], mode: 'pause' }, 'account', /more than once/],
    ['an unknown role', forms.setUserRole, { userId: 'u1', role: 'boss', branch: '' }, 'role', /Choose a role/],
    ['NUL in a user id', forms.userId, { userId: 'a\0b' }, 'user', /NUL/],
  ])('refuses %s, naming the field without quoting it', (_name, schema, fields, field, message) => {
    const base = { slug: 'x', name: 'x', name_en: 'x', region_code: 'RU-XX', federal_district: 'volga', population: '' };
    const e = refusal(() => parseForm(schema, form({ ...base, ...fields }), { id: 'account' }));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
    expect(e.message.length).toBeLessThan(120);
  });

  it('refuses a file where text belongs', () => {
    const d = form({ userId: 'u1' });
    d.set('userId', new Blob(['x']), 'x.txt');
    expect(refusal(() => parseForm(forms.userId, d))).toMatchObject({ field: 'user', message: expect.stringMatching(/not a file/) });
  });
});
