import type { AppLocale } from '@/i18n/config';

const TEXT = {
  ru: {
    title: 'База данных недоступна · Podium',
    h: 'База данных сейчас недоступна',
    p: 'Podium не может прочитать данные. Обычно это перезапуск базы данных, и он длится несколько секунд. Страница обновится сама.',
    retry: 'Обновить сейчас',
  },
  en: {
    title: 'Database unavailable · Podium',
    h: 'The database is unavailable right now',
    p: 'Podium cannot read its data. This is usually a database restart that lasts a few seconds. The page will reload by itself.',
    retry: 'Reload now',
  },
} as const;

export const RETRY_AFTER_SECONDS = 5;

/** A self-contained page (no scripts, no assets) served with 503 while the database is away. */
export function unavailablePage(locale: AppLocale): string {
  const t = TEXT[locale];
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>${t.title}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c1f24;background:#fff}
main{max-width:34rem;margin:12vh auto;padding:0 20px}
h1{font-size:1.4rem;margin:0 0 12px}
p{line-height:1.5;color:#3d434c}
a{color:#0b5cad}
</style>
</head>
<body>
<main role="alert">
<h1>${t.h}</h1>
<p>${t.p}</p>
<p><a href="">${t.retry}</a></p>
</main>
</body>
</html>
`;
}
