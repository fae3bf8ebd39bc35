// Child process for the CLI secret-input test: reads one secret and reports
// its length and a hash (never the secret itself).
import crypto from 'node:crypto';
import { readSecret } from '../../lib/cli/secret-input';

const value = await readSecret('Password (not shown): ');
process.stdout.write(`\nGOT length=${value.length} sha=${crypto.createHash('sha256').update(value).digest('hex').slice(0, 16)}\n`);
process.exit(0);
