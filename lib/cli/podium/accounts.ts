import { addAccount, listAllAccounts, setAccountPaused } from '@/lib/admin/accounts';
import { excerpt } from '@/lib/format/excerpt';
import { UsageError, adminCtx, options, required, table, type Runner } from './common';

const ADD =
  'npm run podium -- accounts add --branch <slug> --url <url or handle> [--network vk|ok|telegram|youtube|rutube|website|dzen] [--title <title>]';

export function accountsCommand(sub: string | undefined, args: string[]): Runner {
  switch (sub) {
    case 'list': {
      const v = options(args, { branch: { type: 'string' } }, 'npm run podium -- accounts list [--branch <slug>]');
      return async (io) => {
        const rows = await listAllAccounts(io, v.branch);
        table(
          rows.map((a) => ({
            id: a.id,
            branch: a.branch_slug,
            network: a.network,
            account: a.handle ?? a.external_id,
            status: a.status,
            url: a.url,
          })),
          io.out,
        );
      };
    }
    case 'add': {
      const v = options(
        args,
        { branch: { type: 'string' }, url: { type: 'string' }, network: { type: 'string' }, title: { type: 'string' } },
        ADD,
      );
      const input = { branchSlug: required(v, 'branch', ADD), input: required(v, 'url', ADD), network: v.network, title: v.title };
      return async (io) => {
        const id = await addAccount(adminCtx(io), input);
        io.out(`Added account #${id}`);
      };
    }
    case 'pause':
    case 'resume': {
      const usage = `npm run podium -- accounts ${sub} --id <account id>`;
      const raw = required(options(args, { id: { type: 'string' } }, usage), 'id', usage);
      const id = Number(raw);
      // Ids are 4-byte integers in the database: a larger number names no account.
      if (!/^\d{1,10}$/.test(raw) || id <= 0 || id > 2_147_483_647)
        throw new UsageError(`--id must be an account id number (got ${excerpt(raw)})`);
      return async (io) => {
        await setAccountPaused(adminCtx(io), id, sub === 'pause');
        io.out(`${sub === 'pause' ? 'Paused' : 'Resumed'} account #${id}`);
      };
    }
    default:
      throw new UsageError(`unknown accounts command ${excerpt(sub ?? '')}: use list, add, pause or resume`);
  }
}
