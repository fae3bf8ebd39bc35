// npm run method:compare -- [--month YYYY-MM] [--a podium-v1] [--b podium-v2]
// Prints the top ten of one month under two methods and the biggest movers with the
// component that moved them (the table in docs/methodology.md comes from this).
import { parseArgs } from 'node:util';
import { createDb } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { compareMethods } from '../data/method-compare';
import { getMethod } from '../data/methods';
import { refreshRollups } from '../rollups/index';
import { resolvePeriod } from '../ranking/period';
import { EnvError, parseEnv } from '../env';
import { clip, excerpt } from '../format/excerpt';
import { inYears, MAX_YEAR, MIN_YEAR } from '../api/schemas';
import { fail, openDatabase } from './database';

async function main(): Promise<void> {
  let values: { month?: string; a?: string; b?: string };
  try {
    ({ values } = parseArgs({
      options: { month: { type: 'string' }, a: { type: 'string' }, b: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(`${clip((err as Error).message, 90)}\nusage: npm run method:compare -- [--month YYYY-MM] [--a podium-v1] [--b podium-v2]`, 2);
  }
  const month = values.month ?? '2026-10';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) fail(`--month must be YYYY-MM (got ${excerpt(month)})`, 2);
  if (!inYears(month.slice(0, 4))) fail(`--month ${month}: year must be between ${MIN_YEAR} and ${MAX_YEAR}`, 2);
  for (const [flag, v] of [
    ['--a', values.a],
    ['--b', values.b],
  ] as const) {
    if (v !== undefined && !/^[a-z0-9-]{1,60}-v\d{1,6}$/.test(v))
      fail(`${flag}: expected a method version like podium-v1 (got ${excerpt(v)})`, 2);
  }
  const env = parseEnv(process.env);
  const handle = await openDatabase(env);
  const db = createDb(handle.url, { max: 2 });
  try {
    await migrateToLatest(db);
    await refreshRollups(db);
    const a = await getMethod(db, values.a ?? 'podium-v1');
    const b = await getMethod(db, values.b ?? 'podium-v2');
    if (!a) fail(`unknown method: ${values.a}`, 2);
    if (!b) fail(`unknown method: ${values.b}`, 2);
    const period = resolvePeriod({ period: 'month', date: month }, '2100-01-01');
    const r = await compareMethods(db, a!, b!, period);
    const top = (key: 'a' | 'b') =>
      r.rows
        .filter((x) => x[key].rank !== null && x[key].rank! <= 10)
        .sort((p, q) => p[key].rank! - q[key].rank!)
        .map((x) => `${String(x[key].rank).padStart(2)}. ${x.nameEn} (${x.slug}) ${x[key].score?.toFixed(2)}`);
    console.log(`Period ${r.period.label} (${r.period.from}..${r.period.to})`);
    console.log(`\nTop ten under ${r.a}:\n${top('a').join('\n')}`);
    console.log(`\nTop ten under ${r.b}:\n${top('b').join('\n')}`);
    const movers = r.rows
      .filter((x) => x.shift !== null)
      .sort((p, q) => Math.abs(q.shift!) - Math.abs(p.shift!))
      .slice(0, 10);
    console.log(`\nBiggest movers (${r.a} → ${r.b}):`);
    for (const m of movers)
      console.log(
        `${m.nameEn}: ${m.a.rank} → ${m.b.rank} (${m.shift! > 0 ? '+' : ''}${m.shift}); most changed component: ${m.reason?.component} ${m.reason && m.reason.points > 0 ? '+' : ''}${m.reason?.points} points`,
      );
  } finally {
    await db.destroy();
    await handle.stop();
  }
}

main().catch((err) => {
  if (err instanceof EnvError) fail(err.message, 2);
  console.error(err);
  process.exit(1);
});
