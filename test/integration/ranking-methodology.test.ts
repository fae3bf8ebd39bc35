import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { MethodView } from '../../components/methodology/method-view';
import { getMethodWithDate, insertMethod } from '../../lib/data/methods';
import { setMethodInEffect } from '../../lib/data/method-choice';
import { PODIUM_V1, PODIUM_V2, methodComponents } from '../../lib/ranking/method';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('methodology page', () => {
  it('starts a new install on podium-v2', async () => {
    const m = await getMethodWithDate(t.db);
    expect(m.definition).toEqual(PODIUM_V2);
    const en = renderToStaticMarkup(MethodView({ method: m.definition, locale: 'en', publishedAt: m.publishedAt }));
    for (const id of methodComponents(PODIUM_V2)) expect(en).toContain(`data-weight="${PODIUM_V2.weights[id]}"`);
  });

  it('shows the stored method in effect, in Russian and English, from the engine definition', async () => {
    await setMethodInEffect(t.db, 'podium-v1', 'test');
    const m = await getMethodWithDate(t.db);
    expect(m.definition).toEqual(PODIUM_V1);
    const ru = renderToStaticMarkup(MethodView({ method: m.definition, locale: 'ru', publishedAt: m.publishedAt }));
    const en = renderToStaticMarkup(MethodView({ method: m.definition, locale: 'en', publishedAt: m.publishedAt }));
    expect(ru).toContain('Методика рейтинга');
    expect(en).toContain('Ranking methodology');
    for (const id of methodComponents(PODIUM_V1)) expect(en).toContain(`data-weight="${PODIUM_V1.weights[id]}"`);
    expect(en).toContain('25%');
    expect(en).toContain('capped at 14');
    expect(en).toContain('±20%');
    expect(ru).toContain('не меньше 4 публикаций');
    // Percentages as everywhere else in Russian (lib/format/number.ts): a non-breaking space before %.
    expect(ru).toContain('70\u00a0%');
  });

  it('follows a newly published version once it is put in effect', async () => {
    await insertMethod(t.db, {
      ...PODIUM_V1,
      version: 3,
      caps: { postsPerWeek: 10 },
      weights: { ...PODIUM_V1.weights, visits_per_100k: 0 },
    });
    await setMethodInEffect(t.db, 'podium-v3', 'test');
    const m = await getMethodWithDate(t.db);
    const en = renderToStaticMarkup(MethodView({ method: m.definition, locale: 'en', publishedAt: m.publishedAt }));
    expect(en).toContain('podium-v3');
    expect(en).toContain('capped at 10');
    expect(en).toContain('data-weight="0"');
  });
});
