import type { MethodPreview } from '@/lib/data/method-preview';
import type { AdminErrorSay } from './errors';

/** What every admin form action answers; the token of a credential never appears here. */
export interface ActionResult {
  ok: boolean;
  /** The outcome in plain English, for logs and callers without a UI language. */
  message?: string;
  /**
   * The outcome as a message key under `admin.outcome` (messages/*.json) with its values:
   * the form shows this in the UI language, and `message` only when there is no key.
   */
  say?: { key: OutcomeKey; values?: Record<string, string | number> };
  field?: string;
  /** A refusal as a message key of `adminErrors` with its values (lib/admin/errors.ts). */
  refusal?: AdminErrorSay;
  /** That refusal in the viewer's language, rendered by the action: the form shows it before `message`. */
  shown?: string;
  /** A one-time link to show to the admin (invitation or password reset). */
  link?: string;
  /** The top ten a method definition would give (the method form's preview). */
  preview?: MethodPreview;
}

export const OUTCOME_KEYS = [
  'done',
  'signInRequired',
  'forbidden',
  'sessionsEnded',
  'methodSwitched',
  'methodInEffect',
  'methodPublished',
  'passwordsDiffer',
  'setupClosed',
  'methodPreviewed',
] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

export const initialResult: ActionResult = { ok: true };
