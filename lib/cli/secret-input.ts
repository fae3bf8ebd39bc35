// Reading a secret (a password) for the CLI without it appearing anywhere:
// not in the command line (shell history, `ps`), not echoed on the terminal.

function readAll(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    input.setEncoding('utf8');
    input.on('data', (c: string) => (data += c));
    input.on('end', () => resolve(data));
    input.on('error', reject);
  });
}

/**
 * From a terminal: a prompt, then keys read in raw mode so nothing is echoed
 * (Enter ends, Backspace deletes, Ctrl-C cancels). From a pipe: the first line.
 */
export function readSecret(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) return readAll(input).then((s) => s.split(/\r?\n/)[0] ?? '');
  // Echo off before the prompt shows: keys typed as soon as it appears must not be echoed
  // (a loaded machine could otherwise run the typist between the prompt and setRawMode).
  input.setRawMode(true);
  output.write(prompt);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}
