import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getLocale } from '@/lib/admin/locale';
import { oidcConfig } from '@/lib/auth/config';
import { safeNextPath } from '@/lib/auth/next-path';
import { getViewer } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

const t = {
  ru: { h: 'Вход в Podium', sso: 'Не удалось войти через единый вход.' },
  en: { h: 'Sign in to Podium', sso: 'Single sign-on failed.' },
};

// /sign-in – public; a signed-in visitor goes straight on.
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNextPath(sp.next);
  if (await getViewer()) redirect(next);
  const locale = await getLocale();
  return (
    <main className="container" style={{ maxWidth: 380, marginTop: '10vh' }}>
      <h1>{t[locale].h}</h1>
      {sp.error === 'sso' && <p role="alert">⚠ {t[locale].sso}</p>}
      <SignInForm next={next} locale={locale} ssoLabel={oidcConfig()?.label ?? null} />
    </main>
  );
}
