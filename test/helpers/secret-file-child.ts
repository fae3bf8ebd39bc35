// Child process for the secrets test: waits for a shared start time, then
// loads (or creates) the data directory's key or auth secret and prints it.
import { loadOrCreateAuthSecret } from '../../lib/auth/config';
import { loadOrCreateKey } from '../../lib/crypto/secrets';

const [kind, dir, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {
  // spin: every child reaches the file at the same moment
}
process.stdout.write(kind === 'auth' ? loadOrCreateAuthSecret(undefined, dir!) : loadOrCreateKey(undefined, dir!).toString('hex'));
