import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { listCredentialViews } from '@/lib/admin/credentials';
import { getLocale } from '@/lib/admin/locale';
import { requirePageAdmin } from '@/lib/auth/session';
import { secretKey } from '@/lib/crypto/secrets';
import { NETWORKS } from '@/lib/networks';
import { addCredentialAction, deleteCredentialAction, replaceCredentialAction } from '../actions';
import { AdminTable } from '@/components/admin/admin-table';

const t = {
  ru: { h: 'Ключи API', note: 'Ключи хранятся зашифрованными (AES-256-GCM) и никогда не показываются целиком.', add: 'Добавить ключ', network: 'Сеть', label: 'Название', token: 'Ключ (токен)', submit: 'Сохранить', status: 'Статус', masked: 'Ключ', error: 'Последняя ошибка', replace: 'Заменить', del: 'Удалить', newToken: 'Новый ключ', config: 'Настройки, не секретные (ключ=значение построчно: application_key, counter_id, token_type)', settings: 'Настройки', statuses: { valid: '✓ действует', invalid: '✗ недействителен', quota: '⏸ исчерпана квота' } },
  en: { h: 'API credentials', note: 'Tokens are stored encrypted (AES-256-GCM) and never shown in full.', add: 'Add a credential', network: 'Network', label: 'Label', token: 'Token', submit: 'Save', status: 'Status', masked: 'Token', error: 'Last error', replace: 'Replace', del: 'Delete', newToken: 'New token', config: 'Settings, not secret (key=value per line: application_key, counter_id, token_type)', settings: 'Settings', statuses: { valid: '✓ valid', invalid: '✗ invalid', quota: '⏸ quota exhausted' } },
};

export default async function CredentialsPage() {
  await requirePageAdmin('/admin/credentials');
  const locale = await getLocale();
  const s = t[locale];
  // Only masked values leave the server; the plaintext never reaches a prop.
  const creds = await listCredentialViews(getDb(), secretKey());
  return (
    <section>
      <h1>{s.h}</h1>
      <p>{s.note}</p>
      <h2>{s.add}</h2>
      <ActionForm action={addCredentialAction} submit={s.submit} locale={locale}>
        <Field label={s.network}>
          <select name="network">
            {NETWORKS.map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </Field>
        <Field label={s.label}><input name="label" required /></Field>
        <Field label={s.token}><input name="token" type="password" required autoComplete="off" size={40} /></Field>
        <Field label={s.config}><textarea name="config" rows={2} cols={40} /></Field>
      </ActionForm>
      <AdminTable label={s.h} columns={[s.network, s.label, s.masked, s.settings, s.status, s.error, null]}>
          {creds.map((c) => (
            <tr key={c.id}>
              <td>{c.network}</td>
              <td>{c.label}</td>
              <td style={{ fontFamily: 'monospace' }}>{c.masked}</td>
              <td style={{ fontFamily: 'monospace', fontSize: 12 }}>{Object.entries(c.config).map(([k, v]) => `${k}=${v}`).join(' ') || '—'}</td>
              <td>{s.statuses[c.status]}</td>
              <td>{c.lastError ?? '—'}</td>
              <td>
                <ActionForm action={replaceCredentialAction} submit={s.replace} locale={locale} inline>
                  <input type="hidden" name="id" value={c.id} />
                  <Field label={s.newToken}><input name="token" type="password" required autoComplete="off" /></Field>
                </ActionForm>
                <ActionForm action={deleteCredentialAction} submit={s.del} locale={locale} inline>
                  <input type="hidden" name="id" value={c.id} />
                </ActionForm>
              </td>
            </tr>
          ))}
      </AdminTable>
    </section>
  );
}
