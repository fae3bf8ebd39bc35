import type { AppLocale } from '@/i18n/config';

/** Word forms per plural category; Russian needs one/few/many, English one/other. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<AppLocale, Intl.PluralRules>();

export function pluralCategory(n: number, locale: AppLocale): Intl.LDMLPluralRule {
  let r = rules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    rules.set(locale, r);
  }
  return r.select(n);
}

/** The word form for n: 1 подписчик, 2 подписчика, 5 подписчиков, 1,5 подписчика. */
export function pluralWord(n: number, locale: AppLocale, forms: PluralForms): string {
  return forms[pluralCategory(n, locale)] ?? forms.other;
}

export const RU_FOLLOWERS: PluralForms = { one: 'подписчик', few: 'подписчика', many: 'подписчиков', other: 'подписчика' };
export const EN_FOLLOWERS: PluralForms = { one: 'follower', other: 'followers' };
