import type { ReactNode } from 'react';

/**
 * Text shown on hover and on keyboard focus. The trigger is a button so it can
 * be reached with Tab; the text is also its accessible description.
 */
export function Tip({
  label,
  children,
  tip,
  align = 'left',
  id,
}: {
  label: string;
  children: ReactNode;
  tip: ReactNode;
  align?: 'left' | 'right';
  id: string;
}) {
  return (
    <span className={`tip${align === 'right' ? ' tip-right' : ''}`}>
      <button type="button" className="tip-trigger" aria-label={label} aria-describedby={id}>
        {children}
      </button>
      <span role="tooltip" id={id} className="tip-body">
        {tip}
      </span>
    </span>
  );
}
