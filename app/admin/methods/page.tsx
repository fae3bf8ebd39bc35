import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getMethodInEffect } from '@/lib/data/method-choice';
import { getLocale } from '@/lib/admin/locale';
import { listMethods } from '@/lib/admin/methods';
import { requirePageAdmin } from '@/lib/auth/session';
import { DEFAULT_METHOD } from '@/lib/ranking/method';
import { chooseMethodAction, publishMethodAction } from '../actions';

const t = {
  ru: { h: 'Методики расчёта', publish: 'Опубликовать новую версию', key: 'Ключ методики', def: 'Определение (JSON; веса — числа)', notes: 'Что изменилось', submit: 'Опубликовать', list: 'Опубликованные версии', by: 'опубликовал', none: 'Пока ни одной версии в базе; по умолчанию действует встроенная podium-v2.' },
  en: { h: 'Ranking methods', publish: 'Publish a new version', key: 'Method key', def: 'Definition (JSON; numeric weights)', notes: 'What changed', submit: 'Publish', list: 'Published versions', by: 'published by', none: 'No version stored yet; the built-in podium-v2 applies.' },
};

// The admin area's strings live beside its pages (lib/admin/locale), like the rest of /admin.
const choice = {
  ru: {
    h: 'Методика, по которой считается рейтинг',
    current: (label: string, day: string, by: string) => `Сейчас действует ${label} (выбрана ${day}, ${by}).`,
    none: 'Методика не выбрана: действует последняя версия podium.',
    choose: 'Методика',
    submit: 'Сделать действующей',
    note: 'Рейтинги хранятся отдельно для каждой версии: переключение ничего не пересчитывает и не стирает, прежняя версия остаётся доступна по ссылке ?method=. Переключение записывается в журнал действий.',
    compare: 'Сравнение версий на одном месяце — на странице методики.',
  },
  en: {
    h: 'Method the ranking uses',
    current: (label: string, day: string, by: string) => `${label} is in effect (chosen ${day}, ${by}).`,
    none: 'No method chosen: the latest podium version applies.',
    choose: 'Method',
    submit: 'Put in effect',
    note: 'Rankings are stored per version: switching recomputes and erases nothing, and the other version stays reachable with ?method=. The switch is recorded in the audit log.',
    compare: 'The versions side by side on one month: see the methodology page.',
  },
};

export default async function MethodsPage() {
  await requirePageAdmin('/admin/methods');
  const locale = await getLocale();
  const s = t[locale];
  const methods = await listMethods({ db: getDb() });
  const latest = methods[0]?.definition ?? DEFAULT_METHOD;
  const inEffect = await getMethodInEffect(getDb());
  const tc = choice[locale];
  return (
    <section>
      <h1>{s.h}</h1>
      <h2>{tc.h}</h2>
      <p data-testid="method-in-effect">
        {inEffect ? tc.current(inEffect.label, inEffect.chosenAt.toISOString().slice(0, 10), inEffect.chosenBy ?? '—') : tc.none}
      </p>
      <ActionForm action={chooseMethodAction} submit={tc.submit} locale={locale}>
        <Field label={tc.choose}>
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
        {tc.note} <a href="/methodology">{tc.compare}</a>
      </p>
      <h2>{s.publish}</h2>
      <ActionForm action={publishMethodAction} submit={s.submit} locale={locale}>
        <Field label={s.key}><input name="key" defaultValue={methods[0]?.key ?? DEFAULT_METHOD.key} pattern="[a-z0-9-]+" required /></Field>
        <Field label={s.notes}><input name="notes" size={50} /></Field>
        <div style={{ flexBasis: '100%' }}>
          <Field label={s.def}>
            <textarea name="definition" rows={18} cols={80} defaultValue={JSON.stringify(latest, null, 2)} style={{ fontFamily: 'monospace', maxWidth: '85vw' }} />
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
