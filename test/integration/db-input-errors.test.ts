// PostgreSQL's own refusals of a client's value (class 22 and 23), raised by a
// real server, become a 400 naming the field in a route, never a 500.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseInputProblem, errorResponse, route } from '../../lib/api/errors';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db
    .insertInto('branch')
    .values({ slug: 'alpha', name: 'Альфа', name_en: 'Alpha', region_code: 'RU-AD', federal_district: 'southern', population: 1000 })
    .execute();
});
afterAll(async () => {
  await t?.drop();
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('database refusals of client input', () => {
  it.each([
    ['NUL in text', () => t.db.selectFrom('branch').select('id').where('slug', '=', 'a\0b').execute(), '22021', /NUL/],
    [
      'a number past the column',
      () => t.db.updateTable('branch').set({ population: 3_000_000_000 }).where('slug', '=', 'alpha').execute(),
      '22003',
      /out of range/,
    ],
    ['an impossible date', () => sql`select ${'2026-02-30'}::date`.execute(t.db), '22008', /date/],
    ['text for a number', () => sql`select ${'abc'}::integer`.execute(t.db), '22P02', /format/],
    [
      'a duplicate',
      () =>
        t.db
          .insertInto('branch')
          .values({ slug: 'alpha', name: 'x', name_en: 'x', region_code: 'RU-ZZ', federal_district: 'volga', population: 1 })
          .execute(),
      '23505',
      /slug: already exists/,
    ],
    [
      'a missing value',
      () =>
        sql`insert into branch (slug, name, name_en, region_code, federal_district) values ('b', null, 'x', 'RU-YY', 'volga')`.execute(
          t.db,
        ),
      '23502',
      /name: is required/,
    ],
  ])('%s', async (_name, run, code, message) => {
    const err = await refusal(run());
    expect((err as { code?: string }).code).toBe(code);
    const problem = databaseInputProblem(err);
    expect(problem?.message).toMatch(message);
    const res = errorResponse(err);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toContain(`"${problem!.field}"`);
    // The database's own wording (which may quote the value) stays out of the answer.
    expect(body.error).not.toMatch(/invalid byte sequence|violates|out of range for type|invalid input syntax/);
  });

  it('leaves other errors alone: a route still answers 500 for a bug', async () => {
    expect(databaseInputProblem(new Error('boom'))).toBeNull();
    expect(databaseInputProblem({ code: '42P01' })).toBeNull(); // undefined table: ours, not the client's
    const spy = console.error;
    console.error = () => {};
    try {
      expect((await route(async () => Promise.reject(new Error('boom')))()).status).toBe(500);
    } finally {
      console.error = spy;
    }
  });
});
