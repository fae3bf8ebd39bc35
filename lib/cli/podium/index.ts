import { excerpt } from '@/lib/format/excerpt';
import { AdminInputError } from '@/lib/admin/context';
import { databaseInputProblem } from '@/db/input-problem';
import { accountsCommand } from './accounts';
import { branchesCommand } from './branches';
import { UsageError, type CliIo, type Runner } from './common';
import { credentialsCommand } from './credentials';
import { exportCommand } from './export';
import { packCommand } from './pack';
import { usersCommand } from './users';

export const HELP = `usage: npm run podium -- <command>
  users create --email <e> --role admin|central|coordinator [--branch <slug>] [--password] [--name <n>]  (password from stdin or a prompt)
  users list | users deactivate --email <e> | users reset-link --email <e>
  branches list | branches create --slug --name --name-en --region RU-XX --district <d> [--population <n>]
  branches archive --slug <slug> | branches unarchive --slug <slug>
  accounts list [--branch <slug>] | accounts add --branch <slug> --url <url or handle> [--network <n>]
  accounts pause --id <id> | accounts resume --id <id>
  credentials add --network <n> --label <l> [--token-file <path>] [--config key=value ...]  (token from stdin otherwise; never echoed)
  credentials list
  export rankings --period 2026-10 [--network vk] [--format csv|xlsx] [--delimiter semicolon] [--lang en] --out <file|->
  export branch --slug <slug> [--from --to --granularity day|week|month] [--format csv|xlsx] --out <file|->
  pack --period 2026-10 [--published] [--network vk] [--lang en] [--out pack.zip]  (report PDF, XLSX, CSV, podium PNG; needs Chromium: PODIUM_CHROMIUM_PATH)`;

/** Parses the command line; throws UsageError before touching the database. */
export function parseCommand(argv: string[]): Runner | 'help' {
  const [group, sub, ...rest] = argv;
  switch (group) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return 'help';
    case 'users':
      return usersCommand(sub, rest);
    case 'branches':
      return branchesCommand(sub, rest);
    case 'accounts':
      return accountsCommand(sub, rest);
    case 'credentials':
      return credentialsCommand(sub, rest);
    case 'export':
      return exportCommand(sub, rest);
    case 'pack':
      return packCommand(sub === undefined ? rest : [sub, ...rest]);
    default:
      throw new UsageError(`unknown command ${excerpt(group)}\n${HELP}`);
  }
}

/** Runs one CLI command; returns the process exit code (2 = bad arguments). */
export async function runPodium(
  argv: string[],
  io: Omit<CliIo, 'db'> & { openDb: () => Promise<CliIo['db']> },
  err: (line: string) => void,
): Promise<number> {
  let runner: Runner | 'help';
  try {
    runner = parseCommand(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`podium: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (runner === 'help') {
    io.out(HELP);
    return 0;
  }
  const db = await io.openDb();
  try {
    await runner({ ...io, db });
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof AdminInputError) {
      const field = e instanceof AdminInputError ? `--${e.field.replace(/_/g, '-')}: ` : '';
      err(`podium: ${field}${e.message}`);
      return 2;
    }
    // A value the checks let through but the database refused: still bad input, never a stack trace.
    const problem = databaseInputProblem(e);
    if (problem) {
      err(`podium: --${problem.message.replace(/_/g, '-')}`);
      return 2;
    }
    throw e;
  }
}
