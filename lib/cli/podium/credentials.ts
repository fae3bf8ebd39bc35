import fs from 'node:fs';
import { addCredential, listCredentialViews, parseCredentialConfig } from '@/lib/admin/credentials';
import { NETWORKS } from '@/lib/networks';
import { excerpt } from '@/lib/format/excerpt';
import { UsageError, adminCtx, options, required, table, type Runner } from './common';

const ADD =
  'npm run podium -- credentials add --network <network> --label <label> [--token-file <path>] [--config key=value ...]   (else the token is read from stdin)';

/** Takes every --config key=value out of args (it may repeat). */
function takeConfig(args: string[]): { rest: string[]; config: string[] } {
  const rest: string[] = [];
  const config: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--config') {
      if (args[i + 1] === undefined) throw new UsageError('--config needs key=value');
      config.push(args[++i]);
    } else if (args[i].startsWith('--config=')) config.push(args[i].slice('--config='.length));
    else rest.push(args[i]);
  }
  return { rest, config };
}

export function credentialsCommand(sub: string | undefined, args: string[]): Runner {
  switch (sub) {
    case 'list':
      options(args, {}, 'npm run podium -- credentials list');
      return async (io) => {
        const rows = await listCredentialViews(io.db, io.secretKey());
        table(
          rows.map((c) => ({
            id: c.id,
            network: c.network,
            label: c.label,
            token: c.masked,
            settings: Object.entries(c.config)
              .map(([k, x]) => `${k}=${x}`)
              .join(' '),
            status: c.status,
            last_error: c.lastError,
          })),
          io.out,
        );
      };
    case 'add': {
      // A token on the command line would land in shell history and `ps`: refused.
      if (args.some((a) => a === '--token' || a.startsWith('--token=')))
        throw new UsageError('--token is not accepted: pipe the token on stdin or use --token-file <path>');
      const { rest, config: configLines } = takeConfig(args);
      const v = options(rest, { network: { type: 'string' }, label: { type: 'string' }, 'token-file': { type: 'string' } }, ADD);
      const network = required(v, 'network', ADD);
      if (!(NETWORKS as readonly string[]).includes(network))
        throw new UsageError(`--network must be one of ${NETWORKS.join(', ')} (got ${excerpt(network)})`);
      const label = required(v, 'label', ADD);
      const file = v['token-file'];
      if (file !== undefined && !fs.existsSync(file)) throw new UsageError(`--token-file: no such file ${excerpt(file)}`);
      let config: Record<string, string>;
      try {
        config = parseCredentialConfig(configLines);
      } catch (e) {
        throw new UsageError(`--config: ${(e as Error).message}`);
      }
      return async (io) => {
        const token = (file !== undefined ? fs.readFileSync(file, 'utf8') : await io.readStdin()).trim();
        if (!token) throw new UsageError(file ? '--token-file is empty' : 'no token on stdin (or use --token-file <path>)');
        const id = await addCredential(adminCtx(io), io.secretKey(), { network, label, token, config });
        io.out(`Stored credential #${id} (${network}, "${label}"), encrypted`);
      };
    }
    default:
      throw new UsageError(`unknown credentials command ${excerpt(sub ?? '')}: use add or list`);
  }
}
