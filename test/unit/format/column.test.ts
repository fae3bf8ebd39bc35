import { describe, expect, it } from 'vitest';
import { valueAxis, compareValue } from '@/components/charts/format';
import { columnDigits, columnFormatter, compactFormatter, formatCount } from '@/lib/format/column';
import { formatSignedFixed } from '@/lib/format/signed';

// One format per column (docs/ui.md, "Language and formats"): every row of a table
// column is written the same way, whatever its size.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('one format per table column', () => {
  it('a column of counts is written in full in every row: no "20 тыс." next to "2 301"', () => {
    expect([20_000, 2301].map((v) => plain(formatCount(v, 'ru')))).toEqual(['20 000', '2 301']);
    expect([20_000, 2301, 1_250_000].map((v) => formatCount(v, 'en'))).toEqual(['20,000', '2,301', '1,250,000']);
    expect(formatCount(2300.6, 'ru')).toBe('2' + '\u00a0' + '301');
  });

  it('a column of decimals has the same fraction digits in every row: "5,0" next to "5,6"', () => {
    const f = columnFormatter([5, 5.6], 'ru', 1);
    expect([5, 5.6].map(f)).toEqual(['5,0', '5,6']);
    const en = columnFormatter([5, 5.6, 12], 'en', 2);
    expect([5, 5.6, 12].map(en)).toEqual(['5.00', '5.60', '12.00']);
  });

  it('digits chosen from the column, not from each row', () => {
    // Per-row rules ("below 10: two digits") would write 9,87 next to 12.
    expect(columnDigits([9.87, 12])).toBe(1);
    expect(columnDigits([0.5, 3])).toBe(2);
    expect(columnDigits([150, 2.5])).toBe(0);
    expect(columnDigits([null, undefined])).toBe(2);
    const f = columnFormatter([9.87, 12, null], 'ru');
    expect([9.87, 12, null].map(f)).toEqual(['9,9', '12,0', '—']);
  });

  it('signed changes in a column keep their digits and the typographic minus', () => {
    expect([1.2, -0.05, 0].map((v) => formatSignedFixed(v, 'ru', 2))).toEqual(['+1,20', '\u22120,05', '0,00']);
  });

  it('compared values per 100k share one number of digits', () => {
    expect([5, 5.6].map((v) => compareValue(v, 'views', 'per_100k', 'ru', columnDigits([5, 5.6])))).toEqual(['5,00', '5,60']);
  });
});

describe('chart axes on every compare basis', () => {
  it('a per-follower axis steps by 1/2/5 × 10^n and writes every tick with the same digits', () => {
    const axis = valueAxis([0.3, 1.7, null], 'views', 'ru', false);
    expect(axis.ticks).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(axis.ticks.map(axis.tickFormatter)).toEqual(['0', '0,5', '1,0', '1,5', '2,0']);
  });

  it('an absolute axis that reaches ten thousand shows every tick in thousands', () => {
    const axis = valueAxis([2301, 17_500], 'views', 'ru');
    expect(axis.ticks.map((v) => plain(axis.tickFormatter(v)))).toEqual(['0', '5 тыс.', '10 тыс.', '15 тыс.', '20 тыс.']);
  });
});

describe('compact figures side by side', () => {
  it('take one unit, chosen by the largest: no "20 тыс." beside "9 800"', () => {
    const ru = compactFormatter([20_000, 9800], 'ru');
    expect([20_000, 9800].map((v) => plain(ru(v)))).toEqual(['20,0 тыс.', '9,8 тыс.']);
    const en = compactFormatter([1_250_000, 800_000], 'en');
    expect([1_250_000, 800_000].map(en)).toEqual(['1.3M', '0.8M']);
    const small = compactFormatter([5, 5.6], 'ru');
    expect([5, 5.6].map(small)).toEqual(['5,0', '5,6']);
    expect([2301, 980].map((v) => plain(compactFormatter([2301, 980], 'ru')(v)))).toEqual(['2 301', '980']);
  });
});
