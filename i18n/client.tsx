'use client';

import type { AbstractIntlMessages, useLocale as NextIntlUseLocale, useTranslations as NextIntlUseTranslations } from 'next-intl';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import formatMessage from 'use-intl/format-message/format-only';
import { UI_TIME_ZONE } from './time-zone';

// The browser's translations: the layout's messages (compiled at build time,
// next.config.ts) formatted by next-intl's own small formatter, without
// next-intl's client runtime (about 3 KB gzipped on every page;
// docs/benchmarks.md, "Cutting first-load JavaScript, third pass"). The hooks
// keep next-intl's signatures, so keys stay type-checked against the messages.
// Server components use next-intl itself; a module shared by both imports
// '#i18n' (package.json), which is next-intl in server components and this in
// client ones.

type Values = Record<string, string | number | Date>;

/** A translator made elsewhere (next-intl's createTranslator), for rendering outside the app. */
export interface Translate {
  (key: string, values?: Values): string;
  has(key: string): boolean;
}

interface IntlValue {
  locale: string;
  messages?: AbstractIntlMessages;
  translate?: Translate;
}

const IntlContext = createContext<IntlValue | null>(null);

/** Gives client components their locale and messages (or a ready translator). */
export function IntlProvider({ locale, messages, translate, children }: IntlValue & { children: ReactNode }) {
  const value = useMemo(() => ({ locale, messages, translate }), [locale, messages, translate]);
  return <IntlContext.Provider value={value}>{children}</IntlContext.Provider>;
}

function useIntl(): IntlValue {
  const value = useContext(IntlContext);
  if (!value) throw new Error('IntlProvider is missing');
  return value;
}

function lookup(messages: AbstractIntlMessages | undefined, key: string): unknown {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A message, not a namespace: compiled messages are strings or arrays. */
const isMessage = (m: unknown) => typeof m === 'string' || Array.isArray(m);

// Intl objects are costly to build: one per locale and options.
type IntlClass<T> = new (locale: string, options?: object) => T;
const built = new Map<string, unknown>();
const memo =
  <T,>(C: IntlClass<T>) =>
  (locale: string, options?: object): T => {
    const key = `${C.name}|${locale}|${JSON.stringify(options)}`;
    if (!built.has(key)) built.set(key, new C(locale, options));
    return built.get(key) as T;
  };
const formatters = {
  getNumberFormat: memo(Intl.NumberFormat),
  getPluralRules: memo(Intl.PluralRules),
  getDateTimeFormat: memo(Intl.DateTimeFormat),
};

type FormatOptions = Parameters<typeof formatMessage>[3];

export const useLocale = (() => useIntl().locale) as typeof NextIntlUseLocale;

export const useTranslations = ((namespace?: string) => {
  const { locale, messages, translate } = useIntl();
  return useMemo(() => {
    const full = (key: string) => (namespace ? `${namespace}.${key}` : key);
    const t = (key: string, values?: Values): string => {
      const path = full(key);
      if (translate) return translate(path, values);
      const message = lookup(messages, path);
      if (!isMessage(message)) {
        // next-intl's behaviour in production: report it, show the key.
        console.error(`Missing message: ${path} (${locale})`);
        return path;
      }
      const options = { formatters, locale, timeZone: UI_TIME_ZONE } as unknown as FormatOptions;
      return formatMessage(path, message as never, values, options) as string;
    };
    t.has = (key: string) => (translate ? translate.has(full(key)) : isMessage(lookup(messages, full(key))));
    return t;
  }, [namespace, locale, messages, translate]);
}) as unknown as typeof NextIntlUseTranslations;
