import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { listAllBranches } from '@/lib/admin/branches';
import { getTranslations } from 'next-intl/server';
import { getLocale } from '@/lib/admin/locale';
import { requirePageAdmin } from '@/lib/auth/session';
import { listUsers } from '@/lib/auth/users';
import { ROLES } from '@/lib/auth/viewer';
import { createUserAction, deactivateUserAction, resetLinkAction, setUserRoleAction, signOutEverywhereAction } from '../actions';
import { AdminTable } from '@/components/admin/admin-table';
import { formatTimestamp } from '@/lib/format/date';
export default async function UsersPage() {
  await requirePageAdmin('/admin/users');
  const locale = await getLocale();
  const s = await getTranslations('admin.users');
  const db = getDb();
  const [users, branches] = await Promise.all([listUsers(db), listAllBranches({ db })]);
  const branchOptions = (
    <>
      <option value="">{s('none')}</option>
      {branches
        .filter((b) => !b.archived_at)
        .map((b) => (
          <option key={b.id} value={b.slug}>
            {locale === 'en' ? b.name_en : b.name}
          </option>
        ))}
    </>
  );
  const roleOptions = ROLES.map((r) => (
    <option key={r} value={r}>
      {s(`roles.${r}`)}
    </option>
  ));
  const now = new Date();
  return (
    <section>
      <h1>{s('h')}</h1>
      <h2>{s('create')}</h2>
      <ActionForm action={createUserAction} submit={s('add')}>
        <Field label={s('email')}>
          <input name="email" type="email" required autoComplete="off" />
        </Field>
        <Field label={s('name')}>
          <input name="name" />
        </Field>
        <Field label={s('role')}>
          <select name="role" defaultValue="central">
            {roleOptions}
          </select>
        </Field>
        <Field label={s('branch')}>
          <select name="branch" defaultValue="">
            {branchOptions}
          </select>
        </Field>
        <Field label={s('password')}>
          <input name="password" type="password" autoComplete="new-password" minLength={10} />
        </Field>
      </ActionForm>
      <AdminTable label={s('h')} columns={[s('email'), s('role'), s('status'), s('last'), s('actions')]}>
        {users.map((u) => (
          <tr key={u.id}>
            <td>
              {u.email}
              <br />
              <small style={{ color: 'var(--muted)' }}>{u.name}</small>
            </td>
            <td>
              {s(`roles.${u.role}`)}
              {u.branch_name ? ` · ${(locale === 'en' && u.branch_name_en) || u.branch_name}` : ''}
            </td>
            <td>{u.deactivated_at ? s('inactive') : u.locked_until && u.locked_until > now ? s('locked') : s('active')}</td>
            <td>{formatTimestamp(u.last_sign_in_at, locale)}</td>
            <td style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              <ActionForm action={setUserRoleAction} submit={s('setRole')} inline>
                <input type="hidden" name="userId" value={u.id} />
                <Field label={s('role')}>
                  <select name="role" defaultValue={u.role}>
                    {roleOptions}
                  </select>
                </Field>
                <Field label={s('branch')}>
                  <select name="branch" defaultValue={u.branch_slug ?? ''}>
                    {branchOptions}
                  </select>
                </Field>
              </ActionForm>
              <ActionForm action={resetLinkAction} submit={s('reset')} inline>
                <input type="hidden" name="userId" value={u.id} />
              </ActionForm>
              <ActionForm action={signOutEverywhereAction} submit={s('signout')} inline>
                <input type="hidden" name="userId" value={u.id} />
              </ActionForm>
              <ActionForm action={deactivateUserAction} submit={u.deactivated_at ? s('reactivate') : s('deactivate')} inline>
                <input type="hidden" name="userId" value={u.id} />
                <input type="hidden" name="mode" value={u.deactivated_at ? 'reactivate' : 'deactivate'} />
              </ActionForm>
            </td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
