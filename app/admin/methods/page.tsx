import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/admin/locale';
import { listMethods } from '@/lib/admin/methods';
import { requirePageAdmin } from '@/lib/auth/session';
import { DEFAULT_METHOD } from '@/lib/ranking/method';
import { publishMethodAction } from '../actions';

const t = {
  ru: { h: 'Методики расчёта', publish: 'Опубликовать новую версию', key: 'Ключ методики', def: 'Определение (JSON; веса — числа)', notes: 'Что изменилось', submit: 'Опубликовать', list: 'Опубликованные версии', by: 'опубликовал', none: 'Пока ни одной версии в базе; по умолчанию действует встроенная podium-v1.' },
  en: { h: 'Ranking methods', publish: 'Publish a new version', key: 'Method key', def: 'Definition (JSON; numeric weights)', notes: 'What changed', submit: 'Publish', list: 'Published versions', by: 'published by', none: 'No version stored yet; the built-in podium-v1 applies.' },
};

export default async function MethodsPage() {
  await requirePageAdmin('/admin/methods');
  const locale = await getLocale();
  const s = t[locale];
  const methods = await listMethods({ db: getDb() });
  const latest = methods[0]?.definition ?? DEFAULT_METHOD;
  return (
    <section>
      <h1>{s.h}</h1>
      <h2>{s.publish}</h2>
      <ActionForm action={publishMethodAction} submit={s.submit} locale={locale}>
        <Field label={s.key}><input name="key" defaultValue={methods[0]?.key ?? DEFAULT_METHOD.key} pattern="[a-z0-9-]+" required /></Field>
        <Field label={s.notes}><input name="notes" size={50} /></Field>
        <div style={{ flexBasis: '100%' }}>
          <Field label={s.def}>
            <textarea name="definition" rows={18} cols={80} defaultValue={JSON.stringify(latest, null, 2)} style={{ fontFamily: 'monospace' }} />
          </Field>
        </div>
      </ActionForm>
      <h2>{s.list}</h2>
      {methods.length === 0 ? (
        <p>{s.none}</p>
      ) : (
        <ul>
          {methods.map((m) => (
            <li key={m.id}>
              <strong>{`${m.key}-v${m.version}`}</strong>{' '}
              · {m.published_at.toISOString().slice(0, 10)} {m.published_by ? `· ${s.by} ${m.published_by}` : ''} {m.notes ? `— ${m.notes}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
