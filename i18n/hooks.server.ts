// '#i18n' in server components (package.json "imports"): next-intl's own hooks.
// Client components get i18n/client.tsx under the same name.
export { useLocale, useTranslations } from 'next-intl';
