import fs from 'node:fs';
import { addCredential, listCredentialViews } from '@/lib/admin/credentials';
import { NETWORKS } from '@/lib/networks';
import { UsageError, adminCtx, options, required, table, type Runner } from './common';

const ADD = 'npm run podium -- credentials add --network <network> --label <label> [--token-file <path>]   (else the token is read from stdin)';

export function credentialsCommand(sub: string | undefined, args: string[]): Runner {
  switch (sub) {
    case 'list':
      options(args, {}, 'npm run podium -- credentials list');
      return async (io) => {
        const rows = await listCredentialViews(io.db, io.secretKey());
        table(rows.map((c) => ({ id: c.id, network: c.network, label: c.label, token: c.masked, status: c.status, last_error: c.lastError })), io.out);
      };
    case 'add': {
      // A token on the command line would land in shell history and `ps`: refused.
      if (args.some((a) => a === '--token' || a.startsWith('--token='))) throw new UsageError('--token is not accepted: pipe the token on stdin or use --token-file <path>');
      const v = options(args, { network: { type: 'string' }, label: { type: 'string' }, 'token-file': { type: 'string' } }, ADD);
      const network = required(v, 'network', ADD);
      if (!(NETWORKS as readonly string[]).includes(network)) throw new UsageError(`--network must be one of ${NETWORKS.join(', ')} (got "${network}")`);
      const label = required(v, 'label', ADD);
      const file = v['token-file'];
      if (file !== undefined && !fs.existsSync(file)) throw new UsageError(`--token-file: no such file ${file}`);
      return async (io) => {
        const token = (file !== undefined ? fs.readFileSync(file, 'utf8') : await io.readStdin()).trim();
        if (!token) throw new UsageError(file ? '--token-file is empty' : 'no token on stdin (or use --token-file <path>)');
        const id = await addCredential(adminCtx(io), io.secretKey(), { network, label, token });
        io.out(`Stored credential #${id} (${network}, "${label}"), encrypted`);
      };
    }
    default:
      throw new UsageError(`unknown credentials command "${sub ?? ''}": use add or list`);
  }
}
