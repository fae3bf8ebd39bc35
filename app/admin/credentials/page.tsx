import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { listCredentialViews } from '@/lib/admin/credentials';
import { getTranslations } from 'next-intl/server';
import { requirePageAdmin } from '@/lib/auth/session';
import { secretKey } from '@/lib/crypto/secrets';
import { NETWORKS } from '@/lib/networks';
import { addCredentialAction, deleteCredentialAction, replaceCredentialAction } from '../actions';
import { AdminTable } from '@/components/admin/admin-table';
export default async function CredentialsPage() {
  await requirePageAdmin('/admin/credentials');
  const s = await getTranslations('admin.credentials');
  // Only masked values leave the server; the plaintext never reaches a prop.
  const creds = await listCredentialViews(getDb(), secretKey());
  return (
    <section>
      <h1>{s('h')}</h1>
      <p>{s('note')}</p>
      <h2>{s('add')}</h2>
      <ActionForm action={addCredentialAction} submit={s('submit')}>
        <Field label={s('network')}>
          <select name="network">
            {NETWORKS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field label={s('label')}>
          <input name="label" required />
        </Field>
        <Field label={s('token')}>
          <input name="token" type="password" required autoComplete="off" size={40} />
        </Field>
        <Field label={s('config')}>
          <textarea name="config" rows={2} cols={40} />
        </Field>
      </ActionForm>
      <AdminTable label={s('h')} columns={[s('network'), s('label'), s('masked'), s('settings'), s('status'), s('error'), null]}>
        {creds.map((c) => (
          <tr key={c.id}>
            <td>{c.network}</td>
            <td>{c.label}</td>
            <td style={{ fontFamily: 'monospace' }}>{c.masked}</td>
            <td style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {Object.entries(c.config)
                .map(([k, v]) => `${k}=${v}`)
                .join(' ') || '—'}
            </td>
            <td>{s(`statuses.${c.status}`)}</td>
            <td>{c.lastError ?? '—'}</td>
            <td>
              <ActionForm action={replaceCredentialAction} submit={s('replace')} inline>
                <input type="hidden" name="id" value={c.id} />
                <Field label={s('newToken')}>
                  <input name="token" type="password" required autoComplete="off" />
                </Field>
              </ActionForm>
              <ActionForm action={deleteCredentialAction} submit={s('del')} inline>
                <input type="hidden" name="id" value={c.id} />
              </ActionForm>
            </td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
