'use client';

import { useRouter } from 'next/navigation';

const t = {
  ru: { out: 'Выйти', everywhere: 'Выйти на всех устройствах' },
  en: { out: 'Sign out', everywhere: 'Sign out everywhere' },
};

/** Sign-out for the user menu; "everywhere" ends every session of the user first. */
export function SignOutButton({ locale = 'ru', everywhere = false }: { locale?: 'ru' | 'en'; everywhere?: boolean }) {
  const router = useRouter();
  async function signOut() {
    const opts = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
    if (everywhere) await fetch('/api/auth/revoke-sessions', opts);
    await fetch('/api/auth/sign-out', opts);
    router.replace('/sign-in');
    router.refresh();
  }
  return (
    <button type="button" onClick={signOut}>
      {everywhere ? t[locale].everywhere : t[locale].out}
    </button>
  );
}
