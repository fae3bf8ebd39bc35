import { adminCreateUser, adminDeactivate, adminResetLink } from '@/lib/admin/users';
import { getUserByEmail, listUsers } from '@/lib/auth/users';
import { ROLES, type Role } from '@/lib/auth/viewer';
import { UsageError, adminCtx, options, required, table, type Runner } from './common';

const CREATE = 'npm run podium -- users create --email <e-mail> --role admin|central|coordinator [--branch <slug>] [--password <pw>] [--name <name>]';

export function usersCommand(sub: string | undefined, args: string[]): Runner {
  switch (sub) {
    case 'create': {
      const v = options(args, { email: { type: 'string' }, role: { type: 'string' }, branch: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } }, CREATE);
      const email = required(v, 'email', CREATE);
      const role = required(v, 'role', CREATE);
      if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${role}")`);
      if (role === 'coordinator' && !v.branch) throw new UsageError('--branch <slug> is required for a coordinator');
      if (role !== 'coordinator' && v.branch) throw new UsageError('--branch applies to coordinators only');
      return async (io) => {
        const r = await adminCreateUser(adminCtx(io), { email, role: role as Role, branchSlug: v.branch ?? null, password: v.password, name: v.name, baseUrl: io.baseUrl });
        io.out(`Created ${role} ${email.toLowerCase()}`);
        if (r.inviteUrl) io.out(`One-time link to set the password (give it to the user): ${r.inviteUrl}`);
      };
    }
    case 'list':
      options(args, {}, 'npm run podium -- users list');
      return async (io) => {
        const rows = await listUsers(io.db);
        table(
          rows.map((u) => ({ email: u.email, role: u.role, branch: u.branch_slug, active: u.deactivated_at ? 'no' : 'yes', last_sign_in: u.last_sign_in_at })),
          io.out,
        );
      };
    case 'deactivate':
    case 'reset-link': {
      const usage = `npm run podium -- users ${sub} --email <e-mail>`;
      const email = required(options(args, { email: { type: 'string' } }, usage), 'email', usage);
      return async (io) => {
        const u = await getUserByEmail(io.db, email);
        if (!u) throw new UsageError(`--email: no user ${email}`);
        if (sub === 'deactivate') {
          await adminDeactivate(adminCtx(io), u.id);
          io.out(`Deactivated ${u.email}; all sessions ended`);
        } else {
          io.out(`One-time link for ${u.email}: ${await adminResetLink(adminCtx(io), u.id, io.baseUrl)}`);
        }
      };
    }
    default:
      throw new UsageError(`unknown users command "${sub ?? ''}": use create, list, deactivate or reset-link`);
  }
}
