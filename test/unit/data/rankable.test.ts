import { describe, expect, it } from 'vitest';
import { daysWithData, defaultPeriod, nearestRankedPeriod } from '../../../lib/data/rankable';
import { customPeriod, daysInclusive, periodContaining, type Period } from '../../../lib/ranking/period';

// The demo's shape: 13 months of data ending yesterday, so the last complete
// year (2025) has two months of it. A period ranks everyone when its elapsed
// days have data on at least 70 % of them (the method's coverage rule), nobody
// otherwise.
const FIRST = '2025-11-01';
const LAST = '2026-11-29';
const TODAY = '2026-11-30';
const asked: string[] = [];
async function rankedIn(p: Period): Promise<number> {
  asked.push(p.label);
  const elapsedTo = p.to < LAST ? p.to : LAST;
  if (elapsedTo < p.from) return 0;
  return daysWithData(p, FIRST, LAST) / daysInclusive(p.from, elapsedTo) >= 0.7 ? 83 : 0;
}

describe('the period a button opens', () => {
  it('opens the running year on its elapsed days, not 2025 with two months of data', async () => {
    asked.length = 0;
    const p = await defaultPeriod('year', TODAY, rankedIn);
    expect(p).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(asked).toEqual(['2025', '2026']);
  });
  it('opens the latest complete quarter, month and week when they rank someone', async () => {
    expect((await defaultPeriod('quarter', TODAY, rankedIn)).label).toBe('2026-Q3');
    expect((await defaultPeriod('month', TODAY, rankedIn)).label).toBe('2026-10');
    expect((await defaultPeriod('week', TODAY, rankedIn)).label).toBe('2026-W48'); // 23–29 Nov; 30 Nov is a Monday;
  });
  it('keeps the latest complete period when nothing ranks anyone (the page then says why)', async () => {
    expect((await defaultPeriod('year', TODAY, async () => 0)).label).toBe('2025');
  });
});

describe('the nearest period with a ranking', () => {
  it('from 2025 is the running 2026', async () => {
    expect(
      (await nearestRankedPeriod(periodContaining('year', '2025-06-01'), { firstDataDay: FIRST, today: TODAY }, rankedIn))?.label,
    ).toBe('2026');
  });
  it('from Q4 2025 (two of its three months) is Q1 2026', async () => {
    expect(
      (await nearestRankedPeriod(periodContaining('quarter', '2025-12-01'), { firstDataDay: FIRST, today: TODAY }, rankedIn))?.label,
    ).toBe('2026-Q1');
  });
  it('looks back when the period is after the data', async () => {
    const lastData = async (p: Period) => (p.label === '2026-09' ? 1 : 0);
    expect(
      (await nearestRankedPeriod(periodContaining('month', '2026-11-10'), { firstDataDay: FIRST, today: TODAY }, lastData))?.label,
    ).toBe('2026-09');
  });
  it('never goes past the running period or before the first data day', async () => {
    asked.length = 0;
    expect(
      await nearestRankedPeriod(
        periodContaining('year', '2025-06-01'),
        { firstDataDay: FIRST, today: TODAY },
        async (p) => (asked.push(p.label), 0),
      ),
    ).toBeNull();
    expect(asked).toEqual(['2026']);
  });
  it('is null for custom ranges and without data', async () => {
    expect(await nearestRankedPeriod(customPeriod('2026-01-05', '2026-01-20'), { firstDataDay: FIRST, today: TODAY }, rankedIn)).toBeNull();
    expect(await nearestRankedPeriod(periodContaining('year', '2025-06-01'), { firstDataDay: null, today: TODAY }, rankedIn)).toBeNull();
  });
});

describe('days with data', () => {
  it('is the overlap of the period with the data', () => {
    expect(daysWithData(periodContaining('year', '2025-06-01'), FIRST, LAST)).toBe(61);
    expect(daysWithData(periodContaining('month', '2026-12-01'), FIRST, LAST)).toBe(0);
    expect(daysWithData(periodContaining('month', '2026-10-01'), null, null)).toBe(0);
  });
});
