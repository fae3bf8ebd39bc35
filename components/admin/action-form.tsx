'use client';

import { useActionState, type ReactNode } from 'react';
import { useTranslations } from '@/i18n/client';
import type { ActionResult } from '@/lib/admin/action-result';

/** A form bound to a server action, with its outcome announced to screen readers. */
export function ActionForm({
  action,
  children,
  submit,
  inline = false,
}: {
  action: (prev: ActionResult, data: FormData) => Promise<ActionResult>;
  children: ReactNode;
  submit: string;
  inline?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: true } as ActionResult);
  const s = useTranslations('admin.form');
  const outcome = useTranslations('admin.outcome');
  // The outcome in the UI language when the action named it (a refusal comes already in it); the action's own text otherwise.
  const text = state.say ? outcome(state.say.key, state.say.values) : (state.shown ?? state.message);
  return (
    <form action={formAction} className={inline ? 'action-form inline' : 'action-form'}>
      {children}
      <button type="submit" className={inline ? 'btn btn-small' : 'btn btn-primary'} disabled={pending}>
        {pending ? s('saving') : submit}
      </button>
      <div role="status" aria-live="polite" className="action-status">
        {!state.ok && text && <span className="chg-down">⚠ {text}</span>}
        {state.ok && text && <span className="chg-up">✓ {text}</span>}
        {state.link && (
          <p>
            {s('link')}
            <br />
            <input
              readOnly
              value={state.link}
              aria-label={s('link')}
              className="input mono"
              style={{ width: '100%' }}
              onFocus={(e) => e.currentTarget.select()}
            />
          </p>
        )}
      </div>
    </form>
  );
}

/** A labelled input; every field in the admin has a visible label. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}
