import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getMethodInEffect } from '@/lib/data/method-choice';
import { getTranslations } from 'next-intl/server';
import { getLocale } from '@/lib/admin/locale';
import { listMethods } from '@/lib/admin/methods';
import { requirePageAdmin } from '@/lib/auth/session';
import { DEFAULT_METHOD, methodDefinitionSchema } from '@/lib/ranking/method';
import { formatTimestamp } from '@/lib/format/date';
import { clip } from '@/lib/format/excerpt';
import { chooseMethodAction, previewMethodAction, publishMethodAction } from '../actions';
import { MethodForm } from '@/components/admin/method-form';
export default async function MethodsPage() {
  await requirePageAdmin('/admin/methods');
  const locale = await getLocale();
  const s = await getTranslations('admin.methods');
  const methods = await listMethods({ db: getDb() });
  // The form starts from the latest stored version (its rules, flags and time zone are carried over).
  const stored = methodDefinitionSchema.safeParse(methods[0]?.definition);
  const latest = stored.success ? stored.data : DEFAULT_METHOD;
  const inEffect = await getMethodInEffect(getDb());
  const tc = await getTranslations('admin.methodChoice');
  // Versions stored by the system (migrations, first start) are the built-in ones: named so, not by their stored note.
  const noteOf = (m: { notes: string | null; published_by: string | null }) =>
    m.published_by === 'system' || m.published_by === null ? s('builtIn') : m.notes;
  return (
    <section>
      <h1>{s('h')}</h1>
      <h2>{tc('h')}</h2>
      <p data-testid="method-in-effect">
        {inEffect
          ? tc('current', { label: inEffect.label, day: formatTimestamp(inEffect.chosenAt, locale), by: inEffect.chosenBy ?? '—' })
          : tc('none')}
      </p>
      <ActionForm action={chooseMethodAction} submit={tc('submit')}>
        <Field label={tc('choose')}>
          <select name="method" defaultValue={inEffect?.label} data-testid="method-choice" style={{ maxWidth: '85vw' }}>
            {methods.map((m) => (
              <option key={m.id} value={`${m.key}-v${m.version}`}>
                {`${m.key}-v${m.version}`}
                {noteOf(m) ? ` — ${clip(noteOf(m)!, 48)}` : ''}
              </option>
            ))}
          </select>
        </Field>
      </ActionForm>
      <p className="muted small">
        {tc('note')} <a href="/methodology">{tc('compare')}</a>
      </p>
      <h2>{s('publish')}</h2>
      <MethodForm base={latest} preview={previewMethodAction} publish={publishMethodAction} />
      <h2>{s('list')}</h2>
      {methods.length === 0 ? (
        <p>{s('none')}</p>
      ) : (
        <ul>
          {methods.map((m) => (
            <li key={m.id}>
              <strong>{`${m.key}-v${m.version}`}</strong> · {formatTimestamp(m.published_at, locale)}{' '}
              {m.published_by && m.published_by !== 'system' ? `· ${s('by')} ${m.published_by}` : ''} {noteOf(m) ? `— ${noteOf(m)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
