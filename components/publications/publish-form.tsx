'use client';

import { useTranslations } from '@/i18n/client';
import { lazy, Suspense, useState } from 'react';
import type { NetworkScope, PeriodDto } from '@/lib/api/schemas';

export const FORM_ID = 'publish-form';
/** Set on the form by the jump link when the fields have not loaded yet: they take the focus when they have. */
export const FOCUS_FLAG = 'data-focus-title';

// The fields, their server action and their texts load when the form is first
// opened: it is closed on every first paint (docs/benchmarks.md, first-load JavaScript).
const PublishFields = lazy(() => import('./publish-fields'));

export interface PublishFormProps {
  period: Pick<PeriodDto, 'kind' | 'from' | 'to'>;
  network: NetworkScope;
  method: string;
  supersedes: number | null;
}

/** A link near the top of the ranking that opens the publish form at the bottom of the page. */
export function PublishJump({ correction }: { correction: boolean }) {
  const t = useTranslations('publications');
  return (
    <a
      href={`#${FORM_ID}`}
      className="no-print"
      data-testid="publish-jump"
      onClick={(e) => {
        const form = document.getElementById(FORM_ID);
        if (!(form instanceof HTMLDetailsElement)) return;
        e.preventDefault();
        const title = form.querySelector<HTMLInputElement>('input[name=title]');
        if (!title) form.setAttribute(FOCUS_FLAG, '');
        form.open = true;
        form.scrollIntoView({ behavior: 'smooth', block: 'start' });
        title?.focus({ preventScroll: true });
      }}
    >
      {correction ? t('correctJump') : t('publishTitle')}
    </a>
  );
}

/**
 * Publishes the live ranking of a period (central staff and admins; the
 * action checks the role again). With `supersedes` it publishes a correction
 * of the publication in force, which needs a reason. Closed until opened.
 */
export function PublishForm(props: PublishFormProps & { open?: boolean }) {
  const t = useTranslations('publications');
  const [opened, setOpened] = useState(props.open ?? false);
  const { supersedes } = props;
  return (
    <details
      id={FORM_ID}
      className="card pub-form no-print"
      open={props.open || undefined}
      data-testid="publish-form"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>
        <strong>{supersedes !== null ? t('correctTitle', { id: supersedes }) : t('publishTitle')}</strong>
      </summary>
      {opened && (
        <Suspense fallback={<p className="small muted">…</p>}>
          <PublishFields {...props} />
        </Suspense>
      )}
    </details>
  );
}
