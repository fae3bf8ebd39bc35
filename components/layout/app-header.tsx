import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { Viewer } from '@/lib/auth/viewer';
import { LocaleSwitch } from './locale-switch';
import { MainNav } from './main-nav';
import { UserMenu } from './user-menu';

export async function AppHeader({ viewer }: { viewer: Viewer | null }) {
  const t = await getTranslations();
  const links = viewer
    ? [
        { href: '/', label: t('nav.ranking') },
        { href: '/compare', label: t('nav.compare') },
        { href: '/health', label: t('nav.health') },
        { href: '/methodology', label: t('nav.methodology') },
        ...(viewer.role === 'admin' ? [{ href: '/admin', label: t('nav.admin') }] : []),
      ]
    : [];
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link href="/" className="brand" aria-label={t('app.title')}>
          <span className="brand-mark" aria-hidden="true">
            <i style={{ height: 10 }} />
            <i style={{ height: 16 }} />
            <i style={{ height: 7 }} />
          </span>
          {t('app.title')}
        </Link>
        {links.length > 0 && <MainNav links={links} label={t('nav.label')} />}
        <div className="topbar-tools">
          <LocaleSwitch />
          {viewer && <UserMenu name={viewer.name || viewer.email} email={viewer.email} role={t(`user.roles.${viewer.role}`)} />}
        </div>
      </div>
    </header>
  );
}
