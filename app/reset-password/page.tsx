import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getTranslations } from 'next-intl/server';
import { resetLinkIsValid } from '@/lib/auth/reset-links';
import { resetPasswordAction } from './actions';

export const dynamic = 'force-dynamic';
// /reset-password?token=… – public; the one-time token is the authorization.
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const s = await getTranslations('auth.reset');
  const valid = typeof token === 'string' && (await resetLinkIsValid(getDb(), token));
  return (
    <main className="container form-page" style={{ maxWidth: 420, marginTop: '8vh' }}>
      <h1>{s('h')}</h1>
      {!valid ? (
        <p role="alert">{s('bad')}</p>
      ) : (
        <ActionForm action={resetPasswordAction} submit={s('submit')}>
          <input type="hidden" name="token" value={token} />
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flexBasis: '100%' }}>
            <Field label={s('password')}>
              <input name="password" type="password" required minLength={10} autoComplete="new-password" />
            </Field>
            <Field label={s('confirm')}>
              <input name="confirm" type="password" required minLength={10} autoComplete="new-password" />
            </Field>
          </div>
        </ActionForm>
      )}
    </main>
  );
}
