import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const TSX = path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');
const CHILD = path.resolve(import.meta.dirname, '../helpers/secret-prompt-child.ts');
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 16);
const hasScript = (() => {
  try {
    execFileSync('which', ['script'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

function run(cmd: string, args: string[], onOutput: (all: string, stdin: NodeJS.WritableStream) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const seen = (d: Buffer) => {
      out += d.toString();
      onOutput(out, p.stdin);
    };
    p.stdout.on('data', seen);
    p.stderr.on('data', seen);
    const timer = setTimeout(() => {
      p.kill();
      reject(new Error(`timed out:\n${out}`));
    }, 40_000);
    p.on('exit', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

describe('CLI secret input', () => {
  it('takes the first line of piped stdin', async () => {
    const piped = await new Promise<string>((resolve) => {
      const p = spawn(process.execPath, [TSX, CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
      let o = '';
      p.stdout.on('data', (d: Buffer) => (o += d.toString()));
      p.on('exit', () => resolve(o));
      p.stdin.end('pw-from-a-pipe\nsecond line\n');
    });
    expect(piped).toContain(`GOT length=14 sha=${sha('pw-from-a-pipe')}`);
  });

  it.skipIf(!hasScript)('prompts on a terminal without echoing what is typed', { timeout: 60_000 }, async () => {
    let typed = false;
    // `script` gives the child a real pseudo-terminal; what the terminal shows comes back on stdout.
    const out = await run('script', ['-qec', `${process.execPath} ${TSX} ${CHILD}`, '/dev/null'], (all, stdin) => {
      if (!typed && all.includes('Password (not shown): ')) {
        typed = true;
        stdin.write('hunter2-secreX\u007fT\r');
      }
    });
    expect(typed).toBe(true);
    expect(out).toContain(`GOT length=14 sha=${sha('hunter2-secreT')}`);
    expect(out).not.toContain('hunter2');
  });
});
