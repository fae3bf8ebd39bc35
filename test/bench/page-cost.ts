// Server CPU per request and first-load JavaScript of the heaviest pages, measured
// sequentially: CPU time of the app's process tree does not depend on how busy
// the shared machine is, unlike latency (docs/benchmarks.md, "Page cost").
// Usage: npx tsx test/bench/page-cost.ts   (needs the load benchmark's podium_bench_load_36m database)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { signIn, startApp } from '../helpers/app';

function treeCpuMs(root: number): number {
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const d of all) {
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = st.slice(st.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(rest[1]));
      cpu.set(Number(d), (Number(rest[11]) + Number(rest[12])) * 10);
    } catch {
      // the process ended while we read it
    }
  }
  let sum = 0;
  for (const [pid, c] of cpu) {
    let p: number | undefined = pid;
    while (p && p !== root && p !== 1) p = parent.get(p);
    if (p === root) sum += c;
  }
  return sum;
}

const url = 'postgres://postgres@127.0.0.1:5432/podium_bench_load_36m';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-cost-'));
const app = await startApp({
  DATABASE_URL: url,
  PODIUM_DEMO: '0',
  PODIUM_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  PODIUM_COLLECT_CRON: '0 3 1 1 *',
});
try {
  const cookie = await signIn(app.url, 'central@podium.demo', 'podium-demo');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const ctx = await browser.newContext();
  const [name, value] = cookie.split(';')[0]!.split('=');
  await ctx.addCookies([{ name: name!, value: value!, url: app.url }]);
  for (const p of ['/', '/branches/moscow']) {
    const page = await ctx.newPage();
    const bodies: Promise<Buffer>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script' && r.ok()) bodies.push(r.body());
    });
    await page.goto(`${app.url}${p}`, { waitUntil: 'networkidle' });
    const all = await Promise.all(bodies);
    console.log(`JS ${p}: ${(all.reduce((n, b) => n + zlib.gzipSync(b).length, 0) / 1024).toFixed(1)} KB gz in ${all.length} files`);
    await page.close();
  }
  await browser.close();
  for (const p of ['/api/health', '/api/rankings?period=month', '/', '/branches/moscow']) {
    for (let i = 0; i < 5; i++) await (await fetch(`${app.url}${p}`, { headers: { cookie } })).arrayBuffer();
    const N = 40;
    const c0 = treeCpuMs(app.proc.pid!);
    let bytes = 0;
    for (let i = 0; i < N; i++) bytes += (await (await fetch(`${app.url}${p}`, { headers: { cookie } })).arrayBuffer()).byteLength;
    const c1 = treeCpuMs(app.proc.pid!);
    console.log(`${p.padEnd(30)} server CPU ${((c1 - c0) / N).toFixed(1)} ms/request, ${(bytes / N / 1024).toFixed(1)} KB/response`);
  }
} finally {
  await app.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
