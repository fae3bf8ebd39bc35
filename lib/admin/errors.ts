import { createTranslator } from 'next-intl';
import type { z } from 'zod';
import type { AppLocale } from '@/i18n/config';
import en from '../../messages/en.json';
import ru from '../../messages/ru.json';

// The admin's refusals as message keys (namespace `adminErrors` of messages/*.json,
// docs/ui.md "Language and formats"): a refusal carries its key and values; the admin
// pages show it in the viewer's language, the HTTP API and the CLI in English, from the
// same en message, so each text is written once.

export type AdminErrorKey = keyof typeof en.adminErrors;
export type AdminErrorValues = Record<string, string | number>;
/** A refusal as the UI renders it. */
export interface AdminErrorSay {
  key: AdminErrorKey;
  values?: AdminErrorValues;
}

const MESSAGES = { en, ru } as const;
const FIELDS = { en: en.adminFields, ru: ru.adminFields } as const;

function isKey(k: string): k is AdminErrorKey {
  return Object.hasOwn(en.adminErrors, k);
}

/** The refusal's text in `locale`; a `field` value is shown by its label (namespace `adminFields`). */
export function adminErrorText(locale: AppLocale, say: AdminErrorSay): string {
  const values: AdminErrorValues = { ...say.values };
  const field = values.field;
  if (typeof field === 'string' && Object.hasOwn(FIELDS[locale], field))
    values.field = FIELDS[locale][field as keyof typeof en.adminFields];
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'adminErrors' })(say.key, values);
}

/**
 * A zod issue as a refusal naming `field`: the schemas of lib/admin give message keys
 * of `adminErrors` as their messages, domain schemas a key in a custom issue's
 * `params.adminError`; other issues are named by their kind, and the rest keep zod's
 * own (English) words as the detail.
 */
export function issueSay(issue: z.core.$ZodIssue, field: string): AdminErrorSay {
  if (isKey(issue.message)) return { key: issue.message, values: { field } };
  const keyed = issue.code === 'custom' ? issue.params?.adminError : undefined;
  if (typeof keyed === 'string' && isKey(keyed)) return { key: keyed, values: { field } };
  if (issue.code === 'invalid_format') return { key: 'invalidValue', values: { field } };
  if (issue.code === 'unrecognized_keys') return { key: 'unknownKeys', values: { field, keys: issue.keys.join(', ').slice(0, 120) } };
  if (issue.code === 'too_big') {
    const max = String(issue.maximum);
    return issue.origin === 'string'
      ? { key: 'tooLong', values: { field, max: Number(issue.maximum) } }
      : { key: 'tooLarge', values: { field, max } };
  }
  if (issue.code === 'too_small') {
    if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { key: 'required', values: { field } };
    return { key: 'tooSmall', values: { field, min: String(issue.minimum) } };
  }
  if (issue.code === 'invalid_value') return { key: 'chooseOne', values: { field } };
  if (issue.code === 'invalid_type') return { key: 'invalidValue', values: { field } };
  return { key: 'invalidField', values: { field, detail: issue.message } };
}
