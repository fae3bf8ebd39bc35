import { describe, expect, it } from 'vitest';
import { decodeTargetCsv, MAX_TARGET_CSV_BYTES, parseTargetCsv } from '../../../lib/targets/csv';

const SLUGS = new Set(['alpha', 'bravo']);
const HEAD = 'branch,metric,from,to,value';

function issues(text: string) {
  const r = parseTargetCsv(text, SLUGS);
  if (r.ok) throw new Error('expected problems');
  return r.issues;
}

describe('targets CSV', () => {
  it('reads good rows in any column order, with a decimal comma and Russian headers', () => {
    const r = parseTargetCsv('показатель;отделение;с;по;цель\nposts_per_week;alpha;2026-10-01;2026-12-31;"4,5"\n', SLUGS);
    expect(r).toEqual({
      ok: true,
      rows: [{ branch: 'alpha', metric: 'posts_per_week', from: '2026-10-01', to: '2026-12-31', value: 4.5 }],
    });
    const r2 = parseTargetCsv(
      `\uFEFF${HEAD}\nbravo,follower_growth,2026-10-01,2026-12-31,5\r\nalpha,views_per_100k,2026-10-01,2026-10-31,25000\r\n`,
      SLUGS,
    );
    expect(r2.ok && r2.rows.map((x) => [x.branch, x.value])).toEqual([
      ['bravo', 5],
      ['alpha', 25000],
    ]);
  });

  it('names the line and column of every bad row, and returns no rows at all', () => {
    const text = [
      HEAD,
      'alpha,posts_per_week,2026-10-01,2026-12-31,4', // line 2: good
      'alpha,posts_per_week,2026-02-30,2026-12-31,4', // 3: impossible date
      'zulu,posts_per_week,2026-10-01,2026-12-31,4', // 4: unknown branch
      'alpha,likes,2026-10-01,2026-12-31,4', // 5: unknown metric
      'alpha,views_per_100k,2026-10-01,2026-12-31,99999999999999999999999', // 6: huge number
      'alpha,views_per_100k,2026-10-01,2026-12-31,1e5', // 7: not a plain number
      'alpha,posts_per_week,2026-10-01,2026-12-31,5', // 8: duplicate of line 2
      'bravo,posts_per_week,2026-12-31,2026-10-01,4', // 9: to before from
      'bravo,posts_per_week,2026-01-01,2027-06-30,4', // 10: longer than a year
      'bravo,posts_per_week,1999-12-01,1999-12-31,4', // 11: year out of range
      'bravo,posts_per_week,2026-10-01', // 12: too few columns
      'bravo,follower_growth,2026-10-01,2026-12-31,-101', // 13: below −100 %
      'bravo,posts_per_week,2026-10-01,2026-12-31,', // 14: empty value
    ].join('\n');
    expect(issues(text)).toEqual([
      { line: 3, column: 'from', code: 'date' },
      { line: 4, column: 'branch', code: 'unknownBranch' },
      { line: 5, column: 'metric', code: 'metric' },
      { line: 6, column: 'value', code: 'range' },
      { line: 7, column: 'value', code: 'number' },
      { line: 8, column: null, code: 'duplicate' },
      { line: 9, column: 'to', code: 'order' },
      { line: 10, column: 'to', code: 'tooLong' },
      { line: 11, column: 'from', code: 'year' },
      { line: 12, column: null, code: 'columns' },
      { line: 13, column: 'value', code: 'range' },
      { line: 14, column: 'value', code: 'required' },
    ]);
  });

  it('reports a NUL byte in a cell by its line and column', () => {
    expect(issues(`${HEAD}\nalpha,posts_per_week,2026-10-01,2026-12-31,4\u0000\n`)).toEqual([{ line: 2, column: 'value', code: 'nul' }]);
    expect(issues(`${HEAD}\nal\u0000pha,posts_per_week,2026-10-01,2026-12-31,4\n`)).toEqual([{ line: 2, column: 'branch', code: 'nul' }]);
  });

  it('counts lines of quoted cells spanning lines, and names columns as the file does', () => {
    expect(
      issues(
        `Branch,Metric,From,To,Target\n"al\npha",posts_per_week,2026-10-01,2026-12-31,4\nbravo,posts_per_week,2026-10-01,2026-13-01,4\n`,
      ),
    ).toEqual([
      { line: 2, column: 'Branch', code: 'slug' },
      { line: 4, column: 'To', code: 'date' },
    ]);
  });

  it('refuses a file without the columns, an empty one, an unclosed quote, and too large a file', () => {
    expect(issues('branch,metric,from,value\nalpha,posts_per_week,2026-10-01,4')).toEqual([{ line: 1, column: 'to', code: 'header' }]);
    expect(issues('')).toEqual([{ line: 0, column: null, code: 'empty' }]);
    expect(issues(`${HEAD}\n`)).toEqual([{ line: 0, column: null, code: 'empty' }]);
    expect(issues(`${HEAD}\n"alpha,posts_per_week,2026-10-01,2026-12-31,4\n`)[0]).toMatchObject({ code: 'columns' });
    expect(decodeTargetCsv(new Uint8Array(MAX_TARGET_CSV_BYTES + 1))).toEqual({ issue: { line: 0, column: null, code: 'tooLarge' } });
    expect(decodeTargetCsv(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toEqual({ issue: { line: 0, column: null, code: 'encoding' } });
  });

  it('decodes Windows-1251 as Russian Excel saves it', () => {
    // "цель" in Windows-1251
    const bytes = new Uint8Array([0xf6, 0xe5, 0xeb, 0xfc]);
    expect(decodeTargetCsv(bytes)).toEqual({ text: 'цель' });
  });

  it('caps the list of problems and counts the rest', () => {
    const bad = Array.from({ length: 60 }, (_, i) => `zulu${i},posts_per_week,2026-10-01,2026-12-31,4`);
    const r = parseTargetCsv([HEAD, ...bad].join('\n'), SLUGS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.issues.length, r.more]).toEqual([50, 10]);
  });
});
