import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getMethodInEffect } from '@/lib/data/method-choice';
import { getTranslations } from 'next-intl/server';
import { getLocale } from '@/lib/admin/locale';
import { listMethods } from '@/lib/admin/methods';
import { requirePageAdmin } from '@/lib/auth/session';
import { DEFAULT_METHOD } from '@/lib/ranking/method';
import { formatTimestamp } from '@/lib/format/date';
import { chooseMethodAction, publishMethodAction } from '../actions';
export default async function MethodsPage() {
  await requirePageAdmin('/admin/methods');
  const locale = await getLocale();
  const s = await getTranslations('admin.methods');
  const methods = await listMethods({ db: getDb() });
  const latest = methods[0]?.definition ?? DEFAULT_METHOD;
  const inEffect = await getMethodInEffect(getDb());
  const tc = await getTranslations('admin.methodChoice');
  return (
    <section>
      <h1>{s('h')}</h1>
      <h2>{tc('h')}</h2>
      <p data-testid="method-in-effect">
        {inEffect ? tc('current', { label: inEffect.label, day: formatTimestamp(inEffect.chosenAt, locale), by: inEffect.chosenBy ?? '—' }) : tc('none')}
      </p>
      <ActionForm action={chooseMethodAction} submit={tc('submit')}>
        <Field label={tc('choose')}>
          <select name="method" defaultValue={inEffect?.label} data-testid="method-choice" style={{ maxWidth: '85vw' }}>
            {methods.map((m) => (
              <option key={m.id} value={`${m.key}-v${m.version}`}>
                {`${m.key}-v${m.version}`}
                {m.notes ? ` — ${m.notes.length > 48 ? `${m.notes.slice(0, 47)}…` : m.notes}` : ''}
              </option>
            ))}
          </select>
        </Field>
      </ActionForm>
      <p className="muted small">
        {tc('note')} <a href="/methodology">{tc('compare')}</a>
      </p>
      <h2>{s('publish')}</h2>
      <ActionForm action={publishMethodAction} submit={s('submit')}>
        <Field label={s('key')}><input name="key" defaultValue={methods[0]?.key ?? DEFAULT_METHOD.key} pattern="[a-z0-9-]+" required /></Field>
        <Field label={s('notes')}><input name="notes" size={50} /></Field>
        <div style={{ flexBasis: '100%' }}>
          <Field label={s('def')}>
            <textarea name="definition" rows={18} cols={80} defaultValue={JSON.stringify(latest, null, 2)} style={{ fontFamily: 'monospace', maxWidth: '85vw' }} />
          </Field>
        </div>
      </ActionForm>
      <h2>{s('list')}</h2>
      {methods.length === 0 ? (
        <p>{s('none')}</p>
      ) : (
        <ul>
          {methods.map((m) => (
            <li key={m.id}>
              <strong>{`${m.key}-v${m.version}`}</strong>{' '}
              · {formatTimestamp(m.published_at, locale)} {m.published_by ? `· ${s('by')} ${m.published_by}` : ''} {m.notes ? `— ${m.notes}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
