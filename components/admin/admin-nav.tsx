import { AppLink } from '@/components/ui/app-link';
import { getTranslations } from 'next-intl/server';

export const ADMIN_SECTIONS = ['users', 'branches', 'accounts', 'credentials', 'methods', 'breaks', 'audit', 'notifications'] as const;

export async function AdminNav() {
  const s = await getTranslations('admin.nav');
  return (
    <nav aria-label={s('title')} className="admin-nav">
      <strong>{s('title')}</strong>
      {ADMIN_SECTIONS.map((k) => (
        <AppLink key={k} href={`/admin/${k}`}>
          {s(k)}
        </AppLink>
      ))}
      <AppLink href="/" className="admin-nav-home">
        {s('home')}
      </AppLink>
    </nav>
  );
}
