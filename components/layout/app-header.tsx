import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';
import { getDb } from '@/db/client';
import type { Viewer } from '@/lib/auth/viewer';
import { listBranches } from '@/lib/data/branches';
import { LocaleSwitch } from './locale-switch';
import { MainNav } from './main-nav';
import { UserMenu } from './user-menu';

/** A coordinator's own branch, for the "My branch" link. */
async function ownBranchSlug(viewer: Viewer): Promise<string | null> {
  if (viewer.role !== 'coordinator' || viewer.branchId === null) return null;
  try {
    return (await listBranches(getDb(), viewer)).find((b) => b.id === viewer.branchId)?.slug ?? null;
  } catch {
    return null;
  }
}

export async function AppHeader({ viewer }: { viewer: Viewer | null }) {
  const t = await getTranslations();
  const own = viewer ? await ownBranchSlug(viewer) : null;
  const links = viewer
    ? [
        { href: '/', label: t('nav.ranking') },
        ...(own ? [{ href: `/branches/${own}`, label: t('nav.myBranch') }] : []),
        { href: '/compare', label: t('nav.compare') },
        { href: '/districts', label: t('districtView.nav') },
        { href: '/content', label: t('content.nav') },
        { href: '/publications', label: t('nav.publications') },
        { href: '/health', label: t('nav.health') },
        { href: '/presence', label: t('presence.nav') },
        { href: '/methodology', label: t('nav.methodology') },
        ...(viewer.role === 'admin' || viewer.role === 'central'
          ? [
              { href: '/packs', label: t('packs.nav') },
              { href: '/targets', label: t('targets.nav') },
            ]
          : []),
        ...(viewer.role === 'admin' ? [{ href: '/admin', label: t('nav.admin') }] : []),
      ]
    : [];
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <AppLink href="/" className="brand" aria-label={t('app.title')}>
          <span className="brand-mark" aria-hidden="true">
            <i style={{ height: 10 }} />
            <i style={{ height: 16 }} />
            <i style={{ height: 7 }} />
          </span>
          {t('app.title')}
        </AppLink>
        {links.length > 0 && <MainNav links={links} label={t('nav.label')} />}
        <div className="topbar-tools">
          <LocaleSwitch />
          {viewer && <UserMenu name={viewer.name || viewer.email} email={viewer.email} role={t(`user.roles.${viewer.role}`)} />}
        </div>
      </div>
    </header>
  );
}
