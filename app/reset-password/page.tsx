import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/admin/locale';
import { resetLinkIsValid } from '@/lib/auth/reset-links';
import { resetPasswordAction } from './actions';

export const dynamic = 'force-dynamic';

const t = {
  ru: { h: 'Новый пароль', bad: 'Ссылка недействительна, устарела или уже использована. Попросите администратора выдать новую.', password: 'Новый пароль (не короче 10 символов)', confirm: 'Пароль ещё раз', submit: 'Сохранить пароль' },
  en: { h: 'Set a new password', bad: 'This link is invalid, expired or already used. Ask an admin for a new one.', password: 'New password (10 characters or more)', confirm: 'Password again', submit: 'Save the password' },
};

// /reset-password?token=… – public; the one-time token is the authorization.
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const locale = await getLocale();
  const s = t[locale];
  const valid = typeof token === 'string' && (await resetLinkIsValid(getDb(), token));
  return (
    <main className="container" style={{ maxWidth: 420, marginTop: '8vh' }}>
      <h1>{s.h}</h1>
      {!valid ? (
        <p role="alert">{s.bad}</p>
      ) : (
        <ActionForm action={resetPasswordAction} submit={s.submit} locale={locale}>
          <input type="hidden" name="token" value={token} />
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flexBasis: '100%' }}>
            <Field label={s.password}><input name="password" type="password" required minLength={10} autoComplete="new-password" /></Field>
            <Field label={s.confirm}><input name="confirm" type="password" required minLength={10} autoComplete="new-password" /></Field>
          </div>
        </ActionForm>
      )}
    </main>
  );
}
