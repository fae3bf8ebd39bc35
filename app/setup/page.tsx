import { notFound } from 'next/navigation';
import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/admin/locale';
import { countActiveAdmins } from '@/lib/auth/users';
import { createFirstAdminAction } from './actions';

export const dynamic = 'force-dynamic';

const t = {
  ru: { h: 'Первый запуск', p: 'Создайте первого администратора. После этого страница закроется.', email: 'Эл. почта', name: 'Имя', password: 'Пароль (не короче 10 символов)', confirm: 'Пароль ещё раз', submit: 'Создать администратора' },
  en: { h: 'First run', p: 'Create the first admin. This page closes afterwards.', email: 'E-mail', name: 'Name', password: 'Password (10 characters or more)', confirm: 'Password again', submit: 'Create the admin' },
};

// /setup – open only while no admin exists, then a plain 404.
export default async function SetupPage() {
  if ((await countActiveAdmins(getDb())) > 0) notFound();
  const locale = await getLocale();
  const s = t[locale];
  return (
    <main className="container" style={{ maxWidth: 420, marginTop: '8vh' }}>
      <h1>{s.h}</h1>
      <p>{s.p}</p>
      <ActionForm action={createFirstAdminAction} submit={s.submit} locale={locale}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flexBasis: '100%' }}>
          <Field label={s.email}><input name="email" type="email" required autoComplete="username" /></Field>
          <Field label={s.name}><input name="name" /></Field>
          <Field label={s.password}><input name="password" type="password" required minLength={10} autoComplete="new-password" /></Field>
          <Field label={s.confirm}><input name="confirm" type="password" required minLength={10} autoComplete="new-password" /></Field>
        </div>
      </ActionForm>
    </main>
  );
}
