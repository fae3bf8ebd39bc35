'use client';

import { useRouter } from 'next/navigation';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';

type AppLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string };

/** A plain click: not a new tab or window, not a download, not already handled. */
function isPlainClick(e: MouseEvent<HTMLAnchorElement>): boolean {
  const a = e.currentTarget;
  return (
    !e.defaultPrevented &&
    e.button === 0 &&
    !e.metaKey &&
    !e.ctrlKey &&
    !e.shiftKey &&
    !e.altKey &&
    (!a.target || a.target === '_self') &&
    !a.hasAttribute('download')
  );
}

/**
 * A link inside the app: an ordinary `<a href>` that the app router follows
 * without a full page load. It stands in for next/link, whose code was 2.4 KB
 * gzipped on every page; what it added beyond this was prefetching, and every
 * page here is rendered per request (docs/benchmarks.md, first-load JavaScript).
 */
export function AppLink({ href, onClick, ...rest }: AppLinkProps) {
  const router = useRouter();
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        onClick?.(e);
        if (!isPlainClick(e)) return;
        e.preventDefault();
        router.push(href);
      }}
    />
  );
}
