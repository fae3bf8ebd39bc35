import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestPki {
  dir: string;
  /** PEM of the throwaway root: what MAX_CA_FILE points at. */
  caFile: string;
  caPem: string;
  /** A server certificate for 127.0.0.1 and localhost, issued by that root. */
  key: string;
  cert: string;
  /** A second, unrelated root: a wrong MAX_CA_FILE. */
  otherCaFile: string;
  remove(): void;
}

/**
 * A throwaway CA and a server certificate signed by it, made with the openssl
 * CLI in a fresh temp dir, so tests reach an HTTPS fake whose root Node does
 * not trust — as MAX's Russian Trusted Root CA is not (docs/operations.md).
 */
export function makeTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-pki-'));
  const p = (f: string) => path.join(dir, f);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const root = (name: string, cn: string) =>
    ssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      p(`${name}.key`),
      '-out',
      p(`${name}.pem`),
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  root('ca', 'Podium Test Root CA');
  root('other', 'Unrelated Test Root CA');
  ssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    p('server.key'),
    '-out',
    p('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  );
  fs.writeFileSync(p('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  ssl(
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('server.pem'),
    '-days',
    '2',
    '-extfile',
    p('ext.cnf'),
  );
  return {
    dir,
    caFile: p('ca.pem'),
    caPem: fs.readFileSync(p('ca.pem'), 'utf8'),
    key: fs.readFileSync(p('server.key'), 'utf8'),
    cert: fs.readFileSync(p('server.pem'), 'utf8'),
    otherCaFile: p('other.pem'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
