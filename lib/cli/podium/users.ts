import { adminCreateUser, adminDeactivate, adminResetLink } from '@/lib/admin/users';
import { getUserByEmail, listUsers } from '@/lib/auth/users';
import { ROLES, type Role } from '@/lib/auth/viewer';
import { excerpt } from '@/lib/format/excerpt';
import { UsageError, adminCtx, options, required, table, type Runner } from './common';

const CREATE =
  'npm run podium -- users create --email <e-mail> --role admin|central|coordinator [--branch <slug>] [--password] [--name <name>]   (--password: read it from stdin or a prompt; without it an invitation link is printed)';

export function usersCommand(sub: string | undefined, args: string[]): Runner {
  switch (sub) {
    case 'create': {
      // A password on the command line would land in shell history and `ps`: refused.
      const at = args.findIndex((a) => a === '--password' || a.startsWith('--password='));
      if (at >= 0 && (args[at]!.includes('=') || (args[at + 1] !== undefined && !args[at + 1]!.startsWith('--')))) {
        throw new UsageError(
          '--password takes no value on the command line: pipe the password on stdin or type it at the prompt\nusage: ' + CREATE,
        );
      }
      const v = options(
        args,
        {
          email: { type: 'string' },
          role: { type: 'string' },
          branch: { type: 'string' },
          password: { type: 'boolean' },
          name: { type: 'string' },
        },
        CREATE,
      );
      const email = required(v, 'email', CREATE);
      const role = required(v, 'role', CREATE);
      if (!(ROLES as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got ${excerpt(role)})`);
      if (role === 'coordinator' && !v.branch) throw new UsageError('--branch <slug> is required for a coordinator');
      if (role !== 'coordinator' && v.branch) throw new UsageError('--branch applies to coordinators only');
      return async (io) => {
        let password: string | undefined;
        if (v.password) {
          password = await io.readSecret(`Password for ${email} (not shown): `);
          if (!password) throw new UsageError('--password: no password given (pipe it on stdin or type it at the prompt)');
        }
        const r = await adminCreateUser(adminCtx(io), {
          email,
          role: role as Role,
          branchSlug: v.branch ?? null,
          password,
          name: v.name,
          baseUrl: io.baseUrl,
        });
        io.out(`Created ${role} ${email.toLowerCase()}`);
        if (r.inviteUrl) io.out(`One-time link to set the password (give it to the user): ${r.inviteUrl}`);
      };
    }
    case 'list':
      options(args, {}, 'npm run podium -- users list');
      return async (io) => {
        const rows = await listUsers(io.db);
        table(
          rows.map((u) => ({
            email: u.email,
            role: u.role,
            branch: u.branch_slug,
            active: u.deactivated_at ? 'no' : 'yes',
            last_sign_in: u.last_sign_in_at,
          })),
          io.out,
        );
      };
    case 'deactivate':
    case 'reset-link': {
      const usage = `npm run podium -- users ${sub} --email <e-mail>`;
      const email = required(options(args, { email: { type: 'string' } }, usage), 'email', usage);
      return async (io) => {
        const u = await getUserByEmail(io.db, email);
        if (!u) throw new UsageError(`--email: no user ${excerpt(email)}`);
        if (sub === 'deactivate') {
          await adminDeactivate(adminCtx(io), u.id);
          io.out(`Deactivated ${u.email}; all sessions ended`);
        } else {
          io.out(`One-time link for ${u.email}: ${await adminResetLink(adminCtx(io), u.id, io.baseUrl)}`);
        }
      };
    }
    default:
      throw new UsageError(`unknown users command ${excerpt(sub ?? '')}: use create, list, deactivate or reset-link`);
  }
}
