import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { oidcConfig } from '@/lib/auth/config';
import { safeNextPath } from '@/lib/auth/next-path';
import { getViewer } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.signIn'))('title') };
}

// /sign-in – public; a signed-in visitor goes straight on.
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNextPath(sp.next);
  if (await getViewer()) redirect(next);
  const s = await getTranslations('auth.signIn');
  return (
    <main className="container form-page" style={{ maxWidth: 380, marginTop: '10vh' }}>
      <h1>{s('h')}</h1>
      {sp.error === 'sso' && <p role="alert">⚠ {s('sso')}</p>}
      <SignInForm next={next} ssoLabel={oidcConfig()?.label ?? null} />
    </main>
  );
}
