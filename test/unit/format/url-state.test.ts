import { describe, expect, it } from 'vitest';
import { rankingsQuerySchema } from '@/lib/api/schemas';
import { compareQuery, compareSearch, parseCompareState } from '@/lib/query/compare-state';
import { parseRankingState, rankingQuery, rankingSearch } from '@/lib/query/ranking-state';
import { periodSearch, shiftPeriodDate } from '@/lib/query/url-state';

// The URL holds the whole view: parsing is forgiving, writing is canonical.
describe('ranking URL state', () => {
  it('defaults to the latest month, all networks, by rank', () => {
    const s = parseRankingState(new URLSearchParams(''));
    expect(s).toEqual({ period: 'month', date: undefined, network: 'all', district: undefined, sort: 'rank', dir: 'asc' });
    expect(rankingSearch(s)).toBe('');
  });

  it('round-trips every field', () => {
    const search = '?period=quarter&date=2026-Q3&network=vk&district=ural&sort=score&dir=asc';
    const s = parseRankingState(new URLSearchParams(search));
    expect(s).toMatchObject({ period: 'quarter', date: '2026-Q3', network: 'vk', district: 'ural', sort: 'score', dir: 'asc' });
    expect(rankingSearch(s)).toBe(search);
    const custom = '?period=custom&from=2026-10-03&to=2026-10-17&district=volga&sort=branch&view=live';
    expect(rankingSearch(parseRankingState(new URLSearchParams(custom)))).toBe(custom);
  });

  it('falls back on bad values instead of failing', () => {
    const s = parseRankingState({ period: 'decade', network: 'myspace', district: 'mars', sort: 'x', dir: 'up', date: '2026-13-45x' });
    expect(s).toEqual({ period: 'month', date: undefined, network: 'all', district: undefined, sort: 'rank', dir: 'asc' });
  });

  it('keeps a custom range only when complete and ordered', () => {
    expect(parseRankingState({ period: 'custom', from: '2026-10-01', to: '2026-10-10' })).toMatchObject({
      period: 'custom',
      from: '2026-10-01',
      to: '2026-10-10',
    });
    expect(parseRankingState({ period: 'custom', from: '2026-10-10', to: '2026-10-01' }).period).toBe('month');
    expect(parseRankingState({ period: 'custom', from: '2026-10-10' }).period).toBe('month');
  });

  it('gives the API a query its schema accepts', () => {
    for (const search of [
      '',
      '?period=week&date=2026-W43',
      '?period=custom&from=2026-10-01&to=2026-10-31&network=ok',
      '?district=volga&sort=er',
    ]) {
      const q = rankingQuery(parseRankingState(new URLSearchParams(search)));
      expect(rankingsQuerySchema.safeParse(q).success, search).toBe(true);
    }
  });

  it('sorts best first by default and writes only non-default directions', () => {
    expect(parseRankingState({ sort: 'score' }).dir).toBe('desc');
    expect(parseRankingState({ sort: 'branch' }).dir).toBe('asc');
    expect(rankingSearch({ ...parseRankingState({}), sort: 'score', dir: 'desc' })).toBe('?sort=score');
  });

  it('carries period and network to other pages', () => {
    expect(periodSearch(parseRankingState({ period: 'year', date: '2025', network: 'telegram', sort: 'score' }))).toBe(
      '?period=year&date=2025&network=telegram',
    );
  });

  it('steps to the neighbouring period by a day past its edge', () => {
    expect(shiftPeriodDate('2026-10-01', '2026-10-31', 1)).toBe('2026-11-01');
    expect(shiftPeriodDate('2026-10-01', '2026-10-31', -1)).toBe('2026-09-30');
    expect(shiftPeriodDate('2026-01-01', '2026-03-31', -1)).toBe('2025-12-31');
  });
});

describe('compare URL state', () => {
  it('keeps 0–6 distinct valid slugs in order', () => {
    const s = parseCompareState({
      branches: 'a,b,,B!,a,c,d,e,f,g',
      metric: 'followers',
      granularity: 'month',
      network: 'vk',
      basis: 'absolute',
    });
    expect(s).toEqual({
      branches: ['a', 'b', 'c', 'd', 'e', 'f'],
      metric: 'followers',
      granularity: 'month',
      network: 'vk',
      basis: 'absolute',
      period: 'month',
      date: undefined,
    });
    expect(compareSearch(s)).toBe('?network=vk&branches=a,b,c,d,e,f&metric=followers&basis=absolute&granularity=month');
  });
  it('defaults to daily views per 100k residents over the ranking period', () => {
    expect(parseCompareState({})).toEqual({
      branches: [],
      metric: 'views',
      granularity: 'day',
      network: 'all',
      basis: 'per_100k',
      period: 'month',
      date: undefined,
    });
    expect(compareSearch(parseCompareState({}))).toBe('');
  });
  it('carries the period fields like the ranking, and a bad basis falls back', () => {
    const s = parseCompareState({ branches: 'a', period: 'custom', from: '2026-10-01', to: '2026-10-31', basis: 'per_banana' });
    expect(s.basis).toBe('per_100k');
    expect(compareSearch(s)).toBe('?period=custom&from=2026-10-01&to=2026-10-31&branches=a');
    expect(compareQuery(s)).toEqual({
      branches: ['a'],
      metric: 'views',
      granularity: 'day',
      network: 'all',
      basis: 'per_100k',
      period: 'custom',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(compareQuery(parseCompareState({ period: 'quarter', date: '2026-Q3' }), ['x'])).toMatchObject({
      branches: ['x'],
      period: 'quarter',
      date: '2026-Q3',
    });
  });
});
