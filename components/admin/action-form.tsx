'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/admin/action-result';

const t = {
  ru: { saving: 'Сохранение…', link: 'Одноразовая ссылка (покажите её пользователю, она больше не появится):', done: 'Готово' },
  en: { saving: 'Saving…', link: 'One-time link (hand it to the user; it will not be shown again):', done: 'Done' },
};

/** A form bound to a server action, with its outcome announced to screen readers. */
export function ActionForm({
  action,
  children,
  submit,
  locale = 'ru',
  inline = false,
}: {
  action: (prev: ActionResult, data: FormData) => Promise<ActionResult>;
  children: ReactNode;
  submit: string;
  locale?: 'ru' | 'en';
  inline?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: true } as ActionResult);
  const s = t[locale];
  return (
    <form action={formAction} style={{ display: inline ? 'inline-flex' : 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end', margin: inline ? 0 : '8px 0' }}>
      {children}
      <button type="submit" disabled={pending}>
        {pending ? s.saving : submit}
      </button>
      <div role="status" aria-live="polite" style={{ flexBasis: inline ? 'auto' : '100%' }}>
        {!state.ok && state.message && <span style={{ color: 'var(--down)' }}>⚠ {state.message}</span>}
        {state.ok && state.message && <span style={{ color: 'var(--up)' }}>✓ {state.message}</span>}
        {state.link && (
          <p>
            {s.link}
            <br />
            <input readOnly value={state.link} aria-label={s.link} style={{ width: '100%', fontFamily: 'monospace' }} onFocus={(e) => e.currentTarget.select()} />
          </p>
        )}
      </div>
    </form>
  );
}

/** A labelled input; every field in the admin has a visible label. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label style={{ display: 'flex', flexDirection: 'column', fontSize: 13, gap: 2 }}>
      <span>{label}</span>
      {children}
    </label>
  );
}
