import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REGIONS } from '../../lib/demo/regions';
import { postgresProcessesFor, signIn, startApp, type RunningApp } from '../helpers/app';

// `npm start` with no DATABASE_URL: embedded Postgres, demo data, build, web.
describe('npm start (embedded default)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-smoke-'));
  let app: RunningApp | undefined;

  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the ranking, stops cleanly, and reuses the cluster on the next start', { timeout: 600_000 }, async () => {
    const env = { DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, PODIUM_DATA_DIR: dataDir, PODIUM_DEMO: undefined };
    app = await startApp(env);
    expect(app.output()).toContain('loading demo data');

    const health = await fetch(`${app.url}/api/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', database: { status: 'up' } });

    const anonymous = await fetch(`${app.url}/`, { redirect: 'manual' });
    expect([302, 303, 307, 308]).toContain(anonymous.status);

    const cookie = await signIn(app.url, 'central@podium.demo', 'podium-demo');
    const html = await fetch(`${app.url}/`, { headers: { cookie } }).then((r) => r.text());
    const found = REGIONS.filter((r) => html.includes(r.name));
    expect(found.length).toBeGreaterThanOrEqual(3);

    const code = await app.stop();
    expect(code).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    app = await startApp(env);
    expect(app.output()).not.toContain('loading demo data');
    expect(app.output()).not.toContain('building the web app');
    const again = await fetch(`${app.url}/`, { headers: { cookie: await signIn(app.url, 'central@podium.demo', 'podium-demo') } });
    expect(again.status).toBe(200);
    await app.stop();
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });
});
