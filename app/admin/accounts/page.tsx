import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { listAllAccounts } from '@/lib/admin/accounts';
import { listCredentialViews } from '@/lib/admin/credentials';
import { secretKey } from '@/lib/crypto/secrets';
import { listAllBranches } from '@/lib/admin/branches';
import { getTranslations } from 'next-intl/server';
import { getLocale } from '@/lib/admin/locale';
import { requirePageAdmin } from '@/lib/auth/session';
import { NETWORKS } from '@/lib/networks';
import { addAccountAction, assignAccountAction, pauseAccountAction, setAccountCredentialAction, testAccountAction } from '../actions';
import { AdminTable } from '@/components/admin/admin-table';
export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/admin/accounts');
  const locale = await getLocale();
  const s = await getTranslations('admin.accounts');
  const db = getDb();
  const sp = await searchParams;
  const selected = typeof sp.branch === 'string' ? sp.branch : '';
  // One branch at a time: ~80 branches × their accounts would make a huge page.
  const [accounts, branches, creds] = await Promise.all([
    selected ? listAllAccounts({ db }, selected) : Promise.resolve([]),
    listAllBranches({ db }),
    listCredentialViews(db, secretKey()),
  ]);
  const branchOptions = branches
    .filter((b) => !b.archived_at)
    .map((b) => (
      <option key={b.id} value={b.slug}>
        {locale === 'en' ? b.name_en : b.name}
      </option>
    ));
  return (
    <section>
      <h1>{s('h')}</h1>
      <h2>{s('add')}</h2>
      <ActionForm action={addAccountAction} submit={s('submit')}>
        <Field label={s('url')}>
          <input name="url" required size={50} />
        </Field>
        <Field label={s('network')}>
          <select name="network" defaultValue="">
            <option value="">{s('auto')}</option>
            {NETWORKS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field label={s('branch')}>
          <select name="branch" required>
            {branchOptions}
          </select>
        </Field>
        <Field label={s('title')}>
          <input name="title" />
        </Field>
      </ActionForm>
      <form method="get" style={{ display: 'flex', gap: 8, alignItems: 'flex-end', marginTop: 16 }}>
        <Field label={s('pick')}>
          <select name="branch" defaultValue={selected}>
            <option value="">—</option>
            {branchOptions}
          </select>
        </Field>
        <button type="submit">{s('show')}</button>
      </form>
      {!selected && <p>{s('choose')}</p>}
      <AdminTable label={s('h')} columns={[s('branch'), s('account'), s('status'), null]}>
        {accounts.map((a) => (
          <tr key={a.id}>
            <td>{(locale === 'en' && a.branch_name_en) || a.branch_name}</td>
            <td>
              {a.network} ·{' '}
              {a.url ? (
                <a href={a.url} rel="noreferrer noopener" target="_blank">
                  {a.handle ?? a.external_id}
                </a>
              ) : (
                (a.handle ?? a.external_id)
              )}
              {a.title ? ` — ${a.title}` : ''}
            </td>
            <td>
              {a.status}
              {a.status_reason ? ` (${a.status_reason})` : ''}
              {/* MAX channels are read only through the bot; the others come in by CSV (docs/operations.md). */}
              {a.network === 'max' && (a.status === 'active' || a.status === 'private') && (
                <div className="muted">{a.status === 'private' ? s('maxCsv') : s('maxBot')}</div>
              )}
            </td>
            <td>
              <ActionForm action={pauseAccountAction} submit={a.status === 'paused' ? s('resume') : s('pause')} inline>
                <input type="hidden" name="id" value={a.id} />
                <input type="hidden" name="mode" value={a.status === 'paused' ? 'resume' : 'pause'} />
              </ActionForm>
              <ActionForm action={setAccountCredentialAction} submit={s('setCred')} inline>
                <input type="hidden" name="id" value={a.id} />
                <Field label={s('cred')}>
                  <select name="credential" defaultValue={a.credential_id ?? ''}>
                    <option value="">{s('shared')}</option>
                    {creds
                      .filter((c) => c.network === a.network)
                      .map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.label}
                        </option>
                      ))}
                  </select>
                </Field>
              </ActionForm>
              <ActionForm action={testAccountAction} submit={s('test')} inline>
                <input type="hidden" name="id" value={a.id} />
              </ActionForm>
              <ActionForm action={assignAccountAction} submit={s('move')} inline>
                <input type="hidden" name="id" value={a.id} />
                <Field label={s('branch')}>
                  <select name="branch" defaultValue={a.branch_slug}>
                    {branchOptions}
                  </select>
                </Field>
              </ActionForm>
            </td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
