import { describe, expect, it } from 'vitest';
import { compareExportHref, rankingExportHref, rankingReportHref } from '../../../lib/export/links';
import { exportLinks } from '../../../lib/export/menu-links';

const screen = {
  period: { kind: 'month', from: '2026-10-01', to: '2026-10-31' },
  network: 'vk',
  district: 'volga',
  method: { label: 'podium-v1' },
};

describe('export menu links', () => {
  it('offers the CSV of the UI language first, both CSV dialects always, then XLSX', () => {
    const ru = exportLinks('/api/export/rankings?period=month', 'ru');
    expect(ru.map((l) => l.kind)).toEqual(['csvSemicolon', 'csvComma', 'xlsx']);
    expect(new URL(ru[0]!.href, 'http://x').searchParams.get('delimiter')).toBe('semicolon');
    expect(new URL(ru[0]!.href, 'http://x').searchParams.get('lang')).toBe('ru');
    const en = exportLinks('/api/export/rankings?period=month', 'en');
    expect(en.map((l) => l.kind)).toEqual(['csvComma', 'csvSemicolon', 'xlsx']);
    expect(new URL(en[0]!.href, 'http://x').searchParams.get('delimiter')).toBe('comma');
    expect(new URL(en[2]!.href, 'http://x').searchParams.get('format')).toBe('xlsx');
    // The screen's filters survive.
    for (const l of [...ru, ...en]) expect(new URL(l.href, 'http://x').searchParams.get('period')).toBe('month');
  });

  it('pins the ranking export to the resolved period, method, filters and sort', () => {
    const u = new URL(rankingExportHref(screen, { sort: 'views', dir: 'desc' }), 'http://x');
    expect(u.pathname).toBe('/api/export/rankings');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      period: 'month',
      date: '2026-10-01',
      network: 'vk',
      district: 'volga',
      method: 'podium-v1',
      sort: 'views',
      dir: 'desc',
    });
    const custom = new URL(
      rankingReportHref({ ...screen, period: { kind: 'custom', from: '2026-10-03', to: '2026-10-20' }, district: null }),
      'http://x',
    );
    expect(Object.fromEntries(custom.searchParams)).toEqual({
      period: 'custom',
      from: '2026-10-03',
      to: '2026-10-20',
      network: 'vk',
      method: 'podium-v1',
    });
  });

  it('carries the published source when the screen shows the publication', () => {
    expect(new URL(rankingExportHref(screen, { sort: 'rank', dir: 'asc' }, 'published'), 'http://x').searchParams.get('source')).toBe(
      'published',
    );
    expect(new URL(rankingReportHref(screen, 'published'), 'http://x').searchParams.get('source')).toBe('published');
    expect(new URL(rankingExportHref(screen, { sort: 'rank', dir: 'asc' }), 'http://x').searchParams.has('source')).toBe(false);
  });

  it('gives the comparison window explicitly', () => {
    const u = new URL(
      compareExportHref({
        branches: ['a', 'b'],
        metric: 'views',
        granularity: 'week',
        network: 'all',
        from: '2026-06-01',
        to: '2026-10-31',
      }),
      'http://x',
    );
    expect(Object.fromEntries(u.searchParams)).toEqual({
      branches: 'a,b',
      metric: 'views',
      granularity: 'week',
      network: 'all',
      from: '2026-06-01',
      to: '2026-10-31',
    });
  });
});
