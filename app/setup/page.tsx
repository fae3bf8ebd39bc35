import { notFound } from 'next/navigation';
import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getTranslations } from 'next-intl/server';
import { countActiveAdmins } from '@/lib/auth/users';
import { createFirstAdminAction } from './actions';

export const dynamic = 'force-dynamic';
// /setup – open only while no admin exists, then a plain 404.
export default async function SetupPage() {
  if ((await countActiveAdmins(getDb())) > 0) notFound();
  const s = await getTranslations('auth.setup');
  return (
    <main className="container form-page" style={{ maxWidth: 420, marginTop: '8vh' }}>
      <h1>{s('h')}</h1>
      <p>{s('p')}</p>
      <ActionForm action={createFirstAdminAction} submit={s('submit')}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flexBasis: '100%' }}>
          <Field label={s('email')}>
            <input name="email" type="email" required autoComplete="username" />
          </Field>
          <Field label={s('name')}>
            <input name="name" />
          </Field>
          <Field label={s('password')}>
            <input name="password" type="password" required minLength={10} autoComplete="new-password" />
          </Field>
          <Field label={s('confirm')}>
            <input name="confirm" type="password" required minLength={10} autoComplete="new-password" />
          </Field>
        </div>
      </ActionForm>
    </main>
  );
}
