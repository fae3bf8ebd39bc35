'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { useRef } from 'react';
import { exportLinks } from '@/lib/export/menu-links';

export interface ExportMenuProps {
  /** The export route with the screen's filters, e.g. "/api/export/rankings?period=month&date=2026-10". */
  href: string;
  /** The printable report of the same view; without it, "Print" prints the page itself. */
  reportHref?: string;
}

/**
 * Download and print controls for a page with data. The CSV offered first
 * follows the UI language (Russian Excel reads semicolons and a decimal comma);
 * both CSV dialects are always offered. Files carry the UI language's headers.
 */
export function ExportMenu({ href, reportHref }: ExportMenuProps) {
  const t = useTranslations('export');
  const locale = useLocale();
  const links = exportLinks(href, locale);
  const menu = useRef<HTMLDetailsElement>(null);
  // The list closes once a file is chosen (the download starts in the background).
  const close = () => menu.current?.removeAttribute('open');
  return (
    <div className="export-bar no-print" data-testid="export-menu">
      <details className="export-menu" ref={menu}>
        <summary className="btn btn-small" data-testid="export-toggle">
          <span aria-hidden="true">⤓</span> {t('download')}
        </summary>
        <ul role="list" aria-label={t('label')}>
          {links.map((l) => (
            <li key={l.kind}>
              <a href={l.href} download data-export={l.kind} onClick={close}>
                {t(l.kind)}
              </a>
            </li>
          ))}
        </ul>
      </details>
      {reportHref ? (
        <a className="btn btn-small" href={reportHref} data-testid="print-report">
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
            <path d="M4 6V1.5h8V6M4 12H2V6h12v6h-2M4 9.5h8v5H4z" />
          </svg>{' '}
          {t('report')}
        </a>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => window.print()} data-testid="print-page">
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
            <path d="M4 6V1.5h8V6M4 12H2V6h12v6h-2M4 9.5h8v5H4z" />
          </svg>{' '}
          {t('print')}
        </button>
      )}
      <span className="small muted export-note">{t('note')}</span>
    </div>
  );
}
