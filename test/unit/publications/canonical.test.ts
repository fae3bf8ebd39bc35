import { describe, expect, it } from 'vitest';
import { canonicalJson, publicationDocument, sha256Hex } from '../../../lib/publications/canonical';
import { driftRow } from '../../../lib/publications/drift';

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined, keeps array order, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: null, y: true }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,1,{"y":true,"z":null}]},"b":1}',
    );
  });
  it('prints numbers in their shortest round-trip form, -0 as 0', () => {
    expect(canonicalJson([0.1 + 0.2, 1e21, 1e-7, -0, 45.83, 100])).toBe('[0.30000000000000004,1e+21,1e-7,0,45.83,100]');
  });
  it('is a fixed point: parsing and serializing again gives the same bytes', () => {
    const text = canonicalJson({ name: 'Альфа "α"\n', n: [1.5, -2, 3e-9], nested: { b: false, a: null } });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
  it('refuses what JSON cannot hold exactly', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(Infinity)).toThrow();
    expect(() => canonicalJson({ d: new Date(0) })).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
  });
  it('the document equals canonical JSON of the whole and its hash is sha256 hex', () => {
    const meta = { title: 'T', asOf: '2026-10-31' };
    const summary = { counts: { branches: 2, eligible: 1 } };
    const rows = [
      { rank: 1, branch: { id: 1 } },
      { rank: null, branch: { id: 2 } },
    ];
    const doc = publicationDocument(
      canonicalJson(meta),
      canonicalJson(summary),
      rows.map((r) => canonicalJson(r)),
    );
    expect(doc).toBe(canonicalJson({ format: 'podium-publication-v1', meta, rows, summary }));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('drift of one branch', () => {
  const branch = { id: 1, slug: 'alpha', name: 'Альфа', nameEn: 'Alpha', federalDistrict: 'southern' as const };
  const metrics = {
    coverage: 1,
    elapsedDays: 31,
    views: 31000,
    posts: 31,
    followersStart: 1000,
    followersEnd: 1100,
    interactions: 1550,
    visits: null,
  };
  const side = (
    over: Partial<{ rank: number | null; score: number | null; eligible: boolean; metrics: Record<string, number | null> }> = {},
  ) => ({
    branch,
    eligible: true,
    rank: 2,
    score: 50,
    metrics,
    ...over,
  });

  it('nothing moved', () => {
    expect(driftRow(side(), side(), false)).toMatchObject({ changed: false, causes: [], inputs: [], rankChange: 0, scoreChange: 0 });
  });
  it('re-polled views and a lower rank', () => {
    const r = driftRow(side(), side({ rank: 4, score: 41.5, metrics: { ...metrics, views: 34100 } }), false);
    expect(r).toMatchObject({
      changed: true,
      causes: ['views'],
      rankChange: -2,
      scoreChange: -8.5,
      inputs: [{ metric: 'views', published: 31000, live: 34100 }],
    });
  });
  it('late data is a change of coverage or of the days counted', () => {
    expect(driftRow(side(), side({ metrics: { ...metrics, coverage: 0.9 } }), false).causes).toEqual(['late_data']);
    expect(driftRow(side(), side({ metrics: { ...metrics, elapsedDays: 30 } }), false).causes).toEqual(['late_data']);
  });
  it('a new method version alone is named but is not a change of this branch', () => {
    expect(driftRow(side(), side(), true)).toMatchObject({ changed: false, causes: ['method'] });
    expect(driftRow(side(), side({ score: 49 }), true)).toMatchObject({ changed: true, causes: ['method'] });
  });
  it('dropping out of the ranking', () => {
    const r = driftRow(side(), side({ eligible: false, rank: null, score: null, metrics: { ...metrics, posts: 2 } }), false);
    expect(r).toMatchObject({ changed: true, rankChange: null, scoreChange: null });
    expect(r.causes.sort()).toEqual(['eligibility', 'other_inputs']);
  });
  it('a branch only on one side', () => {
    expect(driftRow(undefined, side(), false)).toMatchObject({ changed: true, published: null, live: { rank: 2 } });
    expect(driftRow(side(), undefined, false)).toMatchObject({ changed: true, live: null });
  });
});
