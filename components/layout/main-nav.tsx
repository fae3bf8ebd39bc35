'use client';

import { AppLink } from '@/components/ui/app-link';
import { usePathname } from 'next/navigation';

export function MainNav({ links, label }: { links: { href: string; label: string }[]; label: string }) {
  const path = usePathname() ?? '/';
  const mine = links.find((l) => l.href.startsWith('/branches/'));
  const active = (href: string) => {
    if (mine && path.startsWith(mine.href)) return href === mine.href;
    return href === '/' ? path === '/' || path.startsWith('/branches') : path.startsWith(href);
  };
  return (
    <nav className="mainnav" aria-label={label}>
      {links.map((l) => (
        <AppLink key={l.href} href={l.href} aria-current={active(l.href) ? 'page' : undefined}>
          {l.label}
        </AppLink>
      ))}
    </nav>
  );
}
