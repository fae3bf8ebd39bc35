'use client';

import { useTranslations } from '@/i18n/client';
import type { CSSProperties, ReactNode } from 'react';

export function Skeleton({
  width = '100%',
  height = '1em',
  style,
  className,
}: {
  width?: string | number;
  height?: string | number;
  style?: CSSProperties;
  className?: string;
}) {
  return <span aria-hidden="true" className={`skeleton ${className ?? ''}`} style={{ display: 'block', width, height, ...style }} />;
}

/** An error with a retry button, sized like the content it replaces. */
export function ErrorState({ onRetry, message, minHeight }: { onRetry?: () => void; message?: string; minHeight?: number | string }) {
  const t = useTranslations('state');
  return (
    <div className="state" role="alert" style={{ minHeight }}>
      <strong style={{ color: 'var(--down)' }}>⚠ {t('error')}</strong>
      {message && <span className="small">{message}</span>}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          ↻ {t('retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children, minHeight }: { title?: string; children?: ReactNode; minHeight?: number | string }) {
  const t = useTranslations('state');
  return (
    <div className="state" style={{ minHeight }}>
      <strong>{title ?? t('empty')}</strong>
      {children && <span className="small">{children}</span>}
    </div>
  );
}
